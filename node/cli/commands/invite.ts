/** `partner-sync invite`: a one-time token for a partner, and the command it runs to connect. */
import { PARTNER_TYPES, RELATIONSHIPS } from '../../../protocol/index.ts';
import { SETTINGS_BY_KEY } from '../../config/defaults.ts';
import { isLoopbackHost, parseNodeUrl } from '../../config/node-url.ts';
import { closestName } from '../../config/suggest.ts';
import { AppError } from '../../errors.ts';
import {
  createInvitation,
  parsePartnerProfile,
  type InvitationInput,
} from '../../partners/invitations.ts';
import type { PartnerProfile } from '../../store/types.ts';
import { flagString, splitList, type CommandContext, type CommandSpec } from '../command.ts';
import { UsageError } from '../errors.ts';
import { commandHint, withNode } from '../node-context.ts';
import { formatTime } from '../output.ts';
import { invitationView } from '../views.ts';
import { defaultKindsTable, RELATIONSHIP_KINDS } from '../../partners/default-kinds.ts';

export const PROFILE_FLAGS = {
  type: {
    name: 'type',
    type: 'string',
    value: 'TYPE',
    description: `How you classify the partner: ${PARTNER_TYPES.join(', ')}.`,
  },
  relationship: {
    name: 'relationship',
    type: 'string',
    value: 'REL',
    description: `Your relationship with the partner: ${RELATIONSHIPS.join(', ')}.`,
  },
  kinds: {
    name: 'kinds',
    type: 'string',
    value: 'a,b,c',
    description:
      'Message kinds the partner may send you, comma-separated; defaults to those of its type and relationship (see below).',
  },
} as const;

export const inviteCommand: CommandSpec = {
  name: 'invite',
  summary: 'Create a one-time invitation token for a partner to connect with',
  usage: [
    'invite --name NAME --type TYPE --relationship REL [--kinds a,b,c] [--ttl-hours N] [--json]',
  ],
  example: 'invite --name "Bolt Reseller" --type reseller --relationship strategic --ttl-hours 48',
  flags: [
    {
      name: 'name',
      type: 'string',
      value: 'NAME',
      description: 'The partner company, as you want to see it in your partner list.',
      required: true,
    },
    { ...PROFILE_FLAGS.type, required: true },
    { ...PROFILE_FLAGS.relationship, required: true },
    PROFILE_FLAGS.kinds,
    {
      name: 'ttl-hours',
      type: 'string',
      value: 'N',
      description: 'How long the token stays valid; defaults to the invitationTtlHours setting.',
    },
  ],
  json: true,
  details: [
    'The token is shown only once and works once. Send it to the partner over a channel you',
    'trust, together with the connect command printed here.',
    '',
    ...defaultKindsHelp(),
  ],
  async run(ctx) {
    const ttlHours = parseTtlHours(ctx);
    return withNode(ctx, async (node) => {
      const { deps } = node;
      const profile = profileFromFlags('invite', deps.schemas.kinds(), {
        name: flagString(ctx, 'name'),
        partnerType: flagString(ctx, 'type'),
        relationship: flagString(ctx, 'relationship'),
        kinds: splitList(flagString(ctx, 'kinds')),
      });
      const now = deps.clock.now();
      const { token, invitation } = await createInvitation(
        { store: deps.store, now, ttlMs: (ttlHours ?? deps.config.invitationTtlHours) * 3600_000 },
        profile,
      );
      const nodeUrl = node.nodeId;
      const command = `partner-sync connect ${nodeUrl} --token ${token}`;

      if (!node.running) {
        ctx.out.warn(
          `this node is not running; start it before the partner connects: ${commandHint(ctx, 'serve')}`,
        );
      }
      const own = parseNodeUrl(nodeUrl);
      if (own.ok && isLoopbackHost(own.hostname)) {
        ctx.out.warn(
          `${nodeUrl} is reachable from this machine only; for a partner elsewhere, set this node's public address with --url at init (or url in config.json)`,
        );
      }

      if (ctx.out.json) {
        ctx.out.data({ token, nodeUrl, invitation: invitationView(invitation, now) });
        return 0;
      }
      const { out } = ctx;
      out.line(`Invitation ${invitation.id} for ${out.style.bold(invitation.name)}`);
      out.fields([
        ['type', invitation.partnerType],
        ['relationship', invitation.relationship],
        ['may send', invitation.allowedKinds.join(', ')],
        ['expires', formatTime(invitation.expiresAt)],
        ['this node', nodeUrl],
      ]);
      out.line();
      out.line('Token (shown only now, valid once):');
      out.line(`  ${out.style.bold(token)}`);
      out.line();
      out.line('The partner connects by running, on its own node:');
      out.line(`  ${command}`);
      return 0;
    });
  },
};

/** The default kinds by partner type × relationship (protocol/PROTOCOL.md section 8). */
function defaultKindsHelp(): string[] {
  const lines = [
    'Without --kinds, the partner may send what its type sends within the relationship',
    `(${RELATIONSHIP_KINDS.join(' and ')} always):`,
  ];
  let type = '';
  for (const row of defaultKindsTable()) {
    if (row.partnerType !== type) lines.push(`  ${(type = row.partnerType)}`);
    const kinds = row.kinds.filter((k) => !(RELATIONSHIP_KINDS as readonly string[]).includes(k));
    wrapList(kinds.length > 0 ? kinds : ['(none)'], 72).forEach((part, i) =>
      lines.push(`    ${(i === 0 ? row.relationship : '').padEnd(16)} ${part}`),
    );
  }
  return lines;
}

/** Comma-separated items in lines of at most `width` characters. */
function wrapList(items: string[], width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const [i, item] of items.entries()) {
    const piece = i < items.length - 1 ? `${item},` : item;
    if (line !== '' && line.length + 1 + piece.length > width) {
      lines.push(line);
      line = piece;
    } else {
      line = line === '' ? piece : `${line} ${piece}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

function parseTtlHours(ctx: CommandContext): number | undefined {
  const raw = flagString(ctx, 'ttl-hours');
  if (raw === undefined) return undefined;
  const spec = SETTINGS_BY_KEY.get('invitationTtlHours');
  const min = spec?.min ?? 1;
  const max = spec?.max ?? 8760;
  const hours = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(hours) || hours < min || hours > max) {
    throw new UsageError(
      `--ttl-hours must be a whole number of hours from ${min} to ${max} (got "${raw}")`,
      'invite',
    );
  }
  return hours;
}

const FIELD_FLAGS: Readonly<Record<string, string>> = {
  name: '--name',
  partnerType: '--type',
  relationship: '--relationship',
  kinds: '--kinds',
};

/** parsePartnerProfile, with its complaints about fields told as the flags the operator typed. */
export function profileFromFlags(
  command: string,
  knownKinds: string[],
  input: InvitationInput,
): PartnerProfile {
  try {
    return parsePartnerProfile(input, knownKinds);
  } catch (error) {
    const flag = error instanceof AppError && error.field ? FIELD_FLAGS[error.field] : undefined;
    if (flag === undefined || !(error instanceof AppError)) throw error;
    const problem = error.message.startsWith(`${error.field} `)
      ? error.message.slice(`${error.field} `.length)
      : error.message;
    throw new UsageError(`${flag}: ${problem}${suggestion(error.field, input)}`, command);
  }
}

/** "; did you mean reseller?" for a misspelt type or relationship. */
function suggestion(field: string | undefined, input: InvitationInput): string {
  const [given, choices] =
    field === 'partnerType'
      ? [input.partnerType, PARTNER_TYPES]
      : field === 'relationship'
        ? [input.relationship, RELATIONSHIPS]
        : [undefined, []];
  const guess = typeof given === 'string' ? closestName(given, choices) : undefined;
  return guess === undefined ? '' : `; did you mean ${guess}?`;
}

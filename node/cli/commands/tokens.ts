/**
 * `partner-sync tokens …`: personal API tokens, for scripts and integrations that call /api as a
 * person. Printed once; carry at most their owner's roles; expire; revocable.
 */
import {
  apiTokenView,
  createApiToken,
  DEFAULT_TOKEN_DAYS,
  listApiTokens,
  revokeApiToken,
  TOKEN_DAYS,
} from '../../staff/api-tokens.ts';
import { CLI_ACTOR } from '../../staff/audit-actor.ts';
import { parseEmail } from '../../staff/staff-accounts.ts';
import { flagInteger, flagString, type CommandSpec } from '../command.ts';
import { withNode } from '../node-context.ts';
import { formatTime, statusCell } from '../output.ts';
import { EMAIL_FLAG, ROLE_FLAG, rolesFromFlags, withUsage } from './staff.ts';

export const tokensCreateCommand: CommandSpec = {
  name: 'tokens create',
  summary: 'Create a personal API token for a person (printed once)',
  usage: ['tokens create --email ADDRESS [--role ROLE…] [--expires-days N] [--json]'],
  example: 'tokens create --email dana@vendor.example --role viewer --expires-days 30 --json',
  flags: [
    EMAIL_FLAG,
    {
      ...ROLE_FLAG,
      description: `${ROLE_FLAG.description} Without it the token has whatever roles its owner holds.`,
    },
    {
      name: 'expires-days',
      type: 'string',
      value: 'N',
      description: `Days until the token stops working (${TOKEN_DAYS.min} to ${TOKEN_DAYS.max}).`,
      default: String(DEFAULT_TOKEN_DAYS),
    },
  ],
  json: true,
  details: [
    'Use it on /api as "Authorization: Bearer <token>", exactly like the admin token. It acts with',
    'its roles cut down to what its owner holds at the time, and stops when revoked, expired, or',
    'when its owner is removed.',
  ],
  async run(ctx) {
    const email = withUsage(ctx, '--email', () => parseEmail(flagString(ctx, 'email')));
    const roles = rolesFromFlags(ctx) ?? null;
    const expiresDays = flagInteger(ctx, 'expires-days', {
      ...TOKEN_DAYS,
      fallback: DEFAULT_TOKEN_DAYS,
    });
    return withNode(ctx, async ({ deps }) => {
      const created = await createApiToken(deps, { email, roles, expiresDays }, CLI_ACTOR);
      const view = apiTokenView(created.record, created.owner, deps.clock.now());
      if (ctx.out.json) {
        ctx.out.data({ token: created.token, ...view });
        return 0;
      }
      ctx.out.line(
        `Token ${view.id} for ${view.owner} (${view.roles.join(', ')}), until ${formatTime(created.record.expiresAt)}.`,
      );
      ctx.out.line('Shown only now; keep it like a password:');
      ctx.out.line(`  ${ctx.out.style.bold(created.token)}`);
      return 0;
    });
  },
};

export const tokensListCommand: CommandSpec = {
  name: 'tokens list',
  summary: 'List personal API tokens (never the tokens themselves)',
  usage: ['tokens list [--email ADDRESS] [--json]'],
  example: 'tokens list --email dana@vendor.example',
  flags: [{ ...EMAIL_FLAG, required: false, description: 'Only the tokens of this person.' }],
  json: true,
  async run(ctx) {
    const raw = flagString(ctx, 'email');
    const email = raw === undefined ? undefined : withUsage(ctx, '--email', () => parseEmail(raw));
    return withNode(ctx, async ({ deps }) => {
      const tokens = await listApiTokens(deps, email);
      if (ctx.out.json) {
        ctx.out.data(tokens);
        return 0;
      }
      if (tokens.length === 0) {
        ctx.out.line('No personal API tokens. Create one with "partner-sync tokens create".');
        return 0;
      }
      ctx.out.table(
        ['ID', 'OWNER', 'ROLES', 'STATE', 'EXPIRES', 'LAST USED'],
        tokens.map((t) => [
          t.id,
          t.owner ?? '-',
          t.roles.join(','),
          statusCell(t.state),
          t.expiresAt ? formatTime(new Date(t.expiresAt)) : '-',
          t.lastUsedAt ? formatTime(new Date(t.lastUsedAt)) : '-',
        ]),
      );
      return 0;
    });
  },
};

export const tokensRevokeCommand: CommandSpec = {
  name: 'tokens revoke',
  summary: 'Revoke a personal API token: it stops working at once',
  usage: ['tokens revoke <id> [--json]'],
  example: 'tokens revoke 0b6f2c1e-4d3a-4f7b-9a65-2f1d9c0e8a71',
  args: [{ name: 'id', required: true }],
  flags: [],
  json: true,
  async run(ctx) {
    return withNode(ctx, async ({ deps }) => {
      const token = await revokeApiToken(deps, ctx.args[0]!, CLI_ACTOR);
      const owner = await deps.store.read((tx) => tx.staff.getUser(token.staffId));
      const view = apiTokenView(token, owner ?? undefined, deps.clock.now());
      if (ctx.out.json) ctx.out.data(view);
      else ctx.out.line(`Revoked token ${view.id} of ${view.owner}.`);
      return 0;
    });
  },
};

export const TOKENS_COMMANDS: readonly CommandSpec[] = [
  tokensCreateCommand,
  tokensListCommand,
  tokensRevokeCommand,
];

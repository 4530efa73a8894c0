/**
 * `partner-sync portal …`: partners without a node of their own, who work through this node's
 * web pages. Invite one (its first sign-in link is printed once), add users, make new links,
 * revoke or restore access. Notifications, SMTP and history export are in portal-mail.ts.
 */
import { portalPartnerView, portalUserView } from '../../admin/portal/views.ts';
import { listPortalPartners, showPortalPartner } from '../../admin/portal/queries.ts';
import { AppError } from '../../errors.ts';
import {
  addPortalUser,
  invitePortalPartner,
  issueSignInLink,
  parseUserInput,
  revokePortalUser,
  setPortalAccess,
  type IssuedLink,
  type UserInput,
} from '../../portal/portal-access.ts';
import { flagString, splitList, type CommandContext, type CommandSpec } from '../command.ts';
import { UsageError } from '../errors.ts';
import { withNode } from '../node-context.ts';
import { formatTime, statusCell } from '../output.ts';
import { PORTAL_MAIL_COMMANDS } from './portal-mail.ts';
import { portalMoveCommand } from './portal-move.ts';
import { PROFILE_FLAGS, profileFromFlags } from './invite.ts';

type PartnerView = ReturnType<typeof portalPartnerView>;

const EMAIL_FLAG = {
  name: 'email',
  type: 'string',
  value: 'ADDRESS',
  description: "The user's e-mail address: notifications and sign-in links go there.",
} as const;
const USER_NAME_FLAG = {
  name: 'user-name',
  type: 'string',
  value: 'NAME',
  description: "The user's name, as the portal greets them.",
} as const;

const LANGUAGE_FLAG = {
  name: 'language',
  type: 'string',
  value: 'LANG',
  description:
    "The language of the user's portal pages and e-mails, invitation included: en or zh-CN. Without it, the user's browser decides (then the node's defaultLanguage); the user can change it on any page.",
} as const;

/** --email and --user-name as a user, or a usage error that names the flag. */
function userFromFlags(ctx: CommandContext, required: boolean): UserInput | undefined {
  const email = flagString(ctx, 'email');
  const name = flagString(ctx, 'user-name');
  const language = flagString(ctx, 'language');
  if (email === undefined && name === undefined && !required) {
    if (language !== undefined)
      throw new UsageError('--language needs --email and --user-name', ctx.spec.name);
    return undefined;
  }
  try {
    return parseUserInput({ email, name, ...(language !== undefined && { language }) });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const flag =
      error.field === 'email'
        ? '--email'
        : error.field === 'language'
          ? '--language'
          : '--user-name';
    throw new UsageError(`${flag}: ${error.message}`, ctx.spec.name);
  }
}

function userNumber(ctx: CommandContext): number {
  const raw = ctx.args[0] ?? '';
  if (!/^\d{1,15}$/.test(raw)) {
    throw new UsageError(`give the user's number, as "portal show" lists it`, ctx.spec.name);
  }
  return Number(raw);
}

function printLink(ctx: CommandContext, link: IssuedLink): void {
  ctx.out.line();
  ctx.out.line(`Sign-in link (shown only now, works once, until ${formatTime(link.expiresAt)}):`);
  ctx.out.line(`  ${ctx.out.style.bold(link.url)}`);
}

function printPartner(ctx: CommandContext, p: PartnerView): void {
  const { out } = ctx;
  out.line(`Portal partner ${p.id} ${out.style.bold(p.name)}`);
  out.fields([
    ['node id', p.nodeId],
    ['type', p.partnerType],
    ['status', statusCell(p.status)],
    ['access', p.access === 'revoked' ? { text: 'revoked', style: 'red' } : 'granted'],
    ['may send', p.allowedKinds.join(', ')],
  ]);
  if (p.users.length === 0) {
    out.line('  No users yet.');
    return;
  }
  out.line();
  out.table(
    ['USER', 'NAME', 'E-MAIL', 'LAST SIGN-IN', 'ACCESS'],
    p.users.map((u) => [
      String(u.id),
      u.name,
      u.email,
      u.lastSignInAt ? formatTime(new Date(u.lastSignInAt)) : '-',
      u.revokedAt ? { text: 'revoked', style: 'red' } : 'granted',
    ]),
  );
}

export const portalInviteCommand: CommandSpec = {
  name: 'portal invite',
  summary: 'Invite a partner without a node of its own to the partner portal',
  usage: [
    'portal invite --name NAME [--type TYPE] [--relationship REL] [--kinds a,b,c] [--email ADDRESS --user-name NAME [--language LANG]] [--json]',
  ],
  example:
    'portal invite --name "Corner Shop" --type reseller --email owner@corner.example --user-name "Sam Corner"',
  flags: [
    {
      name: 'name',
      type: 'string',
      value: 'NAME',
      description: 'The partner company.',
      required: true,
    },
    { ...PROFILE_FLAGS.type, default: 'reseller' },
    { ...PROFILE_FLAGS.relationship, default: 'strategic' },
    PROFILE_FLAGS.kinds,
    EMAIL_FLAG,
    USER_NAME_FLAG,
    LANGUAGE_FLAG,
  ],
  json: true,
  details: [
    'The partner becomes a partner like a connected one, with a node id under this node and a key',
    'this node keeps for it. With --email and --user-name its first user is created and a sign-in',
    'link printed; send it to that person. More users: "portal add-user".',
  ],
  async run(ctx) {
    const user = userFromFlags(ctx, false);
    return withNode(ctx, async (node) => {
      const profile = profileFromFlags(ctx.spec.name, node.deps.handlers.kinds(), {
        name: flagString(ctx, 'name'),
        partnerType: flagString(ctx, 'type') ?? 'reseller',
        relationship: flagString(ctx, 'relationship') ?? 'strategic',
        kinds: splitList(flagString(ctx, 'kinds')),
      });
      const created = await invitePortalPartner(node.deps, { profile, ...(user && { user }) });
      const view = await showPortalPartner(node.deps.store, String(created.partner.id));
      if (ctx.out.json) {
        ctx.out.data({
          partner: view,
          ...(created.link && {
            signInUrl: created.link.url,
            expiresAt: created.link.expiresAt.toISOString(),
          }),
        });
        return 0;
      }
      printPartner(ctx, view);
      if (created.link) printLink(ctx, created.link);
      return 0;
    });
  },
};

export const portalListCommand: CommandSpec = {
  name: 'portal',
  summary: 'List the partners of the partner portal and their users',
  usage: ['portal [--json]'],
  example: 'portal --json',
  flags: [],
  json: true,
  async run(ctx) {
    return withNode(ctx, async (node) => {
      const partners = await listPortalPartners(node.deps.store);
      if (ctx.out.json) {
        ctx.out.data(partners);
        return 0;
      }
      if (partners.length === 0) {
        ctx.out.line('No portal partners. Invite one with "partner-sync portal invite".');
        return 0;
      }
      ctx.out.table(
        ['ID', 'NAME', 'STATUS', 'ACCESS', 'USERS'],
        partners.map((p) => [
          String(p.id),
          p.name,
          statusCell(p.status),
          p.access === 'revoked' ? { text: 'revoked', style: 'red' } : 'granted',
          String(p.users.filter((u) => !u.revokedAt).length),
        ]),
      );
      return 0;
    });
  },
};

export const portalShowCommand: CommandSpec = {
  name: 'portal show',
  summary: 'Show one portal partner with its users',
  usage: ['portal show <partner> [--json]'],
  example: 'portal show 5',
  args: [{ name: 'partner', required: true }],
  flags: [],
  json: true,
  async run(ctx) {
    return withNode(ctx, async (node) => {
      const view = await showPortalPartner(node.deps.store, ctx.args[0]!);
      if (ctx.out.json) ctx.out.data(view);
      else printPartner(ctx, view);
      return 0;
    });
  },
};

export const portalAddUserCommand: CommandSpec = {
  name: 'portal add-user',
  summary: 'Add a user to a portal partner and print their sign-in link',
  usage: ['portal add-user <partner> --email ADDRESS --user-name NAME [--language LANG] [--json]'],
  example: 'portal add-user 5 --email sales@corner.example --user-name "Kim Corner"',
  args: [{ name: 'partner', required: true }],
  flags: [{ ...EMAIL_FLAG, required: true }, { ...USER_NAME_FLAG, required: true }, LANGUAGE_FLAG],
  json: true,
  async run(ctx) {
    const user = userFromFlags(ctx, true)!;
    return withNode(ctx, async (node) => {
      const added = await addPortalUser(node.deps, ctx.args[0]!, user);
      if (ctx.out.json) {
        ctx.out.data({
          user: portalUserView(added.user),
          signInUrl: added.link.url,
          expiresAt: added.link.expiresAt.toISOString(),
        });
        return 0;
      }
      ctx.out.line(`User ${added.user.id} ${added.user.name} <${added.user.email}> added.`);
      printLink(ctx, added.link);
      return 0;
    });
  },
};

export const portalLinkCommand: CommandSpec = {
  name: 'portal link',
  summary: 'Make a new one-time sign-in link for a portal user',
  usage: ['portal link <user> [--json]'],
  example: 'portal link 7',
  args: [{ name: 'user', required: true }],
  flags: [],
  json: true,
  async run(ctx) {
    const userId = userNumber(ctx);
    return withNode(ctx, async (node) => {
      const link = await issueSignInLink(node.deps, userId);
      if (ctx.out.json) {
        ctx.out.data({ signInUrl: link.url, expiresAt: link.expiresAt.toISOString() });
        return 0;
      }
      printLink(ctx, link);
      return 0;
    });
  },
};

function accessCommand(access: 'revoke' | 'restore'): CommandSpec {
  return {
    name: `portal ${access}`,
    summary:
      access === 'revoke'
        ? "Revoke a portal partner's access: its sessions end, unused links die"
        : "Restore a portal partner's revoked access (its users need new links)",
    usage: [`portal ${access} <partner> [--json]`],
    example: `portal ${access} 5`,
    args: [{ name: 'partner', required: true }],
    flags: [],
    json: true,
    async run(ctx) {
      return withNode(ctx, async (node) => {
        await setPortalAccess(node.deps, ctx.args[0]!, access);
        const view = await showPortalPartner(node.deps.store, ctx.args[0]!);
        if (ctx.out.json) ctx.out.data(view);
        else ctx.out.line(`Portal access of ${view.name}: ${view.access}.`);
        return 0;
      });
    },
  };
}

export const portalRevokeUserCommand: CommandSpec = {
  name: 'portal revoke-user',
  summary: "End one portal user's access: their sessions end, unused links die",
  usage: ['portal revoke-user <user> [--json]'],
  example: 'portal revoke-user 7',
  args: [{ name: 'user', required: true }],
  flags: [],
  json: true,
  async run(ctx) {
    const userId = userNumber(ctx);
    return withNode(ctx, async (node) => {
      const user = await revokePortalUser(node.deps, userId);
      if (ctx.out.json) ctx.out.data(portalUserView(user));
      else ctx.out.line(`User ${user.id} ${user.name} can no longer sign in.`);
      return 0;
    });
  },
};

export const PORTAL_COMMANDS: readonly CommandSpec[] = [
  portalListCommand,
  portalInviteCommand,
  portalShowCommand,
  portalAddUserCommand,
  portalLinkCommand,
  accessCommand('revoke'),
  accessCommand('restore'),
  portalRevokeUserCommand,
  ...PORTAL_MAIL_COMMANDS,
  portalMoveCommand,
];

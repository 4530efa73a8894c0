/**
 * `partner-sync staff …`: the company's people who use this node, with their roles. Add someone,
 * change their roles, remove them, print a one-time console sign-in link, and change the staff
 * settings (second factor, sessions, lockout, single sign-on). Every change is audited as made
 * by the CLI (the operator at the node's machine).
 */
import { ROLES } from '../../domain-kernel/roles.ts';
import { AppError } from '../../errors.ts';
import { CLI_ACTOR } from '../../staff/audit-actor.ts';
import {
  addStaff,
  parseEmail,
  parseRoles,
  parseStaffInput,
  removeStaff,
  setStaffRoles,
  staffView,
} from '../../staff/staff-accounts.ts';
import { issueStaffLink } from '../../staff/sign-in-links.ts';
import { flagString, type CommandContext, type CommandSpec, type FlagSpec } from '../command.ts';
import { UsageError } from '../errors.ts';
import { withNode } from '../node-context.ts';
import { formatTime } from '../output.ts';
import { staffSettingsCommand } from './staff-settings.ts';

export const EMAIL_FLAG: FlagSpec = {
  name: 'email',
  type: 'string',
  value: 'ADDRESS',
  description: "The person's e-mail address: it names their account.",
  required: true,
};

export const ROLE_FLAG: FlagSpec = {
  name: 'role',
  type: 'string',
  value: 'ROLE',
  multiple: true,
  description: `A role (repeat the flag, or separate with commas): ${ROLES.join(', ')}.`,
};

/** The --role values, or undefined when none was given. */
export function rolesFromFlags(ctx: CommandContext) {
  const raw = flagString(ctx, 'role');
  if (raw === undefined) return undefined;
  return withUsage(ctx, '--role', () => parseRoles(raw.split(',')));
}

/** Turns an input error into a usage error that names the flag. */
export function withUsage<T>(ctx: CommandContext, flag: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof AppError && error.status === 400) {
      throw new UsageError(`${flag}: ${error.message}`, ctx.spec.name);
    }
    throw error;
  }
}

function emailFrom(ctx: CommandContext): string {
  return withUsage(ctx, '--email', () => parseEmail(flagString(ctx, 'email')));
}

export const staffAddCommand: CommandSpec = {
  name: 'staff add',
  summary: 'Add a person who works with this node, with their roles',
  usage: [
    'staff add --email ADDRESS --name NAME --role ROLE [--role ROLE…] [--language TAG] [--json]',
  ],
  example: 'staff add --email dana@vendor.example --name "Dana Desk" --role order_desk',
  flags: [
    EMAIL_FLAG,
    {
      name: 'name',
      type: 'string',
      value: 'NAME',
      description: "The person's name.",
      required: true,
    },
    { ...ROLE_FLAG, required: true },
    {
      name: 'language',
      type: 'string',
      value: 'TAG',
      description: 'The language the console speaks to them in.',
      default: 'en',
    },
  ],
  json: true,
  details: [
    'Then give them a way to sign in: "staff link --email ADDRESS" prints a one-time link to the',
    'console, where they can set a password and a second factor; or connect your identity',
    'provider with "staff settings --oidc-issuer …".',
  ],
  async run(ctx) {
    const input = (() => {
      try {
        return parseStaffInput({
          email: flagString(ctx, 'email'),
          name: flagString(ctx, 'name'),
          language: flagString(ctx, 'language'),
          roles: (flagString(ctx, 'role') ?? '').split(','),
        });
      } catch (error) {
        if (!(error instanceof AppError) || error.status !== 400) throw error;
        throw new UsageError(`--${error.field ?? 'role'}: ${error.message}`, ctx.spec.name);
      }
    })();
    return withNode(ctx, async ({ deps }) => {
      const user = await addStaff(deps, input, CLI_ACTOR);
      if (ctx.out.json) ctx.out.data(staffView(user));
      else ctx.out.line(`Added ${user.name} <${user.email}> as ${user.roles.join(', ')}.`);
      return 0;
    });
  },
};

export const staffListCommand: CommandSpec = {
  name: 'staff list',
  summary: 'List the people who work with this node and their roles',
  usage: ['staff list [--all] [--json]'],
  example: 'staff list',
  flags: [{ name: 'all', type: 'boolean', description: 'Include people who were removed.' }],
  json: true,
  async run(ctx) {
    return withNode(ctx, async ({ deps }) => {
      const all = ctx.flags.all === true;
      const users = (await deps.store.read((tx) => tx.staff.listUsers())).filter(
        (u) => all || u.removedAt === null,
      );
      if (ctx.out.json) {
        ctx.out.data(users.map(staffView));
        return 0;
      }
      if (users.length === 0) {
        ctx.out.line('No staff yet. Add someone with "partner-sync staff add".');
        return 0;
      }
      ctx.out.table(
        ['E-MAIL', 'NAME', 'ROLES', 'SIGN-IN', 'LAST SIGN-IN', 'STATUS'],
        users.map((u) => {
          const v = staffView(u);
          const ways = [v.password && 'password', v.totp && 'totp', v.sso && 'sso'].filter(Boolean);
          return [
            u.email,
            u.name,
            u.roles.join(','),
            ways.length ? ways.join('+') : 'link',
            u.lastSignInAt ? formatTime(u.lastSignInAt) : '-',
            u.removedAt ? { text: 'removed', style: 'red' } : 'active',
          ];
        }),
      );
      return 0;
    });
  },
};

export const staffRolesCommand: CommandSpec = {
  name: 'staff roles',
  summary: "Replace a person's roles",
  usage: ['staff roles --email ADDRESS --role ROLE [--role ROLE…] [--json]'],
  example: 'staff roles --email dana@vendor.example --role order_desk --role finance',
  flags: [EMAIL_FLAG, { ...ROLE_FLAG, required: true }],
  json: true,
  details: [
    'Takes effect on their next request, for their sessions and their tokens alike. The last',
    'owner cannot give up the owner role.',
  ],
  async run(ctx) {
    const email = emailFrom(ctx);
    const roles = rolesFromFlags(ctx)!;
    return withNode(ctx, async ({ deps }) => {
      const user = await setStaffRoles(deps, email, roles, CLI_ACTOR);
      if (ctx.out.json) ctx.out.data(staffView(user));
      else ctx.out.line(`${user.email} now holds ${user.roles.join(', ')}.`);
      return 0;
    });
  },
};

export const staffRemoveCommand: CommandSpec = {
  name: 'staff remove',
  summary: 'Remove a person: their sessions end and their tokens are revoked',
  usage: ['staff remove --email ADDRESS [--json]'],
  example: 'staff remove --email dana@vendor.example',
  flags: [EMAIL_FLAG],
  json: true,
  details: ['Their entries in the audit trail stay. The last owner cannot be removed.'],
  async run(ctx) {
    const email = emailFrom(ctx);
    return withNode(ctx, async ({ deps }) => {
      const user = await removeStaff(deps, email, CLI_ACTOR);
      if (ctx.out.json) ctx.out.data(staffView(user));
      else
        ctx.out.line(`Removed ${user.email}; their sessions ended and their tokens were revoked.`);
      return 0;
    });
  },
};

export const staffLinkCommand: CommandSpec = {
  name: 'staff link',
  summary: 'Print a one-time sign-in link to the console for a person',
  usage: ['staff link --email ADDRESS [--json]'],
  example: 'staff link --email dana@vendor.example --json',
  flags: [EMAIL_FLAG],
  json: true,
  details: [
    'The link is shown only now and works once, until it expires (staff settings --link-hours).',
    'Opening it shows a button; the session starts when the person presses it.',
  ],
  async run(ctx) {
    const email = emailFrom(ctx);
    return withNode(ctx, async ({ deps }) => {
      const link = await issueStaffLink(deps, email, CLI_ACTOR);
      if (ctx.out.json) {
        ctx.out.data({ url: link.url, expiresAt: link.expiresAt.toISOString() });
        return 0;
      }
      ctx.out.line(
        `Sign-in link for ${link.user.email} (shown only now, works once, until ${formatTime(link.expiresAt)}):`,
      );
      ctx.out.line(`  ${ctx.out.style.bold(link.url)}`);
      return 0;
    });
  },
};

export const STAFF_COMMANDS: readonly CommandSpec[] = [
  staffAddCommand,
  staffListCommand,
  staffRolesCommand,
  staffRemoveCommand,
  staffLinkCommand,
  staffSettingsCommand,
];

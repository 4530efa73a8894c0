/** `partner-sync staff settings`: second factor policy, sessions, lockout and single sign-on. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  changeStaffSettings,
  parseGroupRoles,
  type StaffSettingsChange,
} from '../../staff/change-staff-settings.ts';
import { CLI_ACTOR } from '../../staff/audit-actor.ts';
import { readStaffSettings, staffSettingsView } from '../../staff/staff-settings.ts';
import {
  flagInteger,
  flagSet,
  flagString,
  type CommandContext,
  type CommandSpec,
} from '../command.ts';
import { UsageError } from '../errors.ts';
import { withNode } from '../node-context.ts';
import { withUsage } from './staff.ts';

function integerFlag(ctx: CommandContext, name: string): number | undefined {
  return flagString(ctx, name) === undefined
    ? undefined
    : flagInteger(ctx, name, { min: 0, max: 1_000_000, fallback: 0 });
}

async function changeFromFlags(ctx: CommandContext): Promise<StaffSettingsChange> {
  const change: StaffSettingsChange = {};
  const totp = flagString(ctx, 'require-totp');
  if (totp !== undefined) {
    if (totp !== 'on' && totp !== 'off') {
      throw new UsageError('--require-totp is on or off', ctx.spec.name);
    }
    change.requireTotp = totp === 'on';
  }
  const numbers = {
    'session-idle-minutes': 'sessionIdleMinutes',
    'session-max-hours': 'sessionMaxHours',
    'link-hours': 'linkHours',
    'lockout-threshold': 'lockoutThreshold',
    'lockout-minutes': 'lockoutMinutes',
  } as const;
  for (const [flag, key] of Object.entries(numbers)) {
    const value = integerFlag(ctx, flag);
    if (value !== undefined) change[key] = value;
  }
  if (flagSet(ctx, 'oidc-off')) change.oidc = null;
  const issuer = flagString(ctx, 'oidc-issuer');
  if (issuer !== undefined) {
    const clientId = flagString(ctx, 'oidc-client-id');
    const clientSecret = await secretFromFlags(ctx);
    if (clientId === undefined || clientSecret === undefined) {
      throw new UsageError(
        '--oidc-issuer needs --oidc-client-id and --oidc-client-secret-file (or --oidc-client-secret)',
        ctx.spec.name,
      );
    }
    const pairs = (flagString(ctx, 'oidc-group-role') ?? '').split(',').filter((p) => p !== '');
    change.oidc = {
      issuer,
      clientId,
      clientSecret,
      groupsClaim: flagString(ctx, 'oidc-groups-claim') ?? 'groups',
      groupRoles: withUsage(ctx, '--oidc-group-role', () => parseGroupRoles(pairs)),
    };
  }
  return change;
}

/** The client secret, preferably from a file (a flag's value shows in the process list). */
async function secretFromFlags(ctx: CommandContext): Promise<string | undefined> {
  const file = flagString(ctx, 'oidc-client-secret-file');
  if (file === undefined) return flagString(ctx, 'oidc-client-secret');
  try {
    return (await readFile(resolve(ctx.io.cwd, file), 'utf8')).trim();
  } catch {
    throw new UsageError(`--oidc-client-secret-file: cannot read ${file}`, ctx.spec.name);
  }
}

export const staffSettingsCommand: CommandSpec = {
  name: 'staff settings',
  summary: 'Show or change staff sign-in: second factor, sessions, lockout, SSO',
  usage: [
    'staff settings [--require-totp on|off] [--session-idle-minutes N] [--session-max-hours N] [--link-hours N] [--lockout-threshold N] [--lockout-minutes N] [--json]',
    'staff settings --oidc-issuer URL --oidc-client-id ID --oidc-client-secret-file PATH [--oidc-groups-claim NAME] [--oidc-group-role GROUP=ROLE…]',
    'staff settings --oidc-off',
  ],
  example:
    'staff settings --oidc-issuer https://id.vendor.example --oidc-client-id partner-sync --oidc-group-role sales=channel_manager',
  flags: [
    {
      name: 'require-totp',
      type: 'string',
      value: 'on|off',
      description: 'Make a second factor (TOTP) mandatory for password sign-in.',
    },
    {
      name: 'session-idle-minutes',
      type: 'string',
      value: 'N',
      description: 'A console session unused this long ends.',
      default: '30',
    },
    {
      name: 'session-max-hours',
      type: 'string',
      value: 'N',
      description: 'A console session ends this long after sign-in.',
      default: '12',
    },
    {
      name: 'link-hours',
      type: 'string',
      value: 'N',
      description: 'How long a sign-in link from "staff link" works.',
      default: '24',
    },
    {
      name: 'lockout-threshold',
      type: 'string',
      value: 'N',
      description: 'Failed sign-ins in a row that lock an account.',
      default: '5',
    },
    {
      name: 'lockout-minutes',
      type: 'string',
      value: 'N',
      description: 'How long a locked account stays locked.',
      default: '15',
    },
    {
      name: 'oidc-issuer',
      type: 'string',
      value: 'URL',
      description: "Your identity provider's issuer URL (OpenID Connect).",
    },
    {
      name: 'oidc-client-id',
      type: 'string',
      value: 'ID',
      description: 'The client id the provider gave this node.',
    },
    {
      name: 'oidc-client-secret',
      type: 'string',
      value: 'SECRET',
      description: 'The client secret (better: --oidc-client-secret-file).',
    },
    {
      name: 'oidc-client-secret-file',
      type: 'string',
      value: 'PATH',
      description: 'A file holding the client secret.',
    },
    {
      name: 'oidc-groups-claim',
      type: 'string',
      value: 'NAME',
      description: "The claim listing the person's groups.",
      default: 'groups',
    },
    {
      name: 'oidc-group-role',
      type: 'string',
      value: 'GROUP=ROLE',
      multiple: true,
      description: 'A provider group and the role it grants (repeat for more).',
    },
    { name: 'oidc-off', type: 'boolean', description: 'Turn single sign-on off.' },
  ],
  json: true,
  details: [
    'Without flags, shows the settings. The provider must allow the redirect URI',
    '<node url>/console/sign-in/oidc/callback. People signing in through it get the roles their',
    'groups map to (at every sign-in); someone whose groups map to no role is refused.',
  ],
  async run(ctx) {
    const change = await changeFromFlags(ctx);
    return withNode(ctx, async ({ deps }) => {
      const view =
        Object.keys(change).length === 0
          ? staffSettingsView(await deps.store.read(readStaffSettings))
          : await withUsageAsync(ctx, () => changeStaffSettings(deps, change, CLI_ACTOR));
      if (ctx.out.json) {
        ctx.out.data(view);
        return 0;
      }
      ctx.out.fields([
        ['second factor', view.requireTotp ? 'required' : 'optional'],
        ['session idle', `${view.sessionIdleMinutes} min`],
        ['session max', `${view.sessionMaxHours} h`],
        ['link lifetime', `${view.linkHours} h`],
        ['lockout', `${view.lockoutThreshold} failures → ${view.lockoutMinutes} min`],
        [
          'single sign-on',
          view.oidc ? `${view.oidc.issuer} (client ${view.oidc.clientId})` : 'off',
        ],
        ...(view.oidc
          ? Object.entries(view.oidc.groupRoles).map(
              ([group, roles]) => [`  group ${group}`, roles.join(', ')] as const,
            )
          : []),
      ]);
      return 0;
    });
  },
};

async function withUsageAsync<T>(ctx: CommandContext, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    withUsage(ctx, 'staff settings', () => {
      throw error;
    });
    throw error;
  }
}

/**
 * `partner-sync portal notifications | settings | export`: the queue of e-mails to portal users
 * (and whether e-mail is on), the portal's settings (SMTP server, session and link lifetimes), and
 * a portal partner's signed history.
 */
import { writeFile } from 'node:fs/promises';
import { NOTIFICATION_STATES } from '../../admin/portal/routes.ts';
import { notificationView } from '../../admin/portal/views.ts';
import { AppError } from '../../errors.ts';
import { exportHistory } from '../../portal/export-history.ts';
import { findPortalPartner } from '../../portal/portal-access.ts';
import { parseSettingsChange } from '../../portal/portal-settings-change.ts';
import { readPortalSettings, settingsView } from '../../portal/portal-settings.ts';
import type { NotificationState } from '../../store/portal-store.ts';
import { flagInteger, flagSet, flagString, type CommandSpec } from '../command.ts';
import { UsageError } from '../errors.ts';
import { withNode } from '../node-context.ts';
import { formatTime, truncate } from '../output.ts';
import { partnerFilter } from './outbox.ts';

const LIMIT = { min: 1, max: 500, fallback: 50 };

export const portalNotificationsCommand: CommandSpec = {
  name: 'portal notifications',
  summary: 'E-mails to portal users: queued, sent or failed, newest first',
  usage: ['portal notifications [--state queued|sent|failed] [--partner REF] [--limit N] [--json]'],
  example: 'portal notifications --state failed',
  flags: [
    { name: 'state', type: 'string', value: 'STATE', description: 'Only this state.' },
    { name: 'partner', type: 'string', value: 'REF', description: 'Only to this portal partner.' },
    {
      name: 'limit',
      type: 'string',
      value: 'N',
      description: `At most N (default ${LIMIT.fallback}).`,
    },
  ],
  json: true,
  async run(ctx) {
    const state = flagString(ctx, 'state');
    if (state !== undefined && !(NOTIFICATION_STATES as readonly string[]).includes(state)) {
      throw new UsageError(
        `--state must be one of ${NOTIFICATION_STATES.join(', ')}`,
        ctx.spec.name,
      );
    }
    const limit = flagInteger(ctx, 'limit', LIMIT);
    return withNode(ctx, async (node) => {
      const partnerId = await partnerFilter(node.deps.store, ctx);
      const { rows, settings } = await node.deps.store.read(async (tx) => ({
        rows: await tx.portal.listNotifications(
          {
            ...(state !== undefined && { state: state as NotificationState }),
            ...(partnerId !== undefined && { partnerId }),
          },
          { limit },
        ),
        settings: await readPortalSettings(tx),
      }));
      if (ctx.out.json) {
        ctx.out.data({
          emailEnabled: settings.smtp !== null,
          notifications: rows.map(notificationView),
        });
        return 0;
      }
      if (settings.smtp === null) {
        ctx.out.warn(
          'e-mail is off (no SMTP settings): notifications wait; set them with "portal settings"',
        );
      }
      if (rows.length === 0) {
        ctx.out.line('No notifications.');
        return 0;
      }
      ctx.out.table(
        ['ID', 'CREATED', 'USER', 'STATE', 'SUBJECT'],
        rows.map((n) => {
          const v = notificationView(n);
          return [
            String(n.id),
            formatTime(n.createdAt),
            String(n.userId),
            v.state,
            truncate(n.subject, 60),
          ];
        }),
      );
      return 0;
    });
  },
};

export const portalSettingsCommand: CommandSpec = {
  name: 'portal settings',
  summary: "Show or change the portal's SMTP server and session and link lifetimes",
  usage: [
    'portal settings [--json]',
    'portal settings --smtp-host HOST --smtp-from ADDRESS [--smtp-port N] [--smtp-secure] [--smtp-user USER --smtp-password-env VAR]',
    'portal settings --smtp-off',
    'portal settings [--session-hours N] [--link-hours N]',
  ],
  example:
    'portal settings --smtp-host smtp.acme.example --smtp-from partners@acme.example --smtp-user partners --smtp-password-env SMTP_PASSWORD',
  flags: [
    {
      name: 'smtp-host',
      type: 'string',
      value: 'HOST',
      description: 'The SMTP server notifications go through.',
    },
    { name: 'smtp-port', type: 'string', value: 'N', description: 'Its port (default 587).' },
    {
      name: 'smtp-secure',
      type: 'boolean',
      description: 'TLS from the start (the default on port 465).',
    },
    {
      name: 'smtp-user',
      type: 'string',
      value: 'USER',
      description: 'User name, when the server asks for one.',
    },
    {
      name: 'smtp-password-env',
      type: 'string',
      value: 'VAR',
      description: 'The environment variable holding the password (kept out of the shell history).',
    },
    {
      name: 'smtp-from',
      type: 'string',
      value: 'ADDRESS',
      description: 'The From address of every mail.',
    },
    {
      name: 'smtp-off',
      type: 'boolean',
      description: 'Turn e-mail off; notifications wait in the queue.',
    },
    {
      name: 'session-hours',
      type: 'string',
      value: 'N',
      description: 'How long a portal session lasts.',
    },
    {
      name: 'link-hours',
      type: 'string',
      value: 'N',
      description: 'How long an invitation link stays valid.',
    },
  ],
  json: true,
  async run(ctx) {
    const input: Record<string, unknown> = {};
    const host = flagString(ctx, 'smtp-host');
    if (flagSet(ctx, 'smtp-off')) input.smtp = null;
    else if (host !== undefined) {
      const passwordVar = flagString(ctx, 'smtp-password-env');
      const password = passwordVar === undefined ? undefined : ctx.io.env[passwordVar];
      if (passwordVar !== undefined && password === undefined) {
        throw new UsageError(`--smtp-password-env: ${passwordVar} is not set`, ctx.spec.name);
      }
      const port = flagString(ctx, 'smtp-port');
      input.smtp = {
        host,
        ...(port !== undefined && { port: /^\d+$/.test(port) ? Number(port) : port }),
        ...(flagSet(ctx, 'smtp-secure') && { secure: true }),
        ...(flagString(ctx, 'smtp-user') !== undefined && { user: flagString(ctx, 'smtp-user') }),
        ...(password !== undefined && { password }),
        from: flagString(ctx, 'smtp-from'),
      };
    }
    for (const [flag, key] of [
      ['session-hours', 'sessionHours'],
      ['link-hours', 'linkHours'],
    ] as const) {
      const raw = flagString(ctx, flag);
      if (raw !== undefined) input[key] = /^\d+$/.test(raw) ? Number(raw) : raw;
    }
    let change;
    try {
      change = parseSettingsChange(input);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      throw new UsageError(error.message, ctx.spec.name);
    }
    return withNode(ctx, async (node) => {
      const now = node.deps.clock.now();
      const settings = await node.deps.store.transact(async (tx) => {
        if (Object.keys(change).length > 0) await tx.portal.saveSettings(change, now);
        return readPortalSettings(tx);
      });
      const view = settingsView(settings);
      if (ctx.out.json) {
        ctx.out.data(view);
        return 0;
      }
      ctx.out.fields([
        [
          'e-mail',
          view.smtp
            ? `${view.smtp.host}:${view.smtp.port}${view.smtp.secure ? ' (TLS)' : ''} from ${view.smtp.from}`
            : { text: 'off (no SMTP settings)', style: 'yellow' },
        ],
        ['smtp user', view.smtp?.user ?? undefined],
        ['sessions last', `${view.sessionHours} hours`],
        ['links last', `${view.linkHours} hours`],
      ]);
      return 0;
    });
  },
};

export const portalExportCommand: CommandSpec = {
  name: 'portal export',
  summary: "Export a portal partner's signed messages and receipts as JSON",
  usage: ['portal export <partner> [--out FILE]'],
  example: 'portal export 5 --out corner-shop.json',
  args: [{ name: 'partner', required: true }],
  flags: [
    { name: 'out', type: 'string', value: 'FILE', description: 'Write to FILE instead of stdout.' },
  ],
  async run(ctx) {
    return withNode(ctx, async (node) => {
      const { partner } = await node.deps.store.read((tx) => findPortalPartner(tx, ctx.args[0]!));
      const history = await exportHistory(node.deps, partner);
      const text = `${JSON.stringify(history, null, 2)}\n`;
      const out = flagString(ctx, 'out');
      // The history is JSON already: --json prints the same document.
      if (out === undefined && ctx.out.json) ctx.out.data(history);
      else if (out === undefined) ctx.io.stdout.write(text);
      else {
        await writeFile(out, text, { mode: 0o600 });
        ctx.out.warn(`history of ${partner.name} written to ${out}`);
      }
      return 0;
    });
  },
};

export const PORTAL_MAIL_COMMANDS: readonly CommandSpec[] = [
  portalNotificationsCommand,
  portalSettingsCommand,
  portalExportCommand,
];

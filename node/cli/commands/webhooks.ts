/**
 * `partner-sync webhooks …`: the webhook endpoints of docs/integrations.md, on the data directory
 * (a running node's worker picks up what these commands queue on its next poll).
 */
import { notFound } from '../../errors.ts';
import {
  DEFAULT_ROTATION_OVERLAP_HOURS,
  createWebhook,
  deliveryView,
  getWebhook,
  replayWebhook,
  rotateWebhookSecret,
  sendTestEvent,
  webhookView,
} from '../../webhooks/webhook-service.ts';
import { flagString, type CommandSpec } from '../command.ts';
import { UsageError } from '../errors.ts';
import { withNode } from '../node-context.ts';
import { formatTime, statusCell } from '../output.ts';

const idArg = [{ name: 'id', required: true }] as const;

function integerFlag(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d{1,16}$/.test(value)) throw new UsageError(`--${name} must be a whole number`);
  return Number(value);
}

export const webhooksCommand: CommandSpec = {
  name: 'webhooks',
  summary: 'List webhook endpoints and whether they are active',
  usage: ['webhooks [--json]'],
  example: 'webhooks',
  flags: [],
  json: true,
  async run(ctx) {
    return withNode(ctx, async ({ deps }) => {
      const endpoints = await deps.store.read((tx) => tx.webhooks.list());
      if (ctx.out.json) {
        ctx.out.data(endpoints.map(webhookView));
        return 0;
      }
      if (endpoints.length === 0) {
        ctx.out.line('No webhook endpoints yet. Add one with: partner-sync webhooks add --help');
        return 0;
      }
      ctx.out.table(
        ['ID', 'URL', 'STATUS', 'EVENTS', 'WHY DISABLED'],
        endpoints.map((e) => [
          e.id,
          e.url,
          statusCell(e.status),
          e.events.length === 0 ? '*' : e.events.join(','),
          e.disabledReason ?? '-',
        ]),
      );
      return 0;
    });
  },
};

export const webhooksAddCommand: CommandSpec = {
  name: 'webhooks add',
  summary: 'Add a webhook endpoint; prints its signing secret once',
  usage: ['webhooks add <url> [--events TYPES] [--description TEXT] [--json]'],
  example: 'webhooks add https://crm.example.com/hooks/partner-sync --events lead.,deal.decided',
  args: [{ name: 'url', required: true }],
  flags: [
    {
      name: 'events',
      type: 'string',
      value: 'TYPES',
      description: 'Comma-separated event types or prefixes (lead. or lead.*); default: all',
    },
    { name: 'description', type: 'string', value: 'TEXT', description: 'What the endpoint is' },
  ],
  json: true,
  async run(ctx) {
    const events = flagString(ctx, 'events');
    return withNode(ctx, async ({ deps }) => {
      const { endpoint, secret } = await createWebhook(deps, {
        url: ctx.args[0],
        events: events ? events.split(',').map((e) => e.trim()) : [],
        description: flagString(ctx, 'description') ?? '',
      });
      if (ctx.out.json) {
        ctx.out.data({ id: endpoint.id, secret, webhook: webhookView(endpoint) });
        return 0;
      }
      ctx.out.line(`Added webhook ${endpoint.id} for ${endpoint.url}.`);
      ctx.out.line(`Signing secret (shown only now): ${secret}`);
      return 0;
    });
  },
};

function statusCommand(action: 'enable' | 'disable'): CommandSpec {
  return {
    name: `webhooks ${action}`,
    summary:
      action === 'enable' ? 'Resume delivery to an endpoint' : 'Stop delivery to an endpoint',
    usage: [`webhooks ${action} <id>`],
    example: `webhooks ${action} wh_3f2a`,
    args: idArg,
    flags: [],
    async run(ctx) {
      const id = ctx.args[0] ?? '';
      return withNode(ctx, async ({ deps }) => {
        const endpoint = await deps.store.transact((tx) =>
          tx.webhooks.update(
            id,
            {
              status: action === 'enable' ? 'active' : 'disabled',
              disabledReason: 'disabled by an admin',
            },
            deps.clock.now(),
          ),
        );
        if (!endpoint) throw notFound(`webhook ${id}`);
        ctx.out.line(`Webhook ${id} is ${endpoint.status}.`);
        return 0;
      });
    },
  };
}

export const webhooksDeleteCommand: CommandSpec = {
  name: 'webhooks delete',
  summary: 'Delete an endpoint and its queued deliveries',
  usage: ['webhooks delete <id>'],
  example: 'webhooks delete wh_3f2a',
  args: idArg,
  flags: [],
  async run(ctx) {
    const id = ctx.args[0] ?? '';
    return withNode(ctx, async ({ deps }) => {
      if (!(await deps.store.transact((tx) => tx.webhooks.delete(id)))) {
        throw notFound(`webhook ${id}`);
      }
      ctx.out.line(`Deleted webhook ${id}.`);
      return 0;
    });
  },
};

export const webhooksRotateCommand: CommandSpec = {
  name: 'webhooks rotate-secret',
  summary: 'Give an endpoint a new secret; the old one signs too for an overlap',
  usage: ['webhooks rotate-secret <id> [--overlap-hours N]'],
  example: 'webhooks rotate-secret wh_3f2a --overlap-hours 24',
  args: idArg,
  flags: [
    {
      name: 'overlap-hours',
      type: 'string',
      value: 'N',
      description: 'How long the old secret also signs',
      default: String(DEFAULT_ROTATION_OVERLAP_HOURS),
    },
  ],
  json: true,
  async run(ctx) {
    const id = ctx.args[0] ?? '';
    const overlap = integerFlag(
      flagString(ctx, 'overlap-hours'),
      'overlap-hours',
      DEFAULT_ROTATION_OVERLAP_HOURS,
    );
    if (overlap > 720) throw new UsageError('--overlap-hours must be at most 720');
    return withNode(ctx, async ({ deps }) => {
      const { endpoint, secret } = await rotateWebhookSecret(deps, id, overlap);
      if (ctx.out.json) {
        ctx.out.data({ id, secret, webhook: webhookView(endpoint) });
        return 0;
      }
      ctx.out.line(`New signing secret for ${id} (shown only now): ${secret}`);
      return 0;
    });
  },
};

export const webhooksTestCommand: CommandSpec = {
  name: 'webhooks test',
  summary: 'Queue a webhook.test event for an endpoint',
  usage: ['webhooks test <id>'],
  example: 'webhooks test wh_3f2a',
  args: idArg,
  flags: [],
  async run(ctx) {
    const id = ctx.args[0] ?? '';
    return withNode(ctx, async ({ deps }) => {
      const { webhookId } = await sendTestEvent(deps, id);
      ctx.out.line(`Queued test event ${webhookId} for ${id}.`);
      return 0;
    });
  },
};

export const webhooksReplayCommand: CommandSpec = {
  name: 'webhooks replay',
  summary: 'Send an endpoint every matching event after a cursor again',
  usage: ['webhooks replay <id> --after CURSOR'],
  example: 'webhooks replay wh_3f2a --after 1040',
  args: idArg,
  flags: [
    { name: 'after', type: 'string', value: 'CURSOR', description: 'Event cursor', required: true },
  ],
  async run(ctx) {
    const id = ctx.args[0] ?? '';
    const after = integerFlag(flagString(ctx, 'after'), 'after', 0);
    return withNode(ctx, async ({ deps }) => {
      await replayWebhook(deps, id, after);
      ctx.out.line(`Webhook ${id} gets the events after ${after} again.`);
      return 0;
    });
  },
};

export const webhooksDeliveriesCommand: CommandSpec = {
  name: 'webhooks deliveries',
  summary: "An endpoint's delivery log, newest first",
  usage: ['webhooks deliveries <id> [--json]'],
  example: 'webhooks deliveries wh_3f2a',
  args: idArg,
  flags: [],
  json: true,
  async run(ctx) {
    const id = ctx.args[0] ?? '';
    return withNode(ctx, async ({ deps }) => {
      await getWebhook(deps, id);
      const deliveries = await deps.store.read((tx) =>
        tx.webhooks.listDeliveries(id, { limit: 50 }),
      );
      if (ctx.out.json) {
        ctx.out.data(deliveries.map(deliveryView));
        return 0;
      }
      ctx.out.table(
        ['WEBHOOK-ID', 'TYPE', 'STATUS', 'ATTEMPTS', 'LAST', 'CREATED'],
        deliveries.map((d) => [
          d.messageId,
          d.type,
          statusCell(d.status),
          String(d.attempts),
          d.lastError ?? (d.lastStatus === null ? '-' : String(d.lastStatus)),
          formatTime(d.createdAt),
        ]),
      );
      return 0;
    });
  },
};

export const WEBHOOKS_COMMANDS = [
  webhooksCommand,
  webhooksAddCommand,
  statusCommand('disable'),
  statusCommand('enable'),
  webhooksDeleteCommand,
  webhooksRotateCommand,
  webhooksTestCommand,
  webhooksReplayCommand,
  webhooksDeliveriesCommand,
];

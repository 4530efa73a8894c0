/** `partner-sync outbox …`: messages waiting for delivery, dead letters, and retrying them. */
import type { Store } from '../../store/store.ts';
import type { OutboundStatus, OutboundSummary, Page } from '../../store/types.ts';
import {
  flagInteger,
  flagSet,
  flagString,
  type CommandContext,
  type CommandSpec,
} from '../command.ts';
import { CliFailure, UsageError } from '../errors.ts';
import { commandHint, findPartnerRef, withNode } from '../node-context.ts';
import { formatRelative, formatTime, statusCell, truncate } from '../output.ts';
import { outboundView } from '../views.ts';

const LIMIT = { min: 1, max: 10_000, fallback: 100 };
const ERROR_WIDTH = 60;

const PARTNER_FLAG = {
  name: 'partner',
  type: 'string',
  value: 'REF',
  description: 'Only messages to this partner (its number or node id).',
} as const;
const LIMIT_FLAG = {
  name: 'limit',
  type: 'string',
  value: 'N',
  description: `Show at most N messages (default ${LIMIT.fallback}).`,
} as const;

export const outboxCommand: CommandSpec = {
  name: 'outbox',
  summary: 'Messages waiting for delivery, with attempts and the last error',
  usage: ['outbox [--partner REF] [--limit N] [--json]'],
  example: 'outbox --partner 2 --limit 20',
  flags: [PARTNER_FLAG, LIMIT_FLAG],
  json: true,
  async run(ctx) {
    const limit = flagInteger(ctx, 'limit', LIMIT);
    return withNode(ctx, async ({ deps, running }) => {
      const partnerId = await partnerFilter(deps.store, ctx);
      const { out } = ctx;
      // Only --json shows each message's body; the table reads the listing columns alone.
      if (out.json) {
        const full = await deps.store.read((tx) =>
          waiting((f, p) => tx.outbox.listStored(f, p), partnerId, limit),
        );
        out.data(full.map(outboundView));
        return 0;
      }
      const { messages, names } = await deps.store.read(async (tx) => ({
        messages: await waiting((f, p) => tx.outbox.list(f, p), partnerId, limit),
        names: new Map((await tx.partners.list()).map((p) => [p.id, p.name])),
      }));
      if (messages.length === 0) {
        out.line('Nothing waits for delivery.');
        return 0;
      }
      const now = deps.clock.now();
      out.table(
        ['ID', 'TO', 'KIND', 'STATUS', 'ATTEMPTS', 'NEXT ATTEMPT', 'LAST ERROR'],
        messages.map((m) => [
          m.messageId,
          names.get(m.partnerId) ?? m.toNodeId,
          m.kind,
          statusCell(m.status),
          String(m.attempts),
          m.status === 'pending' ? formatRelative(m.nextAttemptAt, now) : '-',
          lastError(m),
        ]),
      );
      if (!running)
        out.warn(`this node is not running, so nothing is delivered: ${commandHint(ctx, 'serve')}`);
      return 0;
    });
  },
};

export const outboxDeadCommand: CommandSpec = {
  name: 'outbox dead',
  summary: 'Dead letters: messages refused or not delivered in time',
  usage: ['outbox dead [--partner REF] [--limit N] [--json]'],
  example: 'outbox dead --json',
  flags: [PARTNER_FLAG, LIMIT_FLAG],
  json: true,
  async run(ctx) {
    const limit = flagInteger(ctx, 'limit', LIMIT);
    return withNode(ctx, async ({ deps }) => {
      const partnerId = await partnerFilter(deps.store, ctx);
      const { out } = ctx;
      if (out.json) {
        const full = await deps.store.read((tx) =>
          tx.outbox.listStored({ status: 'dead', partnerId }, { limit }),
        );
        out.data(full.map(outboundView));
        return 0;
      }
      const { messages, names } = await deps.store.read(async (tx) => ({
        messages: await tx.outbox.list({ status: 'dead', partnerId }, { limit }),
        names: new Map((await tx.partners.list()).map((p) => [p.id, p.name])),
      }));
      if (messages.length === 0) {
        out.line('No dead letters.');
        return 0;
      }
      out.table(
        ['ID', 'TO', 'KIND', 'DEAD SINCE', 'ATTEMPTS', 'ERROR'],
        messages.map((m) => [
          m.messageId,
          names.get(m.partnerId) ?? m.toNodeId,
          m.kind,
          formatTime(m.deadAt),
          String(m.attempts),
          lastError(m),
        ]),
      );
      out.line();
      out.line(`Retry with: ${commandHint(ctx, 'outbox retry')} <id…> | --partner REF | --all`);
      return 0;
    });
  },
};

export const outboxRetryCommand: CommandSpec = {
  name: 'outbox retry',
  summary: 'Put dead letters back in the queue: by id, for a partner, or all',
  usage: ['outbox retry <id…>', 'outbox retry --partner REF', 'outbox retry --all'],
  example: 'outbox retry --partner 2',
  args: [{ name: 'id', required: false, variadic: true }],
  flags: [
    {
      ...PARTNER_FLAG,
      description: 'Retry every dead letter to this partner (number or node id).',
    },
    { name: 'all', type: 'boolean', description: 'Retry every dead letter.' },
  ],
  details: [
    'Retried messages are sent again byte for byte and get a fresh retry period; a partner that',
    'already received one answers "duplicate", so nothing is processed twice.',
  ],
  async run(ctx) {
    const ids = [...ctx.args];
    const ways = [ids.length > 0, flagString(ctx, 'partner') !== undefined, flagSet(ctx, 'all')];
    if (ways.filter(Boolean).length !== 1) {
      throw new UsageError(
        'say which dead letters to retry: their ids, --partner REF, or --all (one of the three)',
        ctx.spec.name,
      );
    }
    return withNode(ctx, async ({ deps, running }) => {
      const partnerId = await partnerFilter(deps.store, ctx);
      const filter =
        ids.length > 0 ? { messageIds: ids } : partnerId === undefined ? {} : { partnerId };
      const count = await deps.store.transact((tx) =>
        tx.outbox.retryDead(filter, deps.clock.now()),
      );
      if (ids.length > 0 && count < ids.length) {
        const problem = `${ids.length - count} of the ${ids.length} ids given are not dead letters (see: partner-sync outbox dead)`;
        if (count === 0) throw new CliFailure(problem);
        ctx.out.warn(problem);
      }
      ctx.out.line(
        count === 0
          ? 'No dead letters to retry.'
          : `Queued ${count} dead letter${count === 1 ? '' : 's'} for delivery again.`,
      );
      if (count > 0 && !running) {
        ctx.out.warn(
          `this node is not running; they go out when it starts: ${commandHint(ctx, 'serve')}`,
        );
      }
      return 0;
    });
  },
};

export const OUTBOX_COMMANDS = [outboxCommand, outboxDeadCommand, outboxRetryCommand];

/** `--partner REF` as a partner id, or undefined when not given. */
export async function partnerFilter(
  store: Store,
  ctx: CommandContext,
): Promise<number | undefined> {
  const ref = flagString(ctx, 'partner');
  return ref === undefined ? undefined : (await findPartnerRef(store, ref)).id;
}

type OutboxLister<T> = (
  filter: { status?: OutboundStatus; partnerId?: number },
  page: Page,
) => Promise<T[]>;

/** Messages in flight and pending, in queue order, at most `limit`. */
async function waiting<T extends OutboundSummary>(
  list: OutboxLister<T>,
  partnerId: number | undefined,
  limit: number,
): Promise<T[]> {
  const inFlight = await list({ status: 'in_flight', partnerId }, { limit });
  const pending = await list({ status: 'pending', partnerId }, { limit });
  return [...inFlight, ...pending].sort((a, b) => a.seq - b.seq).slice(0, limit);
}

function lastError(m: OutboundSummary): string {
  if (m.lastErrorCode === null && m.lastError === null) return '-';
  const text = [m.lastErrorCode, m.lastError].filter((s) => s !== null && s !== '').join(': ');
  return truncate(text, ERROR_WIDTH);
}

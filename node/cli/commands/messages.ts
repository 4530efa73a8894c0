/** `partner-sync messages in|out`: the newest messages received from or sent to partners. */
import type { OutboundStatus, OutboundSummary, Page } from '../../store/types.ts';
import { flagInteger, type CommandContext, type CommandSpec } from '../command.ts';
import { withNode } from '../node-context.ts';
import { formatTime, statusCell } from '../output.ts';
import { inboundView, outboundView } from '../views.ts';
import { partnerFilter } from './outbox.ts';

const LIMIT = { min: 1, max: 10_000, fallback: 50 };
const PAGE = 1000;

const FLAGS = [
  {
    name: 'partner',
    type: 'string',
    value: 'REF',
    description: 'Only messages with this partner (its number or node id).',
  },
  {
    name: 'limit',
    type: 'string',
    value: 'N',
    description: `Show the newest N messages (default ${LIMIT.fallback}).`,
  },
] as const;

export const messagesInCommand: CommandSpec = {
  name: 'messages in',
  summary: 'Messages received from partners, newest first',
  usage: ['messages in [--partner REF] [--limit N] [--json]'],
  example: 'messages in --partner 2 --limit 10',
  flags: FLAGS,
  json: true,
  run: (ctx) => listMessages(ctx, 'in'),
};

export const messagesOutCommand: CommandSpec = {
  name: 'messages out',
  summary: 'Messages sent to partners, newest first, with their delivery status',
  usage: ['messages out [--partner REF] [--limit N] [--json]'],
  example: 'messages out --limit 10 --json',
  flags: FLAGS,
  json: true,
  run: (ctx) => listMessages(ctx, 'out'),
};

export const MESSAGES_COMMANDS = [messagesInCommand, messagesOutCommand];

async function listMessages(ctx: CommandContext, direction: 'in' | 'out'): Promise<number> {
  const limit = flagInteger(ctx, 'limit', LIMIT);
  return withNode(ctx, async ({ deps }) => {
    const partnerId = await partnerFilter(deps.store, ctx);
    const { out } = ctx;
    // Only --json shows bodies (an inbound body is read from its JWS); the table reads the
    // listing columns alone.
    if (out.json) {
      const data = await deps.store.read(async (tx) =>
        direction === 'in'
          ? (await tx.inbox.listStored({ partnerId }, { limit })).map(inboundView)
          : (await newestOutbound((f, p) => tx.outbox.listStored(f, p), partnerId, limit)).map(
              outboundView,
            ),
      );
      out.data(data);
      return 0;
    }
    const { inbound, outbound, names } = await deps.store.read(async (tx) => ({
      inbound: direction === 'in' ? await tx.inbox.list({ partnerId }, { limit }) : [],
      outbound:
        direction === 'out'
          ? await newestOutbound((f, p) => tx.outbox.list(f, p), partnerId, limit)
          : [],
      names: new Map((await tx.partners.list()).map((p) => [p.id, p.name])),
    }));
    if (inbound.length === 0 && outbound.length === 0) {
      out.line(direction === 'in' ? 'No messages received yet.' : 'No messages sent yet.');
      return 0;
    }
    if (direction === 'in') {
      out.table(
        ['RECEIVED', 'FROM', 'KIND', 'ID', 'REF'],
        inbound.map((m) => [
          formatTime(m.receivedAt),
          names.get(m.partnerId) ?? m.fromNodeId,
          m.kind,
          m.messageId,
          m.ref ?? '-',
        ]),
      );
    } else {
      out.table(
        ['CREATED', 'TO', 'KIND', 'STATUS', 'ID', 'REF'],
        outbound.map((m) => [
          formatTime(m.createdAt),
          names.get(m.partnerId) ?? m.toNodeId,
          m.kind,
          statusCell(m.status),
          m.messageId,
          m.ref ?? '-',
        ]),
      );
    }
    return 0;
  });
}

/**
 * The newest `limit` outgoing messages, newest first. The outbox lists oldest first with an
 * `after` cursor only, so this pages through and keeps the tail.
 */
async function newestOutbound<T extends OutboundSummary>(
  list: (filter: { status?: OutboundStatus; partnerId?: number }, page: Page) => Promise<T[]>,
  partnerId: number | undefined,
  limit: number,
): Promise<T[]> {
  const tail: T[] = [];
  let after: number | undefined;
  for (;;) {
    const page = await list(
      { partnerId },
      after === undefined ? { limit: PAGE } : { limit: PAGE, after },
    );
    tail.push(...page);
    if (tail.length > limit) tail.splice(0, tail.length - limit);
    const last = page.at(-1);
    if (page.length < PAGE || last === undefined) break;
    after = last.seq;
  }
  return tail.reverse();
}

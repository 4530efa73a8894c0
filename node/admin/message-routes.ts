/** Messages received and sent, dead letters, and retrying them. */
import { Hono, type Context } from 'hono';
import { isKindName } from '../../protocol/index.ts';
import type { AppDeps } from '../app.ts';
import { badRequest, notFound } from '../errors.ts';
import type { OutboundMessage, OutboundStatus } from '../store/types.ts';
import type { AdminEnv } from './admin-env.ts';
import {
  invalidField,
  optionalStringList,
  queryPage,
  queryValue,
  rejectUnknownFields,
  rejectUnknownQuery,
} from './fields.ts';
import { listInboundPage } from './inbound-page.ts';
import { jsonBody } from './json-body.ts';
import { partnerForField } from './partner-ref.ts';
import { retryDeadLetters } from './retry-dead-letters.ts';
import { inboundView, outboundDetailView, outboundView } from './views.ts';

export const OUTBOUND_STATUSES: readonly OutboundStatus[] = [
  'pending',
  'in_flight',
  'delivered',
  'dead',
];
const MAX_RETRY_IDS = 1000;

export function createMessageRoutes(deps: AppDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();

  /** The `?partner=` filter as a partner id, or undefined when absent. */
  async function partnerFilter(c: Context): Promise<number | undefined> {
    const ref = queryValue(c, 'partner');
    return ref === undefined ? undefined : (await partnerForField(deps.store, ref, 'partner')).id;
  }

  async function listOutbound(c: Context, status: OutboundStatus | undefined) {
    const page = queryPage(c);
    const partnerId = await partnerFilter(c);
    const rows = await deps.store.read((tx) =>
      tx.outbox.list(
        { ...(status && { status }), ...(partnerId !== undefined && { partnerId }) },
        { ...page, limit: page.limit + 1 },
      ),
    );
    // One row more than asked tells whether a next page exists without a second query.
    const more = rows.length > page.limit;
    const messages = rows.slice(0, page.limit);
    return c.json({
      messages: messages.map(outboundView),
      nextCursor: more ? messages.at(-1)!.seq : null,
    });
  }

  app.get('/messages/in', async (c) => {
    rejectUnknownQuery(c, ['partner', 'kind', 'limit', 'after']);
    const kind = queryValue(c, 'kind');
    if (kind !== undefined && !isKindName(kind)) {
      throw invalidField('kind', 'kind must be a message kind such as partner.update');
    }
    const page = queryPage(c);
    const partnerId = await partnerFilter(c);
    const result = await listInboundPage(
      deps.store,
      { ...(kind !== undefined && { kind }), ...(partnerId !== undefined && { partnerId }) },
      page,
    );
    return c.json({ messages: result.messages.map(inboundView), nextCursor: result.nextCursor });
  });

  app.get('/messages/out', async (c) => {
    rejectUnknownQuery(c, ['status', 'partner', 'limit', 'after']);
    const status = queryValue(c, 'status');
    if (status !== undefined && !OUTBOUND_STATUSES.includes(status as OutboundStatus)) {
      throw invalidField('status', `status must be one of ${OUTBOUND_STATUSES.join(', ')}`);
    }
    return listOutbound(c, status as OutboundStatus | undefined);
  });

  app.get('/messages/out/:id', async (c) => {
    const id = c.req.param('id');
    const message: OutboundMessage | null = await deps.store.read((tx) => tx.outbox.get(id));
    if (!message) throw notFound(`message ${id}`);
    return c.json(outboundDetailView(message));
  });

  app.get('/dead-letters', async (c) => {
    rejectUnknownQuery(c, ['partner', 'limit', 'after']);
    return listOutbound(c, 'dead');
  });

  app.post('/dead-letters/retry', jsonBody(), async (c) => {
    const body = c.var.body;
    rejectUnknownFields(body, ['ids', 'partner']);
    const ids = optionalStringList(body, 'ids', {
      minItems: 1,
      maxItems: MAX_RETRY_IDS,
      maxLength: 200,
    });
    const partner =
      body.partner === undefined
        ? undefined
        : await partnerForField(deps.store, body.partner, 'partner');
    if (ids === undefined && partner === undefined) {
      // Retrying everything at once is a big step; it must be asked for partner by partner.
      throw badRequest('invalid_field', 'give ids or partner (or both)', 'ids');
    }
    const retried = await retryDeadLetters(deps, {
      ...(ids && { messageIds: ids }),
      ...(partner && { partnerId: partner.id }),
    });
    deps.log.info({ category: 'admin', retried }, 'dead letters retried');
    return c.json({ retried });
  });

  return app;
}

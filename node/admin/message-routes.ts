/** Messages received and sent, dead letters, and retrying them. */
import type { AppDeps } from '../app.ts';
import { badRequest, notFound } from '../errors.ts';
import type { OutboundMessage, OutboundStatus } from '../store/types.ts';
import * as ops from './core-operations.ts';
import { DEFAULT_PAGE_LIMIT } from './fields.ts';
import { listInboundPage } from './inbound-page.ts';
import { createOperationRouter } from './operation.ts';
import { partnerForField } from './partner-ref.ts';
import { retryDeadLetters } from './retry-dead-letters.ts';
import { inboundView, outboundDetailView, outboundView } from './views.ts';

export { OUTBOUND_STATUSES } from '../partners/partner-schemas.ts';

interface PageQuery {
  partner?: string | undefined;
  limit?: number | undefined;
  after?: number | undefined;
}

export function createMessageRoutes(deps: AppDeps) {
  const app = createOperationRouter();

  /** The `?partner=` filter as a partner id, or undefined when absent. */
  async function partnerFilter(ref: string | undefined): Promise<number | undefined> {
    return ref === undefined ? undefined : (await partnerForField(deps.store, ref, 'partner')).id;
  }

  const pageOf = (query: PageQuery) => {
    const limit = query.limit ?? DEFAULT_PAGE_LIMIT;
    return query.after === undefined ? { limit } : { limit, after: query.after };
  };

  async function listOutbound(query: PageQuery, status: OutboundStatus | undefined) {
    const page = pageOf(query);
    const partnerId = await partnerFilter(query.partner);
    const rows = await deps.store.read((tx) =>
      tx.outbox.list(
        { ...(status && { status }), ...(partnerId !== undefined && { partnerId }) },
        { ...page, limit: page.limit + 1 },
      ),
    );
    // One row more than asked tells whether a next page exists without a second query.
    const more = rows.length > page.limit;
    const messages = rows.slice(0, page.limit);
    return {
      messages: messages.map(outboundView),
      nextCursor: more ? messages.at(-1)!.seq : null,
    };
  }

  app.openapi(ops.listInbound, async (c) => {
    const query = c.req.valid('query');
    const partnerId = await partnerFilter(query.partner);
    const result = await listInboundPage(
      c.var.deps.store,
      {
        ...(query.kind !== undefined && { kind: query.kind }),
        ...(partnerId !== undefined && { partnerId }),
      },
      pageOf(query),
    );
    return c.json(
      { messages: result.messages.map(inboundView), nextCursor: result.nextCursor },
      200,
    );
  });

  app.openapi(ops.listOutbound, async (c) => {
    const query = c.req.valid('query');
    return c.json(await listOutbound(query, query.status), 200);
  });

  app.openapi(ops.getOutbound, async (c) => {
    const { id } = c.req.valid('param');
    const message: OutboundMessage | null = await c.var.deps.store.read((tx) => tx.outbox.get(id));
    if (!message) throw notFound(`message ${id}`);
    return c.json(outboundDetailView(message), 200);
  });

  app.openapi(ops.listDeadLetters, async (c) =>
    c.json(await listOutbound(c.req.valid('query'), 'dead'), 200),
  );

  app.openapi(ops.retryDeadLetters, async (c) => {
    const body = c.req.valid('json');
    const ids = body.ids && [...new Set(body.ids)];
    const partner =
      body.partner === undefined
        ? undefined
        : await partnerForField(c.var.deps.store, body.partner, 'partner');
    if (ids === undefined && partner === undefined) {
      // Retrying everything at once is a big step; it must be asked for partner by partner.
      throw badRequest('invalid_field', 'give ids or partner (or both)', 'ids');
    }
    const retried = await retryDeadLetters(c.var.deps, {
      ...(ids && { messageIds: ids }),
      ...(partner && { partnerId: partner.id }),
    });
    c.var.deps.log.info({ category: 'admin', retried }, 'dead letters retried');
    return c.json({ retried }, 200);
  });

  return app;
}

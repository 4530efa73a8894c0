/** GET /search (search-operations.ts): each kind searched only when the caller may list it. */
import type { AppDeps } from '../app.ts';
import { mayPerform, type Principal, type Role } from '../domain-kernel/roles.ts';
import { SEARCH_KINDS, type SearchKind } from '../store/search-store.ts';
import { listPartners } from './core-operations.ts';
import { listDeals } from './deals/deal-operations.ts';
import { listLeads } from './leads/lead-operations.ts';
import { listOrders } from './orders/order-operations.ts';
import { listServiceRequests } from './service/service-operations.ts';
import { createOperationRouter, summaryOf } from './operation.ts';
import { DEFAULT_SEARCH_LIMIT, searchRecords } from './search-operations.ts';

/** The roles that read each kind's own list, from that list's declaration. */
export function readersOf(kind: SearchKind): readonly Role[] {
  switch (kind) {
    case 'partner':
      return summaryOf(listPartners).roles;
    case 'lead':
      return summaryOf(listLeads).roles;
    case 'deal':
      return summaryOf(listDeals).roles;
    case 'request':
      return summaryOf(listServiceRequests).roles;
    case 'order':
      return summaryOf(listOrders).roles;
  }
}

/** The kinds a caller's search covers: those whose list its roles may read. */
export function searchableKinds(principal: Pick<Principal, 'roles'>): SearchKind[] {
  return SEARCH_KINDS.filter((k) => mayPerform(principal, readersOf(k)));
}

export function createSearchRoutes(deps: AppDeps) {
  const app = createOperationRouter();
  app.openapi(searchRecords, async (c) => {
    const { q, limit } = c.req.valid('query');
    const principal = c.get('principal') as Principal;
    const kinds = searchableKinds(principal);
    const hits = await c.var.deps.store.read((tx) =>
      tx.search.find({ text: q.trim(), kinds, limit: limit ?? DEFAULT_SEARCH_LIMIT }),
    );
    return c.json({ kinds: [...kinds], hits }, 200);
  });
  return app;
}

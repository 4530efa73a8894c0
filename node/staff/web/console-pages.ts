/**
 * Every console page, for tests that walk them all (accessibility, phone width, screenshots,
 * translation): the pages without a record in their address, and the pages of one record with
 * the kind of record they need. A new page is added here with its router, so a walk that covers
 * this list covers the console (console-a11y.browser.test.ts checks it against the router).
 */
import type { AreaKey } from '../console-areas.ts';

export interface ConsolePage {
  /** Below the console's base. */
  path: string;
  /** The area whose roles may open it; none for the person's own account page. */
  area?: AreaKey;
}

export const CONSOLE_PAGES: readonly ConsolePage[] = [
  { path: '' },
  { path: '/today', area: 'today' },
  { path: '/today/refused', area: 'today' },
  { path: '/search?q=alpha' },
  { path: '/notifications' },
  { path: '/partners', area: 'partners' },
  { path: '/leads', area: 'leads' },
  { path: '/deals', area: 'deals' },
  { path: '/service', area: 'service' },
  { path: '/orders', area: 'orders' },
  { path: '/catalog', area: 'catalog' },
  { path: '/funds', area: 'funds' },
  { path: '/funds/allocations/new', area: 'funds' },
  { path: '/funds/claims', area: 'funds' },
  { path: '/funds/balances', area: 'funds' },
  { path: '/inventory', area: 'inventory' },
  { path: '/inventory/reports', area: 'inventory' },
  { path: '/inventory/auto-accept', area: 'inventory' },
  { path: '/messages', area: 'messages' },
  { path: '/messages/dead-letters', area: 'messages' },
  { path: '/messages/partners', area: 'messages' },
  { path: '/settings', area: 'settings' },
  { path: '/settings/staff', area: 'settings' },
  { path: '/settings/audit', area: 'settings' },
];

/** Pages of one record: `:id` is the record's number on this node (a list has `:kind` too). */
export const CONSOLE_RECORD_PAGES = [
  { path: '/partners/:id', area: 'partners', record: 'partner' },
  { path: '/deals/:id', area: 'deals', record: 'deal' },
  { path: '/service/:id', area: 'service', record: 'serviceRequest' },
  { path: '/orders/:id', area: 'orders', record: 'order' },
  { path: '/catalog/price-lists/:id', area: 'catalog', record: 'priceList' },
  { path: '/catalog/catalogs/:id', area: 'catalog', record: 'catalog' },
  { path: '/funds/claims/:id', area: 'funds', record: 'expenseClaim' },
  { path: '/inventory/proposals/:id', area: 'inventory', record: 'proposal' },
] as const satisfies ReadonlyArray<ConsolePage & { record: string }>;

export type ConsoleRecordKind = (typeof CONSOLE_RECORD_PAGES)[number]['record'];

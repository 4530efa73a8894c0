/**
 * The console's areas and who may use them: `see` may open the area's pages, `act` is offered its
 * actions. owner and admin may do everything (`mayPerform`). The console refuses a page the
 * person may not see and hides actions they may not take; the admin API refuses those actions
 * again on its own, so hiding a button is never the only check.
 */
import { mayPerform, type Principal, type Role } from '../domain-kernel/roles.ts';
import type { MessageKey } from '../i18n/index.ts';

export type AreaKey =
  | 'today'
  | 'partners'
  | 'leads'
  | 'deals'
  | 'service'
  | 'orders'
  | 'catalog'
  | 'funds'
  | 'inventory'
  | 'messages'
  | 'settings';

export interface Area {
  key: AreaKey;
  /** Below the console's base. */
  path: string;
  label: string;
  /** The label in the catalogs (areas added since the console speaks the reader's language). */
  labelKey?: MessageKey;
  see: readonly Role[];
  act: readonly Role[];
  /** False while the area has no pages yet: it is left out of the navigation. */
  built: boolean;
}

const EVERYONE: readonly Role[] = [
  'channel_manager',
  'service_agent',
  'order_desk',
  'finance',
  'viewer',
];

export const AREAS: readonly Area[] = [
  { key: 'today', path: '/today', label: 'Today', see: EVERYONE, act: [], built: true },
  {
    key: 'partners',
    path: '/partners',
    label: 'Partners',
    see: ['channel_manager', 'viewer'],
    act: ['channel_manager'],
    built: true,
  },
  {
    key: 'leads',
    path: '/leads',
    label: 'Leads',
    see: ['channel_manager', 'viewer'],
    act: ['channel_manager'],
    built: true,
  },
  {
    key: 'deals',
    path: '/deals',
    label: 'Deals',
    see: ['channel_manager', 'viewer'],
    act: ['channel_manager'],
    built: true,
  },
  {
    key: 'service',
    path: '/service',
    label: 'Service',
    see: ['service_agent', 'viewer'],
    act: ['service_agent'],
    built: true,
  },
  {
    key: 'orders',
    path: '/orders',
    label: 'Orders',
    see: ['order_desk', 'finance', 'viewer'],
    act: ['order_desk', 'finance'],
    built: true,
  },
  {
    key: 'catalog',
    path: '/catalog',
    label: 'Catalog',
    labelKey: 'console.nav.catalog',
    see: ['channel_manager', 'order_desk', 'viewer'],
    // As the API's catalogs and price lists: the order desk keeps them.
    act: ['order_desk'],
    built: true,
  },
  {
    key: 'funds',
    path: '/funds',
    label: 'Funds',
    labelKey: 'console.nav.funds',
    see: ['finance', 'channel_manager', 'viewer'],
    // Allocations are the channel manager's, decisions and payments finance's (console-operations.ts).
    act: ['channel_manager', 'finance'],
    built: true,
  },
  {
    key: 'inventory',
    path: '/inventory',
    label: 'Inventory',
    labelKey: 'console.nav.inventory',
    see: ['order_desk', 'viewer'],
    act: ['order_desk'],
    built: true,
  },
  // Redelivery is for owners and admins (the API's POST /dead-letters/retry).
  {
    key: 'messages',
    path: '/messages',
    label: 'Messages',
    labelKey: 'console.nav.messages',
    see: ['viewer'],
    act: [],
    built: true,
  },
  {
    key: 'settings',
    path: '/settings',
    label: 'Settings',
    labelKey: 'console.nav.settings',
    see: [],
    act: [],
    built: true,
  },
];

export const areaOf = (key: AreaKey): Area => AREAS.find((a) => a.key === key)!;

export const maySee = (principal: Pick<Principal, 'roles'>, key: AreaKey): boolean =>
  mayPerform(principal, areaOf(key).see);

export const mayAct = (principal: Pick<Principal, 'roles'>, key: AreaKey): boolean =>
  mayPerform(principal, areaOf(key).act);

/** The areas in the person's navigation. */
export const visibleAreas = (principal: Pick<Principal, 'roles'>): Area[] =>
  AREAS.filter((a) => a.built && maySee(principal, a.key));

/** Actions narrower than their area's `act`: finance works in Orders on payments, not answers. */
export const ACTION_ROLES = {
  answerOrder: ['order_desk'],
} as const satisfies Record<string, readonly Role[]>;

export const mayDo = (
  principal: Pick<Principal, 'roles'>,
  action: keyof typeof ACTION_ROLES,
): boolean => mayPerform(principal, ACTION_ROLES[action]);

/**
 * Who asked for a unit of work, handed to `store.transact` with the unit: the cause its domain
 * events name, and, for a person's or an operator's change, the audit scope whose row the unit
 * appends. Passed with the unit rather than read from the async context, so that the node never
 * needs async hooks (Node keeps promise hooks installed for the process's life once any
 * AsyncLocalStorage has run, and they cost every promise).
 */
import type { EventCause } from '../events/event-cause.ts';
import type { AuditScope } from '../staff/audit-scope.ts';
import type { Store } from './store.ts';

export interface UnitScope {
  cause?: EventCause;
  audit?: AuditScope;
}

const SCOPE = Symbol('unit scope');

/**
 * The store as seen by one asker (a job, a person's request, a CLI command): every unit it runs
 * carries `scope` unless the caller passes its own. Everything else is the store's own.
 */
export function scopedStore(store: Store, scope: UnitScope): Store {
  const view = Object.create(store) as Store & { [SCOPE]: UnitScope };
  view.transact = (fn, own) => store.transact(fn, own ?? scope);
  view[SCOPE] = scope;
  return view;
}

/** The scope a store view from `scopedStore` passes with its units; undefined for the node's. */
export function scopeOf(store: Store): UnitScope | undefined {
  return (store as Store & { [SCOPE]?: UnitScope })[SCOPE];
}

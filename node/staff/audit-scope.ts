/**
 * Who is changing the store, handed to the store with each unit (like the event cause, see
 * unit-scope.ts): the admin API opens a scope for each change a person or token asks for and
 * runs its handler against a store that passes it along, the CLI one for each command. Every
 * unit of work that changes something in a scope gets its audit row appended in that same unit,
 * after the unit's own writes: a change that rolls back takes its row with it, and a row that
 * cannot be written rolls the change back. No write path has to remember to audit.
 *
 * A unit that appends its own, more specific row (staff.add, tokens.create…) gets no second one.
 */
import type { OutboundDraft } from '../store/types.ts';
import type { Store, StoreTx } from '../store/store.ts';
import { scopeOf } from '../store/unit-scope.ts';
import type { AuditActor } from './audit-actor.ts';
import { appendAudit } from './audit-chain.ts';
import { messageIdsIn } from './audit-record.ts';

export interface AuditScope {
  actor: AuditActor;
  /** `POST /api/leads/:id/route`, `cli deals decide`. */
  operation: string;
  /** The record the change is about, from what was asked or from what the unit returned. */
  recordOf(result: unknown): string | null;
  now(): Date;
  /** Added to each row: the CLI's operating-system user. */
  detail?: Record<string, unknown>;
  /** Rows appended by committed units of this scope, its own and the specific ones. */
  recorded: number;
}

/** How many rows the store's connection has changed so far (SQLite's total_changes()). */
export type ChangeCounter = () => number | Promise<number>;

/**
 * A store's `transact` with the audit hook: outside a scope it is `run(fn)` unchanged; inside
 * one, `fn` runs and, when it changed rows without recording them itself, the scope's row is
 * appended in the same unit with the message ids the unit queued.
 */
export function auditedTransact<T>(
  run: (fn: (tx: StoreTx) => Promise<T>) => Promise<T>,
  fn: (tx: StoreTx) => Promise<T>,
  changes: ChangeCounter,
  scope: AuditScope | undefined,
): Promise<T> {
  // Not async: outside a scope the store's own promise is handed back, resolving when it did.
  if (!scope) return run(fn);
  let appended = 0;
  const audited = async (tx: StoreTx) => {
    const unit = { rows: 0 };
    const before = await changes();
    const queued: string[] = [];
    const value = await fn(watchingUnit(tx, queued, unit));
    if (unit.rows === 0 && (await changes()) > before) {
      await appendAudit(tx, {
        ...scope.actor,
        at: scope.now(),
        operation: scope.operation,
        record: scope.recordOf(value),
        outcome: 'ok',
        messageIds: [...new Set([...queued, ...messageIdsIn(value)])].slice(0, 100),
        detail: scope.detail ?? {},
      });
      unit.rows++;
    }
    appended = unit.rows;
    return value;
  };
  return run(audited).then((result) => {
    scope.recorded += appended;
    return result;
  });
}

/**
 * Records, as the scope's of the store view `store` (see unit-scope.ts), a change the store does
 * not hold (the signing keys are files), in a unit of its own right after it. Outside a scope
 * (the node itself) nothing is recorded.
 */
export async function auditChangeOutsideStore(
  store: Store,
  record: string | null,
  detail: Record<string, unknown>,
): Promise<void> {
  const scope = scopeOf(store)?.audit;
  if (!scope) return;
  await store.transact((tx) =>
    appendAudit(tx, {
      ...scope.actor,
      at: scope.now(),
      operation: scope.operation,
      record,
      outcome: 'ok',
      messageIds: [],
      detail: { ...scope.detail, ...detail },
    }),
  );
}

/**
 * The unit's tx, noting the message ids of what it puts in the outbox and the audit rows it
 * appends itself (a unit with a row of its own gets no second one).
 */
function watchingUnit(tx: StoreTx, queued: string[], unit: { rows: number }): StoreTx {
  const enqueue = tx.outbox.enqueue.bind(tx.outbox);
  const insert = tx.audit.insert.bind(tx.audit);
  return {
    ...tx,
    outbox: {
      ...tx.outbox,
      enqueue(drafts: OutboundDraft[], at: Date) {
        for (const d of drafts) queued.push(d.messageId);
        return enqueue(drafts, at);
      },
    },
    audit: {
      ...tx.audit,
      async insert(record) {
        await insert(record);
        unit.rows++;
      },
    },
  };
}

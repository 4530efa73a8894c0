/**
 * Wraps a unit of work's repos so that each state-changing call listed in the event catalogue
 * appends its domain event right after the write, on the same connection and in the same
 * transaction (or savepoint): a rolled-back change takes its event with it, a committed one
 * cannot lose it. Reads pass through untouched. Each event names the cause in `cause`, which the
 * store sets for each unit it runs (and `tx.causedBy` for a part of one).
 */
import { crashPoint } from '../faults/crash-points.ts';
import type { StoreTx } from '../store/store.ts';
import { causedByIn, type CauseSlot } from './event-cause.ts';
import { EVENT_CATALOGUE, type EmitSpec } from './event-catalogue.ts';
import { emitEvent } from './emit-event.ts';

export function withDomainEvents(tx: StoreTx, now: () => Date, cause: CauseSlot): StoreTx {
  const wrapped = { ...tx, causedBy: causedByIn(cause) } as StoreTx;
  for (const [repoName, specs] of Object.entries(EVENT_CATALOGUE)) {
    const repo = tx[repoName as keyof StoreTx] as unknown as Record<string, unknown>;
    const copy: Record<string, unknown> = { ...repo };
    for (const [method, spec] of Object.entries(specs ?? {})) {
      const original = repo[method];
      if (typeof original !== 'function') throw new Error(`no ${repoName}.${method} to emit on`);
      copy[method] = emitting(wrapped, spec, original.bind(repo), now, cause);
    }
    (wrapped as unknown as Record<string, unknown>)[repoName] = copy;
  }
  return wrapped;
}

function emitting(
  tx: StoreTx,
  spec: EmitSpec,
  original: (...args: unknown[]) => Promise<unknown>,
  now: () => Date,
  cause: CauseSlot,
): (...args: unknown[]) => Promise<unknown> {
  return async (...args) => {
    const result = await original(...args);
    if (spec.each) {
      for (const { type, record } of await spec.each(tx, args, result)) {
        await emitEvent(tx, type, record, cause.current, now());
      }
      crashPoint('events.after-emit');
      return result;
    }
    if (spec.changed && !spec.changed(result, args)) return result;
    let record = spec.record
      ? spec.record(tx, args, result)
      : result !== undefined && result !== null && typeof result === 'object'
        ? result
        : args[0];
    // Only a read is awaited: a record built from the arguments costs no promise or queue turn.
    if (record instanceof Promise) record = await record;
    const type = spec.pick ? spec.pick(args, result) : spec.types[0];
    await emitEvent(tx, type, record, cause.current, now());
    crashPoint('events.after-emit');
    return result;
  };
}

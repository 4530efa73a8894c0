/**
 * Statements of one unit of work sent without waiting for their answers (pipelining): the writes
 * whose answer nobody reads (a message marked signed or delivered, a received message stored, a
 * savepoint taken or released) go out with the unit's next statement, in one socket write, and
 * PostgreSQL runs them in order on the unit's connection. Each of those writes was a round trip
 * of its own, and the round trips were most of what a message cost on PostgreSQL (the bench's
 * PostgreSQL rows): the inbox took some eight a message, the outbox three.
 *
 * Nothing is lost by not waiting: the connection runs statements in the order they were sent, so
 * every later statement of the unit sees the write; and the unit waits for every answer before it
 * commits (`settle`), so a write that failed fails the unit (with that write's error, not the
 * "transaction is aborted" of the statements after it) and nothing of it is committed.
 */
import type postgres from 'postgres';
import type { PgDb } from '../../db/open-postgres.ts';

export interface WritePipeline {
  /** Sends a statement whose answer nobody reads; its failure fails the unit at `settle`. */
  send(text: string, params?: readonly postgres.ParameterOrJSON<never>[]): void;
  /** A mark at a savepoint's start, for `rolledBack`. */
  mark(): number;
  /**
   * After ROLLBACK TO SAVEPOINT: waits for what was sent since `mark` and forgets its failures,
   * which the rollback undid with the rest of the savepoint; returns the first of them.
   */
  rolledBack(mark: number): Promise<unknown>;
  /** Waits for every answer; throws the first failure. The unit calls it before it commits. */
  settle(): Promise<void>;
  /** The first failure of a sent statement, if any (the error a failed unit reports). */
  failure(): unknown;
}

/** The pipeline of one unit, on the connection of its transaction (`conn`). */
export function createWritePipeline(conn: PgDb): WritePipeline {
  // The transaction's own postgres.js client (drizzle's session keeps it as `client`): a query
  // made on it and executed now is queued on the unit's connection at once, ahead of any
  // statement the unit makes after it.
  const client = (conn as unknown as { session: { client: postgres.Sql } }).session.client;
  const sent: Array<Promise<unknown>> = [];
  const failures: Array<{ at: number; error: unknown }> = [];
  return {
    send(text, params = []) {
      const at = sent.length;
      sent.push(
        client
          .unsafe(text, params as postgres.ParameterOrJSON<never>[], { prepare: true })
          .execute()
          .then(undefined, (error: unknown) => {
            failures.push({ at, error });
          }),
      );
    },
    mark: () => sent.length,
    async rolledBack(mark) {
      await Promise.all(sent.slice(mark));
      const undone = failures.filter((f) => f.at >= mark).sort((a, b) => a.at - b.at);
      failures.splice(0, failures.length, ...failures.filter((f) => f.at < mark));
      return undone[0]?.error;
    },
    async settle() {
      await Promise.all(sent);
      const first = failures.sort((a, b) => a.at - b.at)[0];
      if (first) throw first.error;
    },
    failure: () => failures.sort((a, b) => a.at - b.at)[0]?.error,
  };
}

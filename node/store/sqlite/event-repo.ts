/**
 * The domain event log. Appends run a prepared statement on the hot path of every change (see
 * bench/sections/events.ts); reads filter by type in SQL so a narrow subscription over a busy
 * log still pages in one query.
 */
import type Database from 'better-sqlite3';
import { patternPrefix } from '../../events/event-patterns.ts';
import type { EventCause } from '../../events/event-cause.ts';
import type { DomainEventRow } from '../../db/schema/events.ts';
import type { EventRepo } from '../event-store.ts';
import { eventFromRow } from '../rows/event-row-mapping.ts';

const COLUMNS = 'seq, event_id AS eventId, type, subject, data, cause, at';

/**
 * A unit's writes share one cause object: serialised once, for the events that follow it. One
 * entry, not a map of every cause seen: units run one after the other, each with its own cause,
 * and a map's entry per message cost more than the text it saved.
 */
let lastCause: EventCause | undefined;
let lastCauseText = '';
function causeText(cause: EventCause): string {
  if (cause !== lastCause) {
    lastCauseText = JSON.stringify(cause);
    lastCause = cause;
  }
  return lastCauseText;
}

export function createEventRepo(sqlite: Database.Database): EventRepo {
  const insert = sqlite.prepare(
    'INSERT INTO domain_events (event_id, type, subject, data, cause, at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const latest = sqlite.prepare('SELECT coalesce(max(seq), 0) AS seq FROM domain_events').pluck();
  // The log is appended in time order, so the events older than the cutoff are its oldest rows:
  // the purge scans from the start in `seq` order to the first event it keeps and deletes what
  // lies before it, without an index on `at` that every append would pay for. An event stamped
  // out of order (a clock set back) is kept until the purge passes it; none goes early.
  const prune = sqlite.prepare(
    `DELETE FROM domain_events WHERE seq < coalesce(
       (SELECT seq FROM domain_events WHERE at >= ? ORDER BY seq LIMIT 1),
       (SELECT max(seq) + 1 FROM domain_events))`,
  );
  return {
    async append(event) {
      const info = insert.run(
        event.id,
        event.type,
        event.subject,
        event.dataJson,
        causeText(event.cause),
        event.at.getTime(),
      );
      return Number(info.lastInsertRowid);
    },
    async list(filter) {
      const params: unknown[] = [filter.after];
      let where = 'seq > ?';
      const types = filter.types ?? [];
      if (types.length > 0 && !types.includes('*')) {
        const alternatives = types.map((t) => {
          const prefix = patternPrefix(t);
          if (prefix === null) {
            params.push(t);
            return 'type = ?';
          }
          // Types never hold GLOB metacharacters (event-patterns.ts), so the prefix is literal.
          params.push(`${prefix}*`);
          return 'type GLOB ?';
        });
        where += ` AND (${alternatives.join(' OR ')})`;
      }
      params.push(filter.limit);
      const rows = sqlite
        .prepare(`SELECT ${COLUMNS} FROM domain_events WHERE ${where} ORDER BY seq LIMIT ?`)
        .all(...params) as DomainEventRow[];
      return rows.map(eventFromRow);
    },
    async latestSeq() {
      return latest.get() as number;
    },
    async pruneBefore(before) {
      return prune.run(before.getTime()).changes;
    },
  };
}

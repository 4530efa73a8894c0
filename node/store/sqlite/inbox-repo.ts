import { and, desc, eq, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/open-database.ts';
import { inboundMessages } from '../../db/schema/foundation.ts';
import type { InboxRepo } from '../store.ts';
import { inboundFromRow, toMillis } from './row-mapping.ts';

export function createInboxRepo(db: Db): InboxRepo {
  // The inbox hot path: prepared once, reused for every message.
  const findStmt = db
    .select()
    .from(inboundMessages)
    .where(
      and(
        eq(inboundMessages.fromNodeId, sql.placeholder('fromNodeId')),
        eq(inboundMessages.messageId, sql.placeholder('messageId')),
      ),
    )
    .prepare();

  return {
    async find(fromNodeId, messageId) {
      const row = findStmt.get({ fromNodeId, messageId });
      return row ? inboundFromRow(row) : null;
    },
    async insert(m) {
      db.insert(inboundMessages)
        .values({ ...m, sentAt: toMillis(m.sentAt), receivedAt: toMillis(m.receivedAt) })
        .run();
    },
    async list(filter, page) {
      const where: SQL[] = [];
      if (filter.partnerId !== undefined)
        where.push(eq(inboundMessages.partnerId, filter.partnerId));
      if (filter.kind !== undefined) where.push(eq(inboundMessages.kind, filter.kind));
      if (page.after !== undefined) where.push(lt(inboundMessages.seq, page.after));
      return db
        .select()
        .from(inboundMessages)
        .where(and(...where))
        .orderBy(desc(inboundMessages.seq))
        .limit(page.limit)
        .all()
        .map(inboundFromRow);
    },
  };
}

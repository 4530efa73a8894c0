/** Copies of leads partners offered us, keyed by their owner and the owner's lead id. */
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { PgDb as Db } from '../../db/open-postgres.ts';
import { withRefusal } from './refusal-repo.ts';
import { receivedLeads } from '../../db/pg-schema/leads.ts';
import type { LeadRepo } from '../lead-store.ts';
import {
  coreColumns,
  millisOrNull,
  progressColumns,
  receivedFromRow as receivedColumns,
} from '../rows/lead-row-mapping.ts';
import { onFirstUse } from './on-first-use.ts';

type ReceivedRepo = Pick<
  LeadRepo,
  'getReceived' | 'findReceived' | 'listReceived' | 'insertReceived' | 'updateReceived'
>;

export function createLeadReceivedRepo(db: Db): ReceivedRepo {
  // Our answers (accept, decline, progress) are about the owner's lead id.
  const receivedFromRow = withRefusal(db, 'lead', receivedColumns, (r) => [r.id, r.ownerPartnerId]);
  // Every inbound lead message looks its copy up this way.
  const byOwnerAndId = onFirstUse(() =>
    db
      .select()
      .from(receivedLeads)
      .where(
        and(
          eq(receivedLeads.ownerPartnerId, sql.placeholder('owner')),
          eq(receivedLeads.leadId, sql.placeholder('leadId')),
        ),
      )
      .prepare('byOwnerAndId'),
  );

  return {
    async getReceived(ownerPartnerId, leadId) {
      const row = (await byOwnerAndId().execute({ owner: ownerPartnerId, leadId }))[0];
      return row ? receivedFromRow(row) : null;
    },
    async findReceived(leadId) {
      return Promise.all(
        (
          await db
            .select()
            .from(receivedLeads)
            .where(eq(receivedLeads.leadId, leadId))
            .orderBy(receivedLeads.seq)
        ).map(receivedFromRow),
      );
    },
    async listReceived(filter, page) {
      const where: SQL[] = [];
      if (filter.status !== undefined) where.push(eq(receivedLeads.status, filter.status));
      if (filter.ownerPartnerId !== undefined) {
        where.push(eq(receivedLeads.ownerPartnerId, filter.ownerPartnerId));
      }
      return Promise.all(
        (
          await db
            .select()
            .from(receivedLeads)
            .where(and(...where))
            .orderBy(desc(receivedLeads.seq))
            .limit(page.limit)
            .offset(page.offset)
        ).map(receivedFromRow),
      );
    },
    async insertReceived(lead) {
      const row = (
        await db
          .insert(receivedLeads)
          .values({
            ownerPartnerId: lead.ownerPartnerId,
            leadId: lead.id,
            ...coreColumns(lead),
            version: lead.version,
            exclusive: lead.exclusive,
            offerExpiresAt: lead.offerExpiresAt.getTime(),
            offerMessageId: lead.offerMessageId,
            status: lead.status,
            recallReason: lead.recallReason,
            declineReason: lead.declineReason,
            declineComment: lead.declineComment,
            ...progressColumns(lead.progress),
            receivedAt: lead.receivedAt.getTime(),
            updatedAt: lead.updatedAt.getTime(),
            acceptedAt: millisOrNull(lead.acceptedAt),
            closedAt: millisOrNull(lead.closedAt),
          })
          .returning()
      )[0]!;
      return receivedFromRow(row);
    },
    async updateReceived(seq, c) {
      const set: Partial<typeof receivedLeads.$inferInsert> = { updatedAt: c.updatedAt.getTime() };
      if (c.core) Object.assign(set, coreColumns(c.core));
      if (c.version !== undefined) set.version = c.version;
      if (c.exclusive !== undefined) set.exclusive = c.exclusive;
      if (c.offerExpiresAt !== undefined) set.offerExpiresAt = c.offerExpiresAt.getTime();
      if (c.offerMessageId !== undefined) set.offerMessageId = c.offerMessageId;
      if (c.status !== undefined) set.status = c.status;
      if (c.recallReason !== undefined) set.recallReason = c.recallReason;
      if (c.declineReason !== undefined) set.declineReason = c.declineReason;
      if (c.declineComment !== undefined) set.declineComment = c.declineComment;
      if (c.progress !== undefined) Object.assign(set, progressColumns(c.progress));
      if (c.acceptedAt !== undefined) set.acceptedAt = millisOrNull(c.acceptedAt);
      if (c.closedAt !== undefined) set.closedAt = millisOrNull(c.closedAt);
      await db.update(receivedLeads).set(set).where(eq(receivedLeads.seq, seq));
    },
  };
}

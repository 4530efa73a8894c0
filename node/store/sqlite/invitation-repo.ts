import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../../db/open-database.ts';
import { invitations } from '../../db/schema/foundation.ts';
import type { InvitationRepo } from '../store.ts';
import { invitationFromRow, toMillis } from '../rows/row-mapping.ts';

export function createInvitationRepo(db: Db): InvitationRepo {
  return {
    async create({ id, tokenHash, profile, createdAt, expiresAt }) {
      const row = db
        .insert(invitations)
        .values({
          id,
          tokenHash,
          name: profile.name,
          partnerType: profile.partnerType,
          relationship: profile.relationship,
          allowedKinds: JSON.stringify(profile.allowedKinds),
          createdAt: toMillis(createdAt),
          expiresAt: toMillis(expiresAt),
        })
        .returning()
        .get();
      return invitationFromRow(row);
    },
    async getById(id) {
      const row = db.select().from(invitations).where(eq(invitations.id, id)).get();
      return row ? invitationFromRow(row) : null;
    },
    async findByTokenHash(tokenHash) {
      const row = db.select().from(invitations).where(eq(invitations.tokenHash, tokenHash)).get();
      return row ? invitationFromRow(row) : null;
    },
    async consume(id, nodeId, at) {
      const result = db
        .update(invitations)
        .set({ usedAt: toMillis(at), usedByNodeId: nodeId })
        .where(
          and(
            eq(invitations.id, id),
            isNull(invitations.usedAt),
            isNull(invitations.revokedAt),
            gt(invitations.expiresAt, toMillis(at)),
          ),
        )
        .run();
      return result.changes === 1;
    },
    async revoke(id, at) {
      const result = db
        .update(invitations)
        .set({ revokedAt: toMillis(at) })
        .where(
          and(eq(invitations.id, id), isNull(invitations.usedAt), isNull(invitations.revokedAt)),
        )
        .run();
      return result.changes === 1;
    },
    async list() {
      return db
        .select()
        .from(invitations)
        .orderBy(desc(invitations.createdAt))
        .all()
        .map(invitationFromRow);
    },
  };
}

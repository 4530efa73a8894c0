import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import type { PgDb as Db } from '../../db/open-postgres.ts';
import { invitations } from '../../db/pg-schema/foundation.ts';
import type { InvitationRepo } from '../store.ts';
import { invitationFromRow, toMillis } from '../rows/row-mapping.ts';

export function createInvitationRepo(db: Db): InvitationRepo {
  return {
    async create({ id, tokenHash, profile, createdAt, expiresAt }) {
      const row = (
        await db
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
      )[0]!;
      return invitationFromRow(row);
    },
    async getById(id) {
      const row = (await db.select().from(invitations).where(eq(invitations.id, id)))[0];
      return row ? invitationFromRow(row) : null;
    },
    async findByTokenHash(tokenHash) {
      const row = (
        await db.select().from(invitations).where(eq(invitations.tokenHash, tokenHash))
      )[0];
      return row ? invitationFromRow(row) : null;
    },
    async consume(id, nodeId, at) {
      const result = await db
        .update(invitations)
        .set({ usedAt: toMillis(at), usedByNodeId: nodeId })
        .where(
          and(
            eq(invitations.id, id),
            isNull(invitations.usedAt),
            isNull(invitations.revokedAt),
            gt(invitations.expiresAt, toMillis(at)),
          ),
        );
      return result.count === 1;
    },
    async revoke(id, at) {
      const result = await db
        .update(invitations)
        .set({ revokedAt: toMillis(at) })
        .where(
          and(eq(invitations.id, id), isNull(invitations.usedAt), isNull(invitations.revokedAt)),
        );
      return result.count === 1;
    },
    async list() {
      return (await db.select().from(invitations).orderBy(desc(invitations.createdAt))).map(
        invitationFromRow,
      );
    },
  };
}

import { and, eq, isNull } from 'drizzle-orm';
import type { PgDb as Db } from '../../db/open-postgres.ts';
import { adminTokens } from '../../db/pg-schema/foundation.ts';
import type { AdminTokenRepo } from '../store.ts';
import { toMillis } from '../rows/row-mapping.ts';

export function createAdminTokenRepo(db: Db): AdminTokenRepo {
  return {
    async create(tokenHash, label, at) {
      await db.insert(adminTokens).values({ tokenHash, label, createdAt: toMillis(at) });
    },
    async isValid(tokenHash) {
      const row = (
        await db
          .select({ id: adminTokens.id })
          .from(adminTokens)
          .where(and(eq(adminTokens.tokenHash, tokenHash), isNull(adminTokens.revokedAt)))
      )[0];
      return row !== undefined;
    },
  };
}

import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/open-database.ts';
import { adminTokens } from '../../db/schema/foundation.ts';
import type { AdminTokenRepo } from '../store.ts';
import { toMillis } from '../rows/row-mapping.ts';

export function createAdminTokenRepo(db: Db): AdminTokenRepo {
  return {
    async create(tokenHash, label, at) {
      db.insert(adminTokens)
        .values({ tokenHash, label, createdAt: toMillis(at) })
        .run();
    },
    async isValid(tokenHash) {
      const row = db
        .select({ id: adminTokens.id })
        .from(adminTokens)
        .where(and(eq(adminTokens.tokenHash, tokenHash), isNull(adminTokens.revokedAt)))
        .get();
      return row !== undefined;
    },
  };
}

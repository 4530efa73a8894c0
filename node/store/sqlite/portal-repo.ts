/**
 * The partner portal in SQLite: portal partners and their keys, users, one-time links, sessions
 * and settings; notifications are in portal-notification-repo.ts. Every portal page looks its
 * session up, so that lookup is a prepared statement on the unique token index. Private keys and
 * the SMTP password are sealed with the node's storage key (portal-secrets.ts).
 */
import { and, asc, eq, gt, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { PrivateJwk } from '../../../protocol/index.ts';
import type { Db } from '../../db/open-database.ts';
import {
  portalLinks,
  portalPartners,
  portalSessions,
  portalSettings,
  portalUsers,
  type PortalLinkRow,
  type PortalPartnerRow,
  type PortalSessionRow,
  type PortalUserRow,
} from '../../db/schema/portal.ts';
import type {
  LinkPurpose,
  PortalLink,
  PortalPartner,
  PortalRepo,
  PortalSession,
  PortalUser,
} from '../portal-store.ts';
import type { SecretBox } from '../../identity/secret-box.ts';
import { createPortalNotificationRepo } from './portal-notification-repo.ts';
import {
  openSetting,
  PRIVATE_KEY_PURPOSE,
  sealSetting,
  sealStoredSecrets,
} from './portal-secrets.ts';
import { toMillis } from '../rows/row-mapping.ts';

const dateOrNull = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));

function partnerFromRow(row: PortalPartnerRow): PortalPartner {
  return {
    partnerId: row.partnerId,
    uid: row.uid,
    createdAt: new Date(row.createdAt),
    revokedAt: dateOrNull(row.revokedAt),
    updatedAt: new Date(row.updatedAt),
  };
}

function userFromRow(row: PortalUserRow): PortalUser {
  return {
    id: row.id,
    partnerId: row.partnerId,
    email: row.email,
    name: row.name,
    createdAt: new Date(row.createdAt),
    revokedAt: dateOrNull(row.revokedAt),
    lastSignInAt: dateOrNull(row.lastSignInAt),
    language: row.language,
  };
}

function linkFromRow(row: PortalLinkRow): PortalLink {
  return {
    id: row.id,
    userId: row.userId,
    purpose: row.purpose as LinkPurpose,
    createdAt: new Date(row.createdAt),
    expiresAt: new Date(row.expiresAt),
    usedAt: dateOrNull(row.usedAt),
  };
}

function sessionFromRow(row: PortalSessionRow): PortalSession {
  return {
    id: row.id,
    userId: row.userId,
    partnerId: row.partnerId,
    csrfToken: row.csrfToken,
    createdAt: new Date(row.createdAt),
    expiresAt: new Date(row.expiresAt),
    endedAt: dateOrNull(row.endedAt),
  };
}

export function createPortalRepo(db: Db, secrets: SecretBox): PortalRepo {
  const sessionByToken = db
    .select()
    .from(portalSessions)
    .where(
      and(
        eq(portalSessions.tokenHash, sql.placeholder('tokenHash')),
        isNull(portalSessions.endedAt),
      ),
    )
    .prepare();
  const userById = db
    .select()
    .from(portalUsers)
    .where(eq(portalUsers.id, sql.placeholder('id')))
    .prepare();
  const partnerById = db
    .select()
    .from(portalPartners)
    .where(eq(portalPartners.partnerId, sql.placeholder('partnerId')))
    .prepare();

  return {
    ...createPortalNotificationRepo(db),

    async insertPartner({ partnerId, uid, privateJwk, at }) {
      const row = db
        .insert(portalPartners)
        .values({
          partnerId,
          uid,
          privateJwk: secrets.seal(JSON.stringify(privateJwk), PRIVATE_KEY_PURPOSE),
          createdAt: toMillis(at),
          updatedAt: toMillis(at),
        })
        .returning()
        .get();
      return partnerFromRow(row);
    },
    async getPartner(partnerId) {
      const row = partnerById.get({ partnerId });
      return row ? partnerFromRow(row) : null;
    },
    async privateKey(partnerId) {
      const row = partnerById.get({ partnerId });
      return row
        ? (JSON.parse(secrets.open(row.privateJwk, PRIVATE_KEY_PURPOSE)) as PrivateJwk)
        : null;
    },
    async listPartners() {
      return db
        .select()
        .from(portalPartners)
        .orderBy(asc(portalPartners.partnerId))
        .all()
        .map(partnerFromRow);
    },
    async setPartnerRevoked(partnerId, revokedAt, at) {
      db.update(portalPartners)
        .set({
          revokedAt: revokedAt === null ? null : toMillis(revokedAt),
          updatedAt: toMillis(at),
        })
        .where(eq(portalPartners.partnerId, partnerId))
        .run();
    },

    async insertUser({ partnerId, email, name, language, at }) {
      const row = db
        .insert(portalUsers)
        .values({ partnerId, email, name, language: language ?? null, createdAt: toMillis(at) })
        .returning()
        .get();
      return userFromRow(row);
    },
    async getUser(id) {
      const row = userById.get({ id });
      return row ? userFromRow(row) : null;
    },
    async findUserByEmail(email) {
      const row = db.select().from(portalUsers).where(eq(portalUsers.email, email)).get();
      return row ? userFromRow(row) : null;
    },
    async listUsers(partnerId) {
      return db
        .select()
        .from(portalUsers)
        .where(partnerId === undefined ? undefined : eq(portalUsers.partnerId, partnerId))
        .orderBy(asc(portalUsers.id))
        .all()
        .map(userFromRow);
    },
    async revokeUser(id, at) {
      db.update(portalUsers)
        .set({ revokedAt: toMillis(at) })
        .where(and(eq(portalUsers.id, id), isNull(portalUsers.revokedAt)))
        .run();
    },
    async recordSignIn(id, at) {
      db.update(portalUsers)
        .set({ lastSignInAt: toMillis(at) })
        .where(eq(portalUsers.id, id))
        .run();
    },

    async setUserLanguage(id, language) {
      db.update(portalUsers).set({ language }).where(eq(portalUsers.id, id)).run();
    },

    async insertLink({ userId, tokenHash, purpose, at, expiresAt }) {
      const row = db
        .insert(portalLinks)
        .values({
          userId,
          tokenHash,
          purpose,
          createdAt: toMillis(at),
          expiresAt: toMillis(expiresAt),
        })
        .returning()
        .get();
      return linkFromRow(row);
    },
    async findLink(tokenHash) {
      const row = db.select().from(portalLinks).where(eq(portalLinks.tokenHash, tokenHash)).get();
      return row ? linkFromRow(row) : null;
    },
    async consumeLink(id, at) {
      const result = db
        .update(portalLinks)
        .set({ usedAt: toMillis(at) })
        .where(
          and(
            eq(portalLinks.id, id),
            isNull(portalLinks.usedAt),
            gt(portalLinks.expiresAt, toMillis(at)),
          ),
        )
        .run();
      return result.changes === 1;
    },

    async insertSession(input) {
      const row = db
        .insert(portalSessions)
        .values({
          tokenHash: input.tokenHash,
          userId: input.userId,
          partnerId: input.partnerId,
          csrfToken: input.csrfToken,
          createdAt: toMillis(input.at),
          expiresAt: toMillis(input.expiresAt),
        })
        .returning()
        .get();
      return sessionFromRow(row);
    },
    async findSession(tokenHash) {
      const row = sessionByToken.get({ tokenHash });
      return row ? sessionFromRow(row) : null;
    },
    async endSession(id, at) {
      db.update(portalSessions)
        .set({ endedAt: toMillis(at) })
        .where(and(eq(portalSessions.id, id), isNull(portalSessions.endedAt)))
        .run();
    },
    async endSessions(of, at) {
      const owner =
        of === 'all'
          ? undefined
          : 'userId' in of
            ? eq(portalSessions.userId, of.userId)
            : eq(portalSessions.partnerId, of.partnerId);
      const result = db
        .update(portalSessions)
        .set({ endedAt: toMillis(at) })
        .where(and(owner, isNull(portalSessions.endedAt)))
        .run();
      return result.changes;
    },
    async spendLinks(of, at) {
      let owner: SQL | undefined;
      if (of !== 'all') {
        owner =
          'userId' in of
            ? eq(portalLinks.userId, of.userId)
            : inArray(
                portalLinks.userId,
                db
                  .select({ id: portalUsers.id })
                  .from(portalUsers)
                  .where(eq(portalUsers.partnerId, of.partnerId)),
              );
      }
      const result = db
        .update(portalLinks)
        .set({ usedAt: toMillis(at) })
        .where(and(owner, isNull(portalLinks.usedAt)))
        .run();
      return result.changes;
    },

    async sealSecrets() {
      return sealStoredSecrets(db, secrets);
    },

    async settings() {
      const rows = db.select().from(portalSettings).all();
      return Object.fromEntries(
        rows.map((r) => [r.key, openSetting(secrets, r.key, JSON.parse(r.value) as unknown)]),
      );
    },
    async saveSettings(values, at) {
      for (const [key, value] of Object.entries(values)) {
        if (value === undefined) continue;
        if (value === null) {
          db.delete(portalSettings).where(eq(portalSettings.key, key)).run();
          continue;
        }
        const row = {
          value: JSON.stringify(sealSetting(secrets, key, value)),
          updatedAt: toMillis(at),
        };
        db.insert(portalSettings)
          .values({ key, ...row })
          .onConflictDoUpdate({ target: portalSettings.key, set: row })
          .run();
      }
    },
  };
}

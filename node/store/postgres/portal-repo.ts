/**
 * The partner portal in SQLite: portal partners and their keys, users, one-time links, sessions
 * and settings; notifications are in portal-notification-repo.ts. Every portal page looks its
 * session up, so that lookup is a prepared statement on the unique token index. Private keys and
 * the SMTP password are sealed with the node's storage key (portal-secrets.ts).
 */
import { and, asc, eq, gt, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { PrivateJwk } from '../../../protocol/index.ts';
import type { PgDb as Db } from '../../db/open-postgres.ts';
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
} from '../../db/pg-schema/portal.ts';
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
import { openSetting, PRIVATE_KEY_PURPOSE, sealSetting } from '../rows/portal-secrets.ts';
import { sealStoredSecrets } from './portal-secrets.ts';
import { toMillis } from '../rows/row-mapping.ts';
import { onFirstUse } from './on-first-use.ts';

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
  const sessionByToken = onFirstUse(() =>
    db
      .select()
      .from(portalSessions)
      .where(
        and(
          eq(portalSessions.tokenHash, sql.placeholder('tokenHash')),
          isNull(portalSessions.endedAt),
        ),
      )
      .prepare('sessionByToken'),
  );
  const userById = onFirstUse(() =>
    db
      .select()
      .from(portalUsers)
      .where(eq(portalUsers.id, sql.placeholder('id')))
      .prepare('userById'),
  );
  const partnerById = onFirstUse(() =>
    db
      .select()
      .from(portalPartners)
      .where(eq(portalPartners.partnerId, sql.placeholder('partnerId')))
      .prepare('partnerById'),
  );

  return {
    ...createPortalNotificationRepo(db),

    async insertPartner({ partnerId, uid, privateJwk, at }) {
      const row = (
        await db
          .insert(portalPartners)
          .values({
            partnerId,
            uid,
            privateJwk: secrets.seal(JSON.stringify(privateJwk), PRIVATE_KEY_PURPOSE),
            createdAt: toMillis(at),
            updatedAt: toMillis(at),
          })
          .returning()
      )[0]!;
      return partnerFromRow(row);
    },
    async getPartner(partnerId) {
      const row = (await partnerById().execute({ partnerId }))[0];
      return row ? partnerFromRow(row) : null;
    },
    async privateKey(partnerId) {
      const row = (await partnerById().execute({ partnerId }))[0];
      return row
        ? (JSON.parse(secrets.open(row.privateJwk, PRIVATE_KEY_PURPOSE)) as PrivateJwk)
        : null;
    },
    async listPartners() {
      return (await db.select().from(portalPartners).orderBy(asc(portalPartners.partnerId))).map(
        partnerFromRow,
      );
    },
    async setPartnerRevoked(partnerId, revokedAt, at) {
      await db
        .update(portalPartners)
        .set({
          revokedAt: revokedAt === null ? null : toMillis(revokedAt),
          updatedAt: toMillis(at),
        })
        .where(eq(portalPartners.partnerId, partnerId));
    },

    async insertUser({ partnerId, email, name, language, at }) {
      const row = (
        await db
          .insert(portalUsers)
          .values({ partnerId, email, name, language: language ?? null, createdAt: toMillis(at) })
          .returning()
      )[0]!;
      return userFromRow(row);
    },
    async getUser(id) {
      const row = (await userById().execute({ id }))[0];
      return row ? userFromRow(row) : null;
    },
    async findUserByEmail(email) {
      const row = (await db.select().from(portalUsers).where(eq(portalUsers.email, email)))[0];
      return row ? userFromRow(row) : null;
    },
    async listUsers(partnerId) {
      return (
        await db
          .select()
          .from(portalUsers)
          .where(partnerId === undefined ? undefined : eq(portalUsers.partnerId, partnerId))
          .orderBy(asc(portalUsers.id))
      ).map(userFromRow);
    },
    async revokeUser(id, at) {
      await db
        .update(portalUsers)
        .set({ revokedAt: toMillis(at) })
        .where(and(eq(portalUsers.id, id), isNull(portalUsers.revokedAt)));
    },
    async recordSignIn(id, at) {
      await db
        .update(portalUsers)
        .set({ lastSignInAt: toMillis(at) })
        .where(eq(portalUsers.id, id));
    },

    async setUserLanguage(id, language) {
      await db.update(portalUsers).set({ language }).where(eq(portalUsers.id, id));
    },

    async insertLink({ userId, tokenHash, purpose, at, expiresAt }) {
      const row = (
        await db
          .insert(portalLinks)
          .values({
            userId,
            tokenHash,
            purpose,
            createdAt: toMillis(at),
            expiresAt: toMillis(expiresAt),
          })
          .returning()
      )[0]!;
      return linkFromRow(row);
    },
    async findLink(tokenHash) {
      const row = (
        await db.select().from(portalLinks).where(eq(portalLinks.tokenHash, tokenHash))
      )[0];
      return row ? linkFromRow(row) : null;
    },
    async consumeLink(id, at) {
      const result = await db
        .update(portalLinks)
        .set({ usedAt: toMillis(at) })
        .where(
          and(
            eq(portalLinks.id, id),
            isNull(portalLinks.usedAt),
            gt(portalLinks.expiresAt, toMillis(at)),
          ),
        );
      return result.count === 1;
    },

    async insertSession(input) {
      const row = (
        await db
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
      )[0]!;
      return sessionFromRow(row);
    },
    async findSession(tokenHash) {
      const row = (await sessionByToken().execute({ tokenHash }))[0];
      return row ? sessionFromRow(row) : null;
    },
    async endSession(id, at) {
      await db
        .update(portalSessions)
        .set({ endedAt: toMillis(at) })
        .where(and(eq(portalSessions.id, id), isNull(portalSessions.endedAt)));
    },
    async endSessions(of, at) {
      const owner =
        of === 'all'
          ? undefined
          : 'userId' in of
            ? eq(portalSessions.userId, of.userId)
            : eq(portalSessions.partnerId, of.partnerId);
      const result = await db
        .update(portalSessions)
        .set({ endedAt: toMillis(at) })
        .where(and(owner, isNull(portalSessions.endedAt)));
      return result.count;
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
      const result = await db
        .update(portalLinks)
        .set({ usedAt: toMillis(at) })
        .where(and(owner, isNull(portalLinks.usedAt)));
      return result.count;
    },

    async sealSecrets() {
      return sealStoredSecrets(db, secrets);
    },

    async settings() {
      const rows = await db.select().from(portalSettings);
      return Object.fromEntries(
        rows.map((r) => [r.key, openSetting(secrets, r.key, JSON.parse(r.value) as unknown)]),
      );
    },
    async saveSettings(values, at) {
      for (const [key, value] of Object.entries(values)) {
        if (value === undefined) continue;
        if (value === null) {
          await db.delete(portalSettings).where(eq(portalSettings.key, key));
          continue;
        }
        const row = {
          value: JSON.stringify(sealSetting(secrets, key, value)),
          updatedAt: toMillis(at),
        };
        await db
          .insert(portalSettings)
          .values({ key, ...row })
          .onConflictDoUpdate({ target: portalSettings.key, set: row });
      }
    },
  };
}

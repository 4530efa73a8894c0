/**
 * Staff accounts in PostgreSQL: people, personal API tokens, one-time links, sessions, settings.
 * TOTP keys and the identity provider's client secret are sealed with the node's storage key
 * (../rows/staff-secrets.ts).
 */
import { and, asc, count, eq, gte, isNull } from 'drizzle-orm';
import type { Role } from '../../domain-kernel/roles.ts';
import type { PgDb as Db } from '../../db/open-postgres.ts';
import {
  staffLinks,
  staffSessions,
  staffSettings,
  staffTokens,
  staffUsers,
  type StaffSessionRow,
  type StaffTokenRow,
  type StaffUserRow,
} from '../../db/pg-schema/staff.ts';
import type { SecretBox } from '../../identity/secret-box.ts';
import { openStaffSetting, sealStaffSetting, TOTP_KEY_PURPOSE } from '../rows/staff-secrets.ts';
import { sealStoredStaffSecrets } from './staff-secrets.ts';
import type {
  SignInMethod,
  StaffRepo,
  StaffSession,
  StaffToken,
  StaffUser,
} from '../staff-store.ts';

const dateOrNull = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));
const msOrNull = (d: Date | null | undefined): number | null => (d ? d.getTime() : null);

function userFromRowWith(row: StaffUserRow, secrets: SecretBox): StaffUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    language: row.language,
    roles: JSON.parse(row.roles) as Role[],
    passwordHash: row.passwordHash,
    totpKey: row.totpKey === null ? null : secrets.open(row.totpKey, TOTP_KEY_PURPOSE),
    totpLastStep: row.totpLastStep,
    oidcSubject: row.oidcSubject,
    failedSignIns: row.failedSignIns,
    lockedUntil: dateOrNull(row.lockedUntil),
    createdAt: new Date(row.createdAt),
    updatedAt: new Date(row.updatedAt),
    removedAt: dateOrNull(row.removedAt),
    lastSignInAt: dateOrNull(row.lastSignInAt),
  };
}

function tokenFromRow(row: StaffTokenRow): StaffToken {
  return {
    id: row.id,
    staffId: row.staffId,
    roles: row.roles === null ? null : (JSON.parse(row.roles) as Role[]),
    createdAt: new Date(row.createdAt),
    expiresAt: dateOrNull(row.expiresAt),
    revokedAt: dateOrNull(row.revokedAt),
    lastUsedAt: dateOrNull(row.lastUsedAt),
  };
}

function sessionFromRow(row: StaffSessionRow): StaffSession {
  return {
    id: row.id,
    staffId: row.staffId,
    csrfToken: row.csrfToken,
    method: row.method as SignInMethod,
    createdAt: new Date(row.createdAt),
    lastSeenAt: new Date(row.lastSeenAt),
    expiresAt: new Date(row.expiresAt),
    endedAt: dateOrNull(row.endedAt),
  };
}

export function createStaffRepo(db: Db, secrets: SecretBox): StaffRepo {
  const userFromRow = (row: StaffUserRow) => userFromRowWith(row, secrets);
  return {
    async insertUser(user, at) {
      const row = (
        await db
          .insert(staffUsers)
          .values({
            id: user.id,
            email: user.email,
            name: user.name,
            language: user.language,
            roles: JSON.stringify(user.roles),
            createdAt: at.getTime(),
            updatedAt: at.getTime(),
          })
          .returning()
      )[0]!;
      return userFromRow(row);
    },
    async getUser(id) {
      const row = (await db.select().from(staffUsers).where(eq(staffUsers.id, id)))[0];
      return row ? userFromRow(row) : null;
    },
    async findUserByEmail(email) {
      const row = (await db.select().from(staffUsers).where(eq(staffUsers.email, email)))[0];
      return row ? userFromRow(row) : null;
    },
    async findUserByOidcSubject(subject) {
      const row = (
        await db.select().from(staffUsers).where(eq(staffUsers.oidcSubject, subject))
      )[0];
      return row ? userFromRow(row) : null;
    },
    async listUsers() {
      return (
        await db.select().from(staffUsers).orderBy(asc(staffUsers.createdAt), asc(staffUsers.id))
      ).map(userFromRow);
    },
    async updateUser(id, changes, at) {
      const values: Partial<typeof staffUsers.$inferInsert> = { updatedAt: at.getTime() };
      if (changes.name !== undefined) values.name = changes.name;
      if (changes.language !== undefined) values.language = changes.language;
      if (changes.roles !== undefined) values.roles = JSON.stringify(changes.roles);
      if (changes.passwordHash !== undefined) values.passwordHash = changes.passwordHash;
      if (changes.totpKey !== undefined) {
        values.totpKey =
          changes.totpKey === null ? null : secrets.seal(changes.totpKey, TOTP_KEY_PURPOSE);
      }
      if (changes.totpLastStep !== undefined) values.totpLastStep = changes.totpLastStep;
      if (changes.oidcSubject !== undefined) values.oidcSubject = changes.oidcSubject;
      if (changes.failedSignIns !== undefined) values.failedSignIns = changes.failedSignIns;
      if (changes.lockedUntil !== undefined) values.lockedUntil = msOrNull(changes.lockedUntil);
      if (changes.removedAt !== undefined) values.removedAt = msOrNull(changes.removedAt);
      if (changes.lastSignInAt !== undefined) values.lastSignInAt = msOrNull(changes.lastSignInAt);
      await db.update(staffUsers).set(values).where(eq(staffUsers.id, id));
    },

    async insertToken(token) {
      await db.insert(staffTokens).values({
        id: token.id,
        staffId: token.staffId,
        tokenHash: token.tokenHash,
        roles: token.roles === null ? null : JSON.stringify(token.roles),
        createdAt: token.createdAt.getTime(),
        expiresAt: msOrNull(token.expiresAt),
      });
    },
    async findTokenByHash(tokenHash) {
      const row = (
        await db.select().from(staffTokens).where(eq(staffTokens.tokenHash, tokenHash))
      )[0];
      return row ? tokenFromRow(row) : null;
    },
    async getToken(id) {
      const row = (await db.select().from(staffTokens).where(eq(staffTokens.id, id)))[0];
      return row ? tokenFromRow(row) : null;
    },
    async listTokens(staffId) {
      return (
        await db
          .select()
          .from(staffTokens)
          .where(staffId === undefined ? undefined : eq(staffTokens.staffId, staffId))
          .orderBy(asc(staffTokens.createdAt), asc(staffTokens.id))
      ).map(tokenFromRow);
    },
    async revokeToken(id, at) {
      const result = await db
        .update(staffTokens)
        .set({ revokedAt: at.getTime() })
        .where(and(eq(staffTokens.id, id), isNull(staffTokens.revokedAt)));
      return result.count === 1;
    },
    async revokeTokensOf(staffId, at) {
      return (
        await db
          .update(staffTokens)
          .set({ revokedAt: at.getTime() })
          .where(and(eq(staffTokens.staffId, staffId), isNull(staffTokens.revokedAt)))
      ).count;
    },
    async touchToken(id, at) {
      await db.update(staffTokens).set({ lastUsedAt: at.getTime() }).where(eq(staffTokens.id, id));
    },

    async insertLink(input) {
      await db.insert(staffLinks).values({
        staffId: input.staffId,
        tokenHash: input.tokenHash,
        createdAt: input.at.getTime(),
        expiresAt: input.expiresAt.getTime(),
      });
    },
    async findLink(tokenHash) {
      const row = (
        await db.select().from(staffLinks).where(eq(staffLinks.tokenHash, tokenHash))
      )[0];
      if (!row) return null;
      return {
        id: row.id,
        staffId: row.staffId,
        createdAt: new Date(row.createdAt),
        expiresAt: new Date(row.expiresAt),
        usedAt: dateOrNull(row.usedAt),
      };
    },
    async countLinksSince(staffId, since) {
      const [row] = await db
        .select({ n: count() })
        .from(staffLinks)
        .where(and(eq(staffLinks.staffId, staffId), gte(staffLinks.createdAt, since.getTime())));
      return row?.n ?? 0;
    },
    async consumeLink(id, at) {
      const result = await db
        .update(staffLinks)
        .set({ usedAt: at.getTime() })
        .where(and(eq(staffLinks.id, id), isNull(staffLinks.usedAt)));
      return result.count === 1;
    },

    async insertSession(input) {
      const row = (
        await db
          .insert(staffSessions)
          .values({
            tokenHash: input.tokenHash,
            staffId: input.staffId,
            csrfToken: input.csrfToken,
            method: input.method,
            createdAt: input.at.getTime(),
            lastSeenAt: input.at.getTime(),
            expiresAt: input.expiresAt.getTime(),
          })
          .returning()
      )[0]!;
      return sessionFromRow(row);
    },
    async findSession(tokenHash) {
      const row = (
        await db
          .select()
          .from(staffSessions)
          .where(and(eq(staffSessions.tokenHash, tokenHash), isNull(staffSessions.endedAt)))
      )[0];
      return row ? sessionFromRow(row) : null;
    },
    async touchSession(id, at) {
      await db
        .update(staffSessions)
        .set({ lastSeenAt: at.getTime() })
        .where(eq(staffSessions.id, id));
    },
    async endSession(id, at) {
      await db
        .update(staffSessions)
        .set({ endedAt: at.getTime() })
        .where(and(eq(staffSessions.id, id), isNull(staffSessions.endedAt)));
    },
    async endSessionsOf(staffId, at) {
      return (
        await db
          .update(staffSessions)
          .set({ endedAt: at.getTime() })
          .where(and(eq(staffSessions.staffId, staffId), isNull(staffSessions.endedAt)))
      ).count;
    },

    async settings() {
      const out: Record<string, unknown> = {};
      for (const row of await db.select().from(staffSettings)) {
        out[row.key] = openStaffSetting(secrets, row.key, JSON.parse(row.value));
      }
      return out;
    },
    async setSetting(key, value, at) {
      const json = JSON.stringify(sealStaffSetting(secrets, key, value));
      await db
        .insert(staffSettings)
        .values({ key, value: json, updatedAt: at.getTime() })
        .onConflictDoUpdate({
          target: staffSettings.key,
          set: { value: json, updatedAt: at.getTime() },
        });
    },
    async sealSecrets() {
      return sealStoredStaffSecrets(db, secrets);
    },
  };
}

/**
 * Staff accounts in SQLite: people, personal API tokens, one-time links, sessions, settings. TOTP
 * keys and the identity provider's client secret are sealed with the node's storage key
 * (staff-secrets.ts).
 */
import { and, asc, count, eq, gte, isNull } from 'drizzle-orm';
import type { Role } from '../../domain-kernel/roles.ts';
import type { Db } from '../../db/open-database.ts';
import {
  staffLinks,
  staffSessions,
  staffSettings,
  staffTokens,
  staffUsers,
  type StaffSessionRow,
  type StaffTokenRow,
  type StaffUserRow,
} from '../../db/schema/staff.ts';
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
      const row = db
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
        .get();
      return userFromRow(row);
    },
    async getUser(id) {
      const row = db.select().from(staffUsers).where(eq(staffUsers.id, id)).get();
      return row ? userFromRow(row) : null;
    },
    async findUserByEmail(email) {
      const row = db.select().from(staffUsers).where(eq(staffUsers.email, email)).get();
      return row ? userFromRow(row) : null;
    },
    async findUserByOidcSubject(subject) {
      const row = db.select().from(staffUsers).where(eq(staffUsers.oidcSubject, subject)).get();
      return row ? userFromRow(row) : null;
    },
    async listUsers() {
      return db
        .select()
        .from(staffUsers)
        .orderBy(asc(staffUsers.createdAt), asc(staffUsers.id))
        .all()
        .map(userFromRow);
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
      db.update(staffUsers).set(values).where(eq(staffUsers.id, id)).run();
    },

    async insertToken(token) {
      db.insert(staffTokens)
        .values({
          id: token.id,
          staffId: token.staffId,
          tokenHash: token.tokenHash,
          roles: token.roles === null ? null : JSON.stringify(token.roles),
          createdAt: token.createdAt.getTime(),
          expiresAt: msOrNull(token.expiresAt),
        })
        .run();
    },
    async findTokenByHash(tokenHash) {
      const row = db.select().from(staffTokens).where(eq(staffTokens.tokenHash, tokenHash)).get();
      return row ? tokenFromRow(row) : null;
    },
    async getToken(id) {
      const row = db.select().from(staffTokens).where(eq(staffTokens.id, id)).get();
      return row ? tokenFromRow(row) : null;
    },
    async listTokens(staffId) {
      return db
        .select()
        .from(staffTokens)
        .where(staffId === undefined ? undefined : eq(staffTokens.staffId, staffId))
        .orderBy(asc(staffTokens.createdAt), asc(staffTokens.id))
        .all()
        .map(tokenFromRow);
    },
    async revokeToken(id, at) {
      const result = db
        .update(staffTokens)
        .set({ revokedAt: at.getTime() })
        .where(and(eq(staffTokens.id, id), isNull(staffTokens.revokedAt)))
        .run();
      return result.changes === 1;
    },
    async revokeTokensOf(staffId, at) {
      return db
        .update(staffTokens)
        .set({ revokedAt: at.getTime() })
        .where(and(eq(staffTokens.staffId, staffId), isNull(staffTokens.revokedAt)))
        .run().changes;
    },
    async touchToken(id, at) {
      db.update(staffTokens).set({ lastUsedAt: at.getTime() }).where(eq(staffTokens.id, id)).run();
    },

    async insertLink(input) {
      db.insert(staffLinks)
        .values({
          staffId: input.staffId,
          tokenHash: input.tokenHash,
          createdAt: input.at.getTime(),
          expiresAt: input.expiresAt.getTime(),
        })
        .run();
    },
    async findLink(tokenHash) {
      const row = db.select().from(staffLinks).where(eq(staffLinks.tokenHash, tokenHash)).get();
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
      const row = db
        .select({ n: count() })
        .from(staffLinks)
        .where(and(eq(staffLinks.staffId, staffId), gte(staffLinks.createdAt, since.getTime())))
        .get();
      return row?.n ?? 0;
    },
    async consumeLink(id, at) {
      const result = db
        .update(staffLinks)
        .set({ usedAt: at.getTime() })
        .where(and(eq(staffLinks.id, id), isNull(staffLinks.usedAt)))
        .run();
      return result.changes === 1;
    },

    async insertSession(input) {
      const row = db
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
        .get();
      return sessionFromRow(row);
    },
    async findSession(tokenHash) {
      const row = db
        .select()
        .from(staffSessions)
        .where(and(eq(staffSessions.tokenHash, tokenHash), isNull(staffSessions.endedAt)))
        .get();
      return row ? sessionFromRow(row) : null;
    },
    async touchSession(id, at) {
      db.update(staffSessions)
        .set({ lastSeenAt: at.getTime() })
        .where(eq(staffSessions.id, id))
        .run();
    },
    async endSession(id, at) {
      db.update(staffSessions)
        .set({ endedAt: at.getTime() })
        .where(and(eq(staffSessions.id, id), isNull(staffSessions.endedAt)))
        .run();
    },
    async endSessionsOf(staffId, at) {
      return db
        .update(staffSessions)
        .set({ endedAt: at.getTime() })
        .where(and(eq(staffSessions.staffId, staffId), isNull(staffSessions.endedAt)))
        .run().changes;
    },

    async settings() {
      const out: Record<string, unknown> = {};
      for (const row of db.select().from(staffSettings).all()) {
        out[row.key] = openStaffSetting(secrets, row.key, JSON.parse(row.value));
      }
      return out;
    },
    async setSetting(key, value, at) {
      const json = JSON.stringify(sealStaffSetting(secrets, key, value));
      db.insert(staffSettings)
        .values({ key, value: json, updatedAt: at.getTime() })
        .onConflictDoUpdate({
          target: staffSettings.key,
          set: { value: json, updatedAt: at.getTime() },
        })
        .run();
    },
    async sealSecrets() {
      return sealStoredStaffSecrets(db, secrets);
    },
  };
}

/** The staff accounts' part of the storage boundary: people, tokens, links, sessions, settings. */
import type { Role } from '../domain-kernel/roles.ts';

export interface StaffUser {
  id: string;
  email: string;
  name: string;
  language: string;
  roles: Role[];
  passwordHash: string | null;
  totpKey: string | null;
  totpLastStep: number | null;
  oidcSubject: string | null;
  failedSignIns: number;
  lockedUntil: Date | null;
  createdAt: Date;
  updatedAt: Date;
  removedAt: Date | null;
  lastSignInAt: Date | null;
}

export interface StaffToken {
  id: string;
  staffId: string;
  /** null: the owner's roles, whatever they are at the time of use. */
  roles: Role[] | null;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

export interface StaffLink {
  id: number;
  staffId: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
}

export type SignInMethod = 'link' | 'password' | 'oidc';

export interface StaffSession {
  id: number;
  staffId: string;
  csrfToken: string;
  method: SignInMethod;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  endedAt: Date | null;
}

export interface StaffRepo {
  insertUser(
    user: Pick<StaffUser, 'id' | 'email' | 'name' | 'language' | 'roles'>,
    at: Date,
  ): Promise<StaffUser>;
  getUser(id: string): Promise<StaffUser | null>;
  findUserByEmail(email: string): Promise<StaffUser | null>;
  findUserByOidcSubject(subject: string): Promise<StaffUser | null>;
  /** Everyone, removed people too, oldest first. */
  listUsers(): Promise<StaffUser[]>;
  updateUser(
    id: string,
    changes: Partial<
      Pick<
        StaffUser,
        | 'name'
        | 'language'
        | 'roles'
        | 'passwordHash'
        | 'totpKey'
        | 'totpLastStep'
        | 'oidcSubject'
        | 'failedSignIns'
        | 'lockedUntil'
        | 'removedAt'
        | 'lastSignInAt'
      >
    >,
    at: Date,
  ): Promise<void>;

  insertToken(
    token: Omit<StaffToken, 'revokedAt' | 'lastUsedAt'> & { tokenHash: string },
  ): Promise<void>;
  findTokenByHash(tokenHash: string): Promise<StaffToken | null>;
  getToken(id: string): Promise<StaffToken | null>;
  listTokens(staffId?: string): Promise<StaffToken[]>;
  revokeToken(id: string, at: Date): Promise<boolean>;
  /** Revokes every live token of a person; how many. */
  revokeTokensOf(staffId: string, at: Date): Promise<number>;
  touchToken(id: string, at: Date): Promise<void>;

  insertLink(input: {
    staffId: string;
    tokenHash: string;
    at: Date;
    expiresAt: Date;
  }): Promise<void>;
  findLink(tokenHash: string): Promise<StaffLink | null>;
  /** How many links were made for this person since `since` (the e-mailed links' limit). */
  countLinksSince(staffId: string, since: Date): Promise<number>;
  /** Marks an unused, unexpired link used; false when it was used meanwhile. */
  consumeLink(id: number, at: Date): Promise<boolean>;

  insertSession(input: {
    tokenHash: string;
    staffId: string;
    csrfToken: string;
    method: SignInMethod;
    at: Date;
    expiresAt: Date;
  }): Promise<StaffSession>;
  findSession(tokenHash: string): Promise<StaffSession | null>;
  touchSession(id: number, at: Date): Promise<void>;
  endSession(id: number, at: Date): Promise<void>;
  /** Ends every open session of a person ("sign out everywhere", removal); how many. */
  endSessionsOf(staffId: string, at: Date): Promise<number>;

  settings(): Promise<Record<string, unknown>>;
  setSetting(key: string, value: unknown, at: Date): Promise<void>;
  /** Seals, in place, the secrets (TOTP keys, the OIDC client secret) kept in the clear before. */
  sealSecrets(): Promise<number>;
}

/**
 * Staff accounts: adding people with their roles, changing roles, removing people (which ends
 * their sessions and revokes their tokens), and the first owner, to whom the admin token printed
 * at `init` belongs. Every change is audited in the same unit of work.
 */
import { randomUUID } from 'node:crypto';
import { ROLES, type Role } from '../domain-kernel/roles.ts';
import type { NodeDeps } from '../deps.ts';
import { AppError, badRequest } from '../errors.ts';
import { EMAIL } from '../input/email-pattern.ts';
import type { StaffUser } from '../store/staff-store.ts';
import type { StoreTx } from '../store/store.ts';
import type { AuditActor } from './audit-actor.ts';
import { appendAudit } from './audit-chain.ts';
import { recordingRefusal } from './refused-attempts.ts';
import { STAFF_CODES, staffNotFound } from './staff-errors.ts';

export type StaffDeps = Pick<NodeDeps, 'store' | 'clock' | 'nodeId'>;

export interface StaffInput {
  email: string;
  name: string;
  language: string;
  roles: Role[];
}

const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$/;
export const DEFAULT_LANGUAGE = 'en';

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function parseEmail(raw: unknown): string {
  const email = typeof raw === 'string' ? normalizeEmail(raw) : '';
  if (email.length > 254 || !EMAIL.test(email)) {
    throw badRequest('invalid_email', 'give an e-mail address, such as name@example.com', 'email');
  }
  return email;
}

/** Role names, each known, without repeats, in ROLES order; at least one. */
export function parseRoles(raw: readonly string[]): Role[] {
  const names = raw.map((r) => r.trim()).filter((r) => r !== '');
  const unknown = names.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length > 0) {
    throw badRequest(
      STAFF_CODES.badRole,
      `unknown role ${unknown.join(', ')}; roles are ${ROLES.join(', ')}`,
      'role',
    );
  }
  if (names.length === 0) throw badRequest(STAFF_CODES.badRole, 'give at least one role', 'role');
  return ROLES.filter((r) => names.includes(r));
}

export function parseStaffInput(raw: {
  email?: unknown;
  name?: unknown;
  language?: unknown;
  roles: readonly string[];
}): StaffInput {
  const email = parseEmail(raw.email);
  const name = typeof raw.name === 'string' ? raw.name.trim() : '';
  if (name.length === 0 || name.length > 200 || /[\u0000-\u001f]/.test(name)) {
    throw badRequest('invalid_name', 'give a name of 1 to 200 characters', 'name');
  }
  const language = raw.language === undefined ? DEFAULT_LANGUAGE : String(raw.language);
  if (!LANGUAGE.test(language)) {
    throw badRequest('invalid_language', 'give a language tag such as en, de or pt-BR', 'language');
  }
  return { email, name, language, roles: parseRoles(raw.roles) };
}

export const isActive = (user: StaffUser | null): user is StaffUser =>
  user !== null && user.removedAt === null;

/** The owner the admin token printed at `init` belongs to: the earliest active owner. */
export async function firstOwner(tx: StoreTx): Promise<StaffUser | null> {
  const users = await tx.staff.listUsers();
  return users.find((u) => isActive(u) && u.roles.includes('owner')) ?? null;
}

/** An active person by e-mail address, or the refusal that says why not. */
export async function activeStaffByEmail(tx: StoreTx, email: string): Promise<StaffUser> {
  const user = await tx.staff.findUserByEmail(normalizeEmail(email));
  if (!user) throw staffNotFound(email);
  if (user.removedAt) {
    throw new AppError(409, STAFF_CODES.removed, `${user.email} was removed; add them again`);
  }
  return user;
}

export async function addStaff(
  deps: StaffDeps,
  input: StaffInput,
  actor: AuditActor,
): Promise<StaffUser> {
  const now = deps.clock.now();
  return recordingRefusal(deps, { actor, operation: 'staff.add', email: input.email }, () =>
    deps.store.transact(async (tx) => {
      const existing = await tx.staff.findUserByEmail(input.email);
      if (existing && !existing.removedAt) {
        throw new AppError(409, STAFF_CODES.exists, `${input.email} already has an account`);
      }
      let user: StaffUser;
      if (existing) {
        // Someone removed and added again keeps their id (and so their audit history), not their secrets.
        await tx.staff.updateUser(
          existing.id,
          {
            name: input.name,
            language: input.language,
            roles: input.roles,
            removedAt: null,
            passwordHash: null,
            totpKey: null,
            totpLastStep: null,
            failedSignIns: 0,
            lockedUntil: null,
          },
          now,
        );
        user = (await tx.staff.getUser(existing.id))!;
      } else {
        user = await tx.staff.insertUser({ id: randomUUID(), ...input }, now);
      }
      await appendAudit(tx, {
        ...actor,
        at: now,
        operation: 'staff.add',
        record: `staff/${user.id}`,
        outcome: 'ok',
        messageIds: [],
        detail: { email: user.email, roles: user.roles },
      });
      return user;
    }),
  );
}

/** Refuses a change that would leave the node without an active owner. */
async function keepAnOwner(tx: StoreTx, changing: StaffUser, rolesAfter: Role[]): Promise<void> {
  if (!changing.roles.includes('owner') || rolesAfter.includes('owner')) return;
  const others = (await tx.staff.listUsers()).filter(
    (u) => isActive(u) && u.id !== changing.id && u.roles.includes('owner'),
  );
  if (others.length === 0) {
    throw new AppError(409, STAFF_CODES.lastOwner, `${changing.email} is the last owner`);
  }
}

export async function setStaffRoles(
  deps: StaffDeps,
  email: string,
  roles: Role[],
  actor: AuditActor,
): Promise<StaffUser> {
  const now = deps.clock.now();
  return recordingRefusal(deps, { actor, operation: 'staff.roles', email }, () =>
    deps.store.transact(async (tx) => {
      const user = await activeStaffByEmail(tx, email);
      await keepAnOwner(tx, user, roles);
      await tx.staff.updateUser(user.id, { roles }, now);
      await appendAudit(tx, {
        ...actor,
        at: now,
        operation: 'staff.roles',
        record: `staff/${user.id}`,
        outcome: 'ok',
        messageIds: [],
        detail: { email: user.email, before: user.roles, after: roles },
      });
      return (await tx.staff.getUser(user.id))!;
    }),
  );
}

export async function removeStaff(
  deps: StaffDeps,
  email: string,
  actor: AuditActor,
): Promise<StaffUser> {
  const now = deps.clock.now();
  return recordingRefusal(deps, { actor, operation: 'staff.remove', email }, () =>
    deps.store.transact(async (tx) => {
      const user = await activeStaffByEmail(tx, email);
      await keepAnOwner(tx, user, []);
      await tx.staff.updateUser(user.id, { removedAt: now }, now);
      const sessions = await tx.staff.endSessionsOf(user.id, now);
      const tokens = await tx.staff.revokeTokensOf(user.id, now);
      await appendAudit(tx, {
        ...actor,
        at: now,
        operation: 'staff.remove',
        record: `staff/${user.id}`,
        outcome: 'ok',
        messageIds: [],
        detail: { email: user.email, sessionsEnded: sessions, tokensRevoked: tokens },
      });
      return (await tx.staff.getUser(user.id))!;
    }),
  );
}

/** What the CLI and API show of a person: never a secret. */
export function staffView(u: StaffUser) {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    language: u.language,
    roles: u.roles,
    status: u.removedAt ? 'removed' : 'active',
    password: u.passwordHash !== null,
    totp: u.totpKey !== null,
    sso: u.oidcSubject !== null,
    createdAt: u.createdAt.toISOString(),
    lastSignInAt: u.lastSignInAt?.toISOString() ?? null,
    removedAt: u.removedAt?.toISOString() ?? null,
  };
}

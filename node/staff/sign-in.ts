/**
 * Signing staff in to the console: with a one-time link, or with a password and (when they set
 * one up, or an owner made it mandatory) a TOTP code. Every attempt is recorded in the audit
 * trail with its precise outcome; the browser is told less (`sign_in_failed` for an unknown
 * address, a wrong password and a wrong code alike), so that the form does not reveal who has an
 * account. After `lockoutThreshold` failures in a row an account is locked for a while: per
 * account, never per address, so people behind one proxy do not lock each other out.
 */
import type { StaffUser } from '../store/staff-store.ts';
import type { StoreTx } from '../store/store.ts';
import { hashToken } from '../portal/tokens.ts';
import { anonymousActor } from './audit-actor.ts';
import { appendAudit } from './audit-chain.ts';
import { startSession } from './console-sessions.ts';
import { verifyPassword } from './passwords.ts';
import { isActive, normalizeEmail, type StaffDeps } from './staff-accounts.ts';
import { readStaffSettings } from './staff-settings.ts';
import { matchTotp, totpKeyFromText } from './totp.ts';

export type SignInResult =
  | { ok: true; cookie: string; expiresAt: Date; user: StaffUser }
  | { ok: false; code: SignInRefusal };

/** What the browser is told. */
export type SignInRefusal =
  'sign_in_failed' | 'account_locked' | 'totp_required' | 'totp_setup_required' | 'link_invalid';

async function record(
  tx: StoreTx,
  now: Date,
  address: string,
  who: { user?: StaffUser | null; email?: string },
  operation: string,
  outcome: string,
): Promise<void> {
  await appendAudit(tx, {
    ...anonymousActor(address, {
      staffId: who.user?.id ?? null,
      email: who.user?.email ?? who.email ?? null,
    }),
    ...(outcome === 'ok' && { actorKind: 'session' as const }),
    at: now,
    operation,
    record: who.user ? `staff/${who.user.id}` : null,
    outcome,
    messageIds: [],
    detail: {},
  });
}

/** Counts a failure against the account; locks it at the threshold. */
async function countFailure(tx: StoreTx, user: StaffUser, now: Date): Promise<void> {
  const settings = await readStaffSettings(tx);
  const failed = user.failedSignIns + 1;
  const locked = failed >= settings.lockoutThreshold;
  await tx.staff.updateUser(
    user.id,
    {
      failedSignIns: locked ? 0 : failed,
      ...(locked && { lockedUntil: new Date(now.getTime() + settings.lockoutMinutes * 60_000) }),
    },
    now,
  );
}

export async function signInWithPassword(
  deps: StaffDeps,
  input: { email: string; password: string; code: string; address: string },
): Promise<SignInResult> {
  const now = deps.clock.now();
  const email = normalizeEmail(input.email);
  const candidate = await deps.store.read((tx) => tx.staff.findUserByEmail(email));
  const locked = (u: StaffUser | null) =>
    !!u?.lockedUntil && u.lockedUntil.getTime() > now.getTime();
  // The slow hash runs outside the unit of work, so that it does not hold up other requests.
  const passwordOk =
    isActive(candidate) && !locked(candidate)
      ? await verifyPassword(candidate.passwordHash, input.password)
      : await verifyPassword(null, input.password);

  return deps.store.transact(async (tx): Promise<SignInResult> => {
    const user = await tx.staff.findUserByEmail(email);
    const op = 'sign_in.password';
    if (!user) {
      await record(tx, now, input.address, { email }, op, 'staff_not_found');
      return { ok: false, code: 'sign_in_failed' };
    }
    if (!isActive(user)) {
      await record(tx, now, input.address, { user }, op, 'staff_removed');
      return { ok: false, code: 'sign_in_failed' };
    }
    if (locked(user)) {
      await record(tx, now, input.address, { user }, op, 'account_locked');
      return { ok: false, code: 'account_locked' };
    }
    if (!passwordOk || user.passwordHash !== candidate?.passwordHash) {
      await countFailure(tx, user, now);
      await record(tx, now, input.address, { user }, op, 'wrong_password');
      return { ok: false, code: 'sign_in_failed' };
    }
    const settings = await readStaffSettings(tx);
    if (user.totpKey === null) {
      if (settings.requireTotp) {
        await record(tx, now, input.address, { user }, op, 'totp_setup_required');
        return { ok: false, code: 'totp_setup_required' };
      }
    } else {
      if (input.code.trim() === '') {
        await record(tx, now, input.address, { user }, op, 'totp_required');
        return { ok: false, code: 'totp_required' };
      }
      const key = totpKeyFromText(user.totpKey);
      const step = key ? matchTotp(key, input.code.trim(), now, user.totpLastStep) : null;
      if (step === null) {
        await countFailure(tx, user, now);
        await record(tx, now, input.address, { user }, op, 'wrong_totp');
        return { ok: false, code: 'sign_in_failed' };
      }
      await tx.staff.updateUser(user.id, { totpLastStep: step }, now);
    }
    const session = await startSession(tx, user, 'password', now);
    await record(tx, now, input.address, { user }, op, 'ok');
    return { ok: true, ...session, user };
  });
}

/** Whether a link would sign in now (opening the page does not use it up). */
export async function staffLinkIsValid(deps: StaffDeps, token: string): Promise<boolean> {
  const now = deps.clock.now();
  return deps.store.read(async (tx) => {
    const link = await tx.staff.findLink(hashToken(token));
    if (!link || link.usedAt || link.expiresAt.getTime() <= now.getTime()) return false;
    return isActive(await tx.staff.getUser(link.staffId));
  });
}

export async function signInWithLink(
  deps: StaffDeps,
  token: string,
  address: string,
): Promise<SignInResult> {
  const now = deps.clock.now();
  return deps.store.transact(async (tx): Promise<SignInResult> => {
    const op = 'sign_in.link';
    const link = await tx.staff.findLink(hashToken(token));
    if (!link) {
      await record(tx, now, address, {}, op, 'link_unknown');
      return { ok: false, code: 'link_invalid' };
    }
    const user = await tx.staff.getUser(link.staffId);
    const outcome = !isActive(user)
      ? 'staff_removed'
      : link.usedAt
        ? 'link_used'
        : link.expiresAt.getTime() <= now.getTime()
          ? 'link_expired'
          : !(await tx.staff.consumeLink(link.id, now))
            ? 'link_used'
            : 'ok';
    await record(tx, now, address, { user }, op, outcome);
    if (outcome !== 'ok') return { ok: false, code: 'link_invalid' };
    const session = await startSession(tx, user!, 'link', now);
    return { ok: true, ...session, user: user! };
  });
}

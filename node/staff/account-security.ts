/**
 * What a signed-in person changes about their own sign-in: their password, their TOTP second
 * factor, and "sign out everywhere". Each change is audited as theirs, and so is each refused
 * attempt (a wrong code, a password too short), with its code.
 */
import { AppError, badRequest } from '../errors.ts';
import type { StaffUser } from '../store/staff-store.ts';
import type { AuditActor } from './audit-actor.ts';
import { appendAudit } from './audit-chain.ts';
import { checkNewPassword, hashPassword } from './passwords.ts';
import { recordingRefusal } from './refused-attempts.ts';
import type { StaffDeps } from './staff-accounts.ts';
import { readStaffSettings } from './staff-settings.ts';
import { matchTotp, totpKeyFromText, totpKeyText } from './totp.ts';

const audited = (
  actor: AuditActor,
  user: StaffUser,
  now: Date,
  operation: string,
  detail = {},
) => ({
  ...actor,
  at: now,
  operation,
  record: `staff/${user.id}`,
  outcome: 'ok',
  messageIds: [],
  detail,
});

export async function setOwnPassword(
  deps: StaffDeps,
  user: StaffUser,
  password: string,
  actor: AuditActor,
): Promise<void> {
  const attempt = { actor, operation: 'staff.password', record: `staff/${user.id}` };
  return recordingRefusal(deps, attempt, async () => {
    checkNewPassword(password);
    const passwordHash = await hashPassword(password);
    const now = deps.clock.now();
    await deps.store.transact(async (tx) => {
      await tx.staff.updateUser(user.id, { passwordHash }, now);
      await appendAudit(tx, audited(actor, user, now, 'staff.password'));
    });
  });
}

/** Turns TOTP on with a key the person's app now holds, proven by one of its codes. */
export async function enableOwnTotp(
  deps: StaffDeps,
  user: StaffUser,
  keyText: string,
  code: string,
  actor: AuditActor,
): Promise<void> {
  const attempt = { actor, operation: 'staff.totp.enable', record: `staff/${user.id}` };
  return recordingRefusal(deps, attempt, async () => {
    const key = totpKeyFromText(keyText);
    if (!key) throw badRequest('invalid_totp_key', 'the key is not valid; reload the page', 'key');
    const now = deps.clock.now();
    const step = matchTotp(key, code.trim(), now, null);
    if (step === null) {
      throw badRequest(
        'wrong_totp',
        'the code does not match; enter the code your app shows now',
        'code',
      );
    }
    await deps.store.transact(async (tx) => {
      await tx.staff.updateUser(user.id, { totpKey: totpKeyText(key), totpLastStep: step }, now);
      await appendAudit(tx, audited(actor, user, now, 'staff.totp.enable'));
    });
  });
}

export async function disableOwnTotp(deps: StaffDeps, user: StaffUser, actor: AuditActor) {
  const attempt = { actor, operation: 'staff.totp.disable', record: `staff/${user.id}` };
  return recordingRefusal(deps, attempt, async () => {
    const now = deps.clock.now();
    await deps.store.transact(async (tx) => {
      if ((await readStaffSettings(tx)).requireTotp) {
        throw new AppError(409, 'totp_mandatory', 'a second factor is mandatory on this node');
      }
      await tx.staff.updateUser(user.id, { totpKey: null, totpLastStep: null }, now);
      await appendAudit(tx, audited(actor, user, now, 'staff.totp.disable'));
    });
  });
}

/** Ends every session of the person, this one included. */
export async function signOutEverywhere(deps: StaffDeps, user: StaffUser, actor: AuditActor) {
  const now = deps.clock.now();
  await deps.store.transact(async (tx) => {
    const ended = await tx.staff.endSessionsOf(user.id, now);
    await appendAudit(
      tx,
      audited(actor, user, now, 'sign_out.everywhere', { sessionsEnded: ended }),
    );
  });
}

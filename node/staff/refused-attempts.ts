/**
 * A change to the company's people, their tokens or one's own sign-in that is refused (an
 * unknown or removed person, the last owner, a token revoked already, a wrong code…) changes
 * nothing: its unit of work rolled back, taking any row of its own with it. The attempt is still
 * recorded, in a unit of its own, with the refusal's stable code as the outcome, as the admin API
 * records a refused request. A node fault (not an AppError below 500) is only in the node's log.
 */
import { AppError } from '../errors.ts';
import type { AuditActor } from './audit-actor.ts';
import { appendAudit } from './audit-chain.ts';
import { scopeOf } from '../store/unit-scope.ts';
import { normalizeEmail, type StaffDeps } from './staff-accounts.ts';

export interface Attempt {
  actor: AuditActor;
  /** `staff.remove`, `tokens.revoke`: the operation the change records when it succeeds. */
  operation: string;
  /** The record as far as it is known, else the person the change was about, by address. */
  record?: string;
  email?: string;
}

export async function recordingRefusal<T>(
  deps: Pick<StaffDeps, 'store' | 'clock'>,
  attempt: Attempt,
  change: () => Promise<T>,
): Promise<T> {
  try {
    return await change();
  } catch (error) {
    if (!(error instanceof AppError) || error.status >= 500) throw error;
    const { actor, operation, email } = attempt;
    await deps.store.transact(async (tx) => {
      const person =
        email === undefined ? null : await tx.staff.findUserByEmail(normalizeEmail(email));
      await appendAudit(tx, {
        ...actor,
        at: deps.clock.now(),
        operation,
        record: attempt.record ?? (person ? `staff/${person.id}` : null),
        outcome: error.code,
        messageIds: [],
        // The CLI's scope adds the machine's user who ran the command.
        detail: {
          ...scopeOf(deps.store)?.audit?.detail,
          ...(email !== undefined && { email: normalizeEmail(email).slice(0, 254) }),
        },
      });
    });
    throw error;
  }
}

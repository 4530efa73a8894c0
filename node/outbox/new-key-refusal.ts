/**
 * A partner's `unknown_key` for a message signed with a key we rotated to moments ago is not its
 * final word. A recipient refetches a sender's keys at most once per `keyRefetchIntervalSeconds`
 * (60 s by default, and connecting counts as a fetch), so a message signed with the new key that
 * arrives before the partner's next refetch may look up is refused `unknown_key`, although the
 * partner would take it a minute later. For a grace period after a rotation the sender retries
 * such a message with the usual backoff instead of dead-lettering it (PROTOCOL.md sections 6 and
 * 9); the recipient's answer is unchanged. After the grace period `unknown_key` is final again.
 */
import { decodeProtectedHeader } from 'jose';
import type { NodeKeys } from '../identity/key-store.ts';

/**
 * How long after a key became our signing key an `unknown_key` for a message signed with it is
 * retried: several times a partner's once-a-minute refetch interval, so that the refetch comes due
 * within it even for a partner that set a longer interval or whose fetch failed once, and short
 * enough that a partner that really lacks the key (it pinned keys it never refreshes) costs only
 * a few retries before the message is dead-lettered.
 */
export const NEW_KEY_GRACE_MS = 10 * 60_000;

/** The `kid` in the protected header of our own stored JWS; null when it cannot be read. */
function kidOf(jws: string): string | null {
  try {
    const { kid } = decodeProtectedHeader(jws);
    return typeof kid === 'string' ? kid : null;
  } catch {
    return null;
  }
}

/**
 * Whether a message refused `unknown_key` was signed with a key of ours that became the signing
 * key less than NEW_KEY_GRACE_MS before `now`. A kid we do not hold in memory may come from a
 * rotation another process of this node made (PostgreSQL, one keys.json): keys.json is looked at
 * once more (a stat, and a read only when it changed) before the answer is no.
 */
export async function isRecentKeyRefusal(
  keys: Pick<NodeKeys, 'signingSince' | 'reloadIfChanged'>,
  jws: string,
  now: Date,
): Promise<boolean> {
  const kid = kidOf(jws);
  if (kid === null) return false;
  let since = keys.signingSince(kid);
  if (since === null && (await keys.reloadIfChanged().catch(() => false))) {
    since = keys.signingSince(kid);
  }
  if (since === null) return false;
  return Math.abs(now.getTime() - since.getTime()) < NEW_KEY_GRACE_MS;
}

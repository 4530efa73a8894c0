/**
 * Named crash points for fault tests: `crashPoint('inbox.after-verify')` kills the process with
 * SIGKILL when `PARTNER_SYNC_CRASH_AT` names that point (`point` for its first hit, `point:N` for
 * the N-th), and does nothing otherwise. SIGKILL, not an exception or `process.exit`: no handler,
 * `finally` or pending write gets to run, which is what a power cut or an OOM kill looks like.
 *
 * The variable is read once, on the first call (not at import, not per call); afterwards a call
 * is one comparison. Production never sets it.
 */

export const CRASH_AT_ENV = 'PARTNER_SYNC_CRASH_AT';

/** Every point the node calls, so a test (and a typo check) can name them. */
export const CRASH_POINTS = [
  /** A batch passed every check outside the store; nothing of it is committed yet. */
  'inbox.after-verify',
  /** The batch and its effects are committed; the sender has not had the answer. */
  'inbox.after-commit',
  /** Batches are claimed and leased; nothing of them has been sent. */
  'outbox.after-claim',
  /** The partner answered the POST; nothing is marked delivered yet. */
  'outbox.after-send',
  /** Inside the unit of work that assembles and applies a multi-part price list or catalog. */
  'catalog.mid-apply',
  /** A domain event is written in the unit of work of its change; nothing is committed yet. */
  'events.after-emit',
] as const;

export type CrashPointName = (typeof CRASH_POINTS)[number];

interface Armed {
  point: string;
  /** Hits left before the kill; the kill happens when this reaches 0. */
  left: number;
}

let armed: Armed | null | undefined;

/** Parses `point` or `point:N`; null when unset or malformed (a bad value must not crash). */
export function parseCrashAt(value: string | undefined): Armed | null {
  if (!value) return null;
  const match = /^([a-z][a-z.-]*)(?::([1-9][0-9]*))?$/.exec(value.trim());
  if (!match) return null;
  return { point: match[1]!, left: Number(match[2] ?? 1) };
}

export function crashPoint(name: CrashPointName): void {
  if (armed === undefined) armed = parseCrashAt(process.env[CRASH_AT_ENV]);
  if (armed === null || armed.point !== name) return;
  armed.left--;
  if (armed.left === 0) process.kill(process.pid, 'SIGKILL');
}

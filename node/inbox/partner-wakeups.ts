/**
 * A partner whose message this node has just verified is up. Deliveries to it that wait because
 * their last attempt could not reach it are tried at once, not at the end of a backoff that after
 * a weekend offline has grown to an hour. At most once per partner per interval, so a partner
 * this node cannot reach but that keeps writing to it (a one-way firewall) is still probed at a
 * bounded rate, not once per message it sends.
 */
export const WAKE_INTERVAL_MS = 10_000;

export interface PartnerWakeups {
  /** Of these partners, the ones not woken within the interval; they count as woken at `nowMs`. */
  due(partnerIds: Iterable<number>, nowMs: number): number[];
}

export function createPartnerWakeups(intervalMs = WAKE_INTERVAL_MS): PartnerWakeups {
  const lastWoken = new Map<number, number>();
  return {
    due(partnerIds, nowMs) {
      const due: number[] = [];
      for (const id of new Set(partnerIds)) {
        const last = lastWoken.get(id);
        if (last !== undefined && nowMs - last < intervalMs && nowMs >= last) continue;
        lastWoken.set(id, nowMs);
        due.push(id);
      }
      return due;
    },
  };
}

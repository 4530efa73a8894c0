import { describe, expect, it } from 'vitest';
import { createPartnerWakeups, WAKE_INTERVAL_MS } from '../../../node/inbox/partner-wakeups.ts';

describe('inbox › partner-wakeups', () => {
  it('wakes a partner at once, then not again until the interval has passed', () => {
    const wakeups = createPartnerWakeups(1_000);
    expect(wakeups.due([1], 5_000)).toEqual([1]);
    expect(wakeups.due([1], 5_000)).toEqual([]);
    expect(wakeups.due([1], 5_999)).toEqual([]);
    expect(wakeups.due([1], 6_000)).toEqual([1]);
    expect(wakeups.due([1], 6_500)).toEqual([]);
  });

  it('counts each partner once per call and each on its own clock', () => {
    const wakeups = createPartnerWakeups(1_000);
    expect(wakeups.due([1, 2, 1, 2], 0)).toEqual([1, 2]);
    expect(wakeups.due([2, 3], 500)).toEqual([3]);
    expect(wakeups.due([1, 2, 3], 1_000)).toEqual([1, 2]);
  });

  it('wakes again when the clock went back (a later time is not a reason to wait)', () => {
    const wakeups = createPartnerWakeups(1_000);
    expect(wakeups.due([1], 10_000)).toEqual([1]);
    expect(wakeups.due([1], 9_000)).toEqual([1]);
    expect(wakeups.due([1], 9_500)).toEqual([]);
  });

  it('waits 10 seconds by default', () => {
    expect(WAKE_INTERVAL_MS).toBe(10_000);
    const wakeups = createPartnerWakeups();
    expect(wakeups.due([7], 0)).toEqual([7]);
    expect(wakeups.due([7], 9_999)).toEqual([]);
    expect(wakeups.due([7], 10_000)).toEqual([7]);
  });
});

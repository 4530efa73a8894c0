/**
 * The inbox's arrival gate: requests checked together go to the store together (so that the
 * store commits them with one disk sync), a request alone never waits, and no wait is unbounded.
 */
import { describe, expect, it } from 'vitest';
import { createArrivalGate } from '../../../node/inbox/arrival-gate.ts';

/** Resolves after the promises already settled have run their callbacks. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('arrival-gate', () => {
  it('lets a request alone through at once', async () => {
    const gate = createArrivalGate(10_000);
    let passed = false;
    void gate
      .enter()
      .arrive()
      .then(() => (passed = true));
    await settle();
    expect(passed).toBe(true);
  });

  it('holds the checked requests until the last one still being checked arrives or leaves', async () => {
    const gate = createArrivalGate(10_000);
    const [a, b, c, d] = [gate.enter(), gate.enter(), gate.enter(), gate.enter()];
    const passed: string[] = [];
    void a.arrive().then(() => passed.push('a'));
    void b.arrive().then(() => passed.push('b'));
    await settle();
    expect(passed).toEqual([]);
    c.leave(); // refused: nothing to store, nobody waits for it
    await settle();
    expect(passed).toEqual([]);
    void d.arrive().then(() => passed.push('d'));
    await settle();
    expect(passed.sort()).toEqual(['a', 'b', 'd']);
  });

  it('releases the waiting requests after the longest wait while others are still checked', async () => {
    const gate = createArrivalGate(20);
    const slow = gate.enter();
    const started = performance.now();
    await gate.enter().arrive();
    expect(performance.now() - started).toBeGreaterThanOrEqual(15);
    slow.leave();
  });

  it('counts a request once, however often it arrives or leaves', async () => {
    const gate = createArrivalGate(10_000);
    const a = gate.enter();
    const b = gate.enter();
    let passed = false;
    void a.arrive().then(() => (passed = true));
    await a.arrive(); // a second arrival does not wait, nor count again
    a.leave();
    await settle();
    expect(passed).toBe(false); // b is still being checked
    b.leave();
    await settle();
    expect(passed).toBe(true);
  });

  it('does not hold a request while most recent requests were refused (a forged flood)', async () => {
    const gate = createArrivalGate(10_000);
    for (let i = 0; i < 20; i++) gate.enter().leave();
    const forged = gate.enter(); // still being checked, and will be refused
    let passed = false;
    void gate
      .enter()
      .arrive()
      .then(() => (passed = true));
    await settle();
    expect(passed).toBe(true);
    forged.leave();
  });

  it('bounds the wait of every crowd, also after an earlier crowd was released early', async () => {
    const gate = createArrivalGate(20);
    // A crowd released by its last arrival, before its longest wait is up.
    const [a, b] = [gate.enter(), gate.enter()];
    const first = a.arrive();
    await b.arrive();
    await first;
    await new Promise((r) => setTimeout(r, 60));
    // The next crowd: one request arrives while another is still being checked, for good.
    const slow = gate.enter();
    let passed = false;
    void gate
      .enter()
      .arrive()
      .then(() => (passed = true));
    await new Promise((r) => setTimeout(r, 200));
    expect(passed).toBe(true);
    slow.leave();
  });

  it('keeps gathering crowds while the requests keep going to the store', async () => {
    const gate = createArrivalGate(10_000);
    // Many requests stored one by one: none refused, so the next crowd is worth waiting for.
    for (let i = 0; i < 30; i++) await gate.enter().arrive();
    const slow = gate.enter();
    let passed = false;
    void gate
      .enter()
      .arrive()
      .then(() => (passed = true));
    await settle();
    expect(passed).toBe(false);
    await slow.arrive();
    await settle();
    expect(passed).toBe(true);
  });
});

/** Small statistics helpers for the benchmark. */

/** The p-th percentile (0–100) of `values` by nearest rank; NaN for an empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/**
 * Runs `fn` repeatedly for `ms` milliseconds (after `warmupMs`): operations per second of wall
 * time, and the process CPU time each took. On a shared machine the two part: a thread that gets
 * a tenth of a core does a tenth of the operations per second, each costing the same CPU.
 */
export function syncCost(
  fn: () => unknown,
  ms: number,
  warmupMs = Math.min(200, ms / 4),
): { rate: number; cpuUs: number } {
  const warmEnd = performance.now() + warmupMs;
  while (performance.now() < warmEnd) fn();
  let n = 0;
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  const end = start + ms;
  let now = start;
  while (now < end) {
    for (let i = 0; i < 16; i++) fn();
    n += 16;
    now = performance.now();
  }
  const cpu = process.cpuUsage(cpu0);
  return { rate: n / ((now - start) / 1000), cpuUs: (cpu.user + cpu.system) / n };
}

/** Like {@link syncCost}'s rate for an async operation, with `inFlight` operations outstanding. */
export async function asyncRate(
  fn: () => Promise<unknown>,
  ms: number,
  inFlight = 1,
  warmupMs = Math.min(200, ms / 4),
): Promise<number> {
  const lanes = async (until: number, count: { n: number }) => {
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (performance.now() < until) {
          await fn();
          count.n++;
        }
      }),
    );
  };
  await lanes(performance.now() + warmupMs, { n: 0 });
  const count = { n: 0 };
  const start = performance.now();
  await lanes(start + ms, count);
  return count.n / ((performance.now() - start) / 1000);
}

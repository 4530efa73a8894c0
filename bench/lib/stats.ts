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

/** Runs `fn` repeatedly for `ms` milliseconds (after `warmupMs`) and returns operations per second. */
export function syncRate(fn: () => unknown, ms: number, warmupMs = Math.min(200, ms / 4)): number {
  const warmEnd = performance.now() + warmupMs;
  while (performance.now() < warmEnd) fn();
  let n = 0;
  const start = performance.now();
  const end = start + ms;
  let now = start;
  while (now < end) {
    for (let i = 0; i < 16; i++) fn();
    n += 16;
    now = performance.now();
  }
  return n / ((now - start) / 1000);
}

/** Like {@link syncRate} for an async operation, with `inFlight` operations outstanding. */
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

/** How much each part of the benchmark does: the full run, and tiny sizes for the smoke test. */
export interface Sizes {
  /** How long each single-thread crypto ceiling runs. */
  ceilingMs: number;
  /** How long the bare HTTP ceiling runs. */
  httpCeilingMs: number;
  /** Messages of the throughput run. */
  throughputMessages: number;
  /** Messages per enqueue transaction in the throughput run. */
  enqueueChunk: number;
  /** Steady rate and duration of the latency run. */
  latencyRate: number;
  latencyMs: number;
  /** Pre-signed messages posted straight to the receiver's inbox (diagnostic). */
  inboxOnlyMessages: number;
  /** Messages of the enqueue-only runs (outbox worker stopped). */
  enqueueOnlyMessages: number;
  /** Cold starts measured (after one that warms the loader's cache). */
  startupRuns: number;
  /** How long each SQLite commit measurement runs. */
  sqliteMs: number;
  /** Forged requests (bad signatures naming a known key) in the flood run. */
  floodRequests: number;
  /** Growth: messages of each throughput run, and how long each steady-rate run lasts. */
  growthMessages: number;
  growthLatencyMs: number;
  /** Growth: the most connected partners (runs at 1, 10, 100, … up to it); not scaled. */
  growthPartners: number;
  /** Growth: messages stored in the inbox and in the outbox before the last run (0 skips it). */
  growthStored: number;
}

export const FULL: Sizes = {
  ceilingMs: 3000,
  httpCeilingMs: 4000,
  throughputMessages: 20_000,
  enqueueChunk: 100,
  latencyRate: 200,
  latencyMs: 20_000,
  inboxOnlyMessages: 10_000,
  enqueueOnlyMessages: 20_000,
  startupRuns: 5,
  sqliteMs: 1500,
  floodRequests: 10_000,
  growthMessages: 5_000,
  growthLatencyMs: 5_000,
  growthPartners: 1_000,
  growthStored: 1_000_000,
};

export const TINY: Sizes = {
  ceilingMs: 100,
  httpCeilingMs: 300,
  throughputMessages: 200,
  enqueueChunk: 50,
  latencyRate: 50,
  latencyMs: 400,
  inboxOnlyMessages: 100,
  enqueueOnlyMessages: 200,
  startupRuns: 1,
  sqliteMs: 100,
  floodRequests: 200,
  growthMessages: 100,
  growthLatencyMs: 300,
  growthPartners: 100,
  growthStored: 2_000,
};

/** `sizes` with every count and duration multiplied by `factor` (at least 1 of each). */
export function scaled(sizes: Sizes, factor: number): Sizes {
  if (!(factor > 0) || factor === 1) return sizes;
  const out = { ...sizes };
  for (const key of Object.keys(out) as Array<keyof Sizes>) {
    if (key === 'enqueueChunk' || key === 'latencyRate' || key === 'growthPartners') continue;
    out[key] = Math.max(1, Math.round(out[key] * factor));
  }
  return out;
}

/** `sizes` with `key=value` overrides applied; an unknown key or a bad number throws. */
export function withOverrides(sizes: Sizes, overrides: readonly string[] = []): Sizes {
  const out = { ...sizes };
  for (const o of overrides) {
    const [key, value] = o.split('=');
    if (!key || !(key in out) || value === undefined || !(Number(value) >= 0)) {
      throw new Error(`--set ${o}: expected one of ${Object.keys(out).join(', ')} = a number`);
    }
    out[key as keyof Sizes] = Number(value);
  }
  return out;
}

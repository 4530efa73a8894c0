/**
 * Child process of v8-flags.test.ts: with the node's V8 flags applied (or not, given `--without`),
 * keeps a live set, then allocates batches that each stay alive while the next ones are made (so
 * that they reach the old generation, as a node's batches in flight do) and die later. Prints the
 * old generation's peak and its live size after a full collection, in MB.
 */
import { getHeapSpaceStatistics } from 'node:v8';
import { applyV8Flags } from '../../../node/v8-flags.ts';

if (!process.argv.includes('--without')) applyV8Flags();

const OLD_GENERATION = new Set(['old_space', 'large_object_space']);
const oldGenerationMb = () =>
  getHeapSpaceStatistics()
    .filter((s) => OLD_GENERATION.has(s.space_name))
    .reduce((sum, s) => sum + s.space_used_size, 0) /
  (1024 * 1024);

const live = Array.from({ length: 200_000 }, (_, i) => ({ i, text: `${'x'.repeat(60)}${i}` }));
const inFlight: Array<Array<{ round: number; i: number; text: string }>> = [];
let peakMb = 0;
for (let round = 0; round < 3_000; round++) {
  inFlight.push(
    Array.from({ length: 1_000 }, (_, i) => ({ round, i, text: `${'y'.repeat(40)}${i}` })),
  );
  if (inFlight.length > 16) inFlight.shift();
  // Turns of the event loop, as between a node's requests: V8 finishes its collections there.
  if (round % 8 === 0) await new Promise((resolve) => setImmediate(resolve));
  peakMb = Math.max(peakMb, oldGenerationMb());
}
(globalThis as { gc?: () => void }).gc!();
process.stdout.write(
  `${JSON.stringify({ peakMb, liveMb: oldGenerationMb(), kept: live.length + inFlight.length })}\n`,
);

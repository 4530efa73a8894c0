/**
 * V8 settings a node process applies to itself before it does any work, each measured.
 *
 * `--liftoff-only`: the outbound HTTP client (undici) and Node's own `fetch` parse responses with
 * llhttp compiled to WebAssembly. V8 first compiles it with its baseline compiler (Liftoff), then
 * recompiles the hot parser with its optimizing one (TurboFan) in the background: that one
 * compilation of a single very large function took about 35 MB for a moment, the largest part of
 * a node's peak RSS at its first connection (129 MB against 100 MB without it), and left about
 * 7 MB more resident. The parser's share of the work is small (a response per batch of messages):
 * in a loop of 8,000 requests with 50 KB answers the CPU time did not measurably change.
 *
 * `--heap-growing-percent=100`: after each full collection V8 lets the old generation grow to a
 * multiple of what survived before it collects again, up to 4 × when the program allocates fast.
 * A node that delivers or takes messages at full rate allocates fast, and its live heap is small
 * (about 21 MB): what it promotes are the objects of the batches in flight, which are dead soon
 * after. With the default the old generation and the large-object space held 60-80 MB, nearly all
 * of it dead, at the peak of a throughput run; at most twice the live heap it holds about 40 MB,
 * for a few more full collections (5 instead of 1 over 8,000 messages, both nodes) whose marking
 * runs mostly on V8's background thread.
 *
 * Set at run time rather than on the command line, so that every way a node starts (the CLI, the
 * bundle, the tests) gets them; V8 reads the first when it compiles a WebAssembly module, which no
 * code of the node has done before `openNode`, and the second at each full collection.
 */
import { setFlagsFromString } from 'node:v8';

let applied = false;

export function applyV8Flags(): void {
  if (applied) return;
  applied = true;
  setFlagsFromString('--liftoff-only');
  setFlagsFromString('--heap-growing-percent=100');
}

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
 * Set at run time rather than on the command line, so that every way a node starts (the CLI, the
 * bundle, the tests) gets it; V8 reads this flag when it compiles a WebAssembly module, which no
 * code of the node has done before `openNode`.
 */
import { setFlagsFromString } from 'node:v8';

let applied = false;

export function applyV8Flags(): void {
  if (applied) return;
  applied = true;
  setFlagsFromString('--liftoff-only');
}

/**
 * Gives back the memory a node's start-up used once it is over. Loading and compiling the node's
 * code makes nearly everything it allocates survive, so V8 grows its young generation (to about
 * 13 MB at the end of a start) and leaves the start-up's garbage (migrations read, schemas
 * compiled, the deferred domains loaded) for a later full collection. A node then idles with both
 * resident: 92 MB at idle, against 84 MB after this.
 *
 * V8's low-memory collection (the one the inspector's `HeapProfiler.collectGarbage` asks for)
 * collects everything dead and shrinks the young generation back to its initial size; it grows
 * again when the node gets busy. It takes some tens of milliseconds, once, after the node already
 * answers. Node has no other public way to ask for it; where the inspector is not built in, the
 * node starts without it.
 *
 * Once per process: it is the process's start-up that leaves this behind, and a process that
 * opens several nodes (the tests) would otherwise pay a collection of its whole heap at each.
 */
let released = false;

export async function releaseStartUpMemory(): Promise<void> {
  if (released) return;
  released = true;
  let Session: typeof import('node:inspector').Session;
  try {
    ({ Session } = await import('node:inspector'));
  } catch {
    return;
  }
  const session = new Session();
  session.connect();
  try {
    await new Promise<void>((resolve, reject) =>
      session.post('HeapProfiler.collectGarbage', (error) => (error ? reject(error) : resolve())),
    );
  } finally {
    session.disconnect();
  }
}

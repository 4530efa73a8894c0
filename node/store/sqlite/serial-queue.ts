/**
 * Runs async units of work one at a time. SQLite has one writer and better-sqlite3 one
 * connection, so two interleaved transactions on it would corrupt each other's BEGIN/COMMIT.
 */
export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();

  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(fn, fn);
    this.#tail = result.catch(() => undefined);
    return result;
  }
}

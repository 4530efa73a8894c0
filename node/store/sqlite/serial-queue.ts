/**
 * Runs jobs on SQLite's one connection, one group at a time. better-sqlite3 has one connection,
 * so two interleaved transactions on it would corrupt each other's BEGIN/COMMIT; and a commit
 * with `synchronous = FULL` costs a sync to disk, so the jobs that are waiting together when the
 * connection frees up are handed over as one group, which the store runs in one transaction
 * (group commit). A job pushed while the connection is idle waits for the end of the current
 * event-loop turn (`setImmediate`), so that the units of requests that complete together join it.
 */
export class GroupQueue<J> {
  readonly #runGroup: (jobs: J[]) => Promise<J[]>;
  readonly #maxGroup: number;
  readonly #groupable: (job: J) => boolean;
  #waiting: J[] = [];
  #running = false;
  #scheduled = false;

  /**
   * `runGroup` settles every job it was given, or hands back the ones it did not start (they
   * run first in the next group); it never rejects. A job for which `groupable` is false runs
   * in a group of its own.
   */
  constructor(options: {
    runGroup: (jobs: J[]) => Promise<J[]>;
    groupable: (job: J) => boolean;
    maxGroup: number;
  }) {
    this.#runGroup = options.runGroup;
    this.#groupable = options.groupable;
    this.#maxGroup = options.maxGroup;
  }

  push(job: J): void {
    this.#waiting.push(job);
    if (this.#running || this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    try {
      while (this.#waiting.length > 0) {
        const group = this.#takeGroup();
        const notStarted = await this.#runGroup(group);
        if (notStarted.length > 0) this.#waiting.unshift(...notStarted);
      }
    } finally {
      this.#running = false;
    }
  }

  #takeGroup(): J[] {
    const first = this.#waiting[0]!;
    if (!this.#groupable(first)) return this.#waiting.splice(0, 1);
    let n = 1;
    while (n < this.#waiting.length && n < this.#maxGroup && this.#groupable(this.#waiting[n]!)) {
      n++;
    }
    return this.#waiting.splice(0, n);
  }
}

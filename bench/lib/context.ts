import type { Row } from './report.ts';
import type { Sizes } from './sizes.ts';

/** What every section of the benchmark gets. */
export interface BenchContext {
  sizes: Sizes;
  /** A scratch directory, removed at the end. */
  workDir: string;
  /** Progress on stderr, so stdout holds only the table. */
  log(message: string): void;
  /** Rows measured so far (a later section may compare with an earlier figure). */
  rows: Row[];
  /** A data directory with history, left by the federation runs, for the start-up measure. */
  existingDataDir?: string;
}

/** One part of the benchmark; sections run in order and add rows. */
export interface Section {
  name: string;
  run(ctx: BenchContext): Promise<Row[]>;
}

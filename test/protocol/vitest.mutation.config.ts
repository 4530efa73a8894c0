// Vitest settings of the protocol area's mutation runs (stryker.config.mjs): those of
// vitest.mutation.config.ts without its PostgreSQL global setup. test/protocol needs no database,
// and Stryker starts a fresh test runner after every timed-out mutant (ijson's scanner loops
// give dozens): each start ran initdb and migrated a template, which took most of a run's time.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import shared from '../../vitest.mutation.config.ts';

export default defineConfig({
  root: fileURLToPath(new URL('../../', import.meta.url)),
  test: { ...shared.test, globalSetup: [] },
});

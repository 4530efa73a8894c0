/**
 * vitest globalSetup: one PostgreSQL server for the whole run (tests make a database each, see
 * test-database.ts). Uses PARTNER_SYNC_TEST_DATABASE_URL when set; starts a throwaway cluster when
 * the server binaries are installed; otherwise provides nothing and the PostgreSQL tests skip
 * (except under CI, where they fail: CI installs PostgreSQL, see .ci/run).
 */
import type { TestProject } from 'vitest/node';
import { postgresBinDir, startTestCluster, type TestCluster } from './postgres-cluster.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A superuser URL of the test server, or '' when there is none. */
    postgresAdminUrl: string;
  }
}

let cluster: TestCluster | null = null;

export async function setup(project: TestProject): Promise<void> {
  const given = process.env.PARTNER_SYNC_TEST_DATABASE_URL;
  if (given) {
    project.provide('postgresAdminUrl', given);
    return;
  }
  if (!postgresBinDir()) {
    project.provide('postgresAdminUrl', '');
    return;
  }
  cluster = await startTestCluster();
  project.provide('postgresAdminUrl', cluster.adminUrl);
}

export async function teardown(): Promise<void> {
  await cluster?.stop();
  cluster = null;
}

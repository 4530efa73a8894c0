/**
 * vitest globalSetup: one PostgreSQL server for the whole run (tests make a database each, see
 * test-database.ts). Uses PARTNER_SYNC_TEST_DATABASE_URL when set; starts a throwaway cluster when
 * the server binaries are installed; otherwise provides nothing and the PostgreSQL tests skip
 * (except under CI, where they fail: CI installs PostgreSQL, see .ci/run).
 */
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { migratePostgres } from '../../node/db/open-postgres.ts';
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
  if (!given && !postgresBinDir()) {
    if (!process.env.CI) {
      console.warn(
        'PostgreSQL tests SKIPPED: no server binaries under /usr/lib/postgresql ' +
          '(apt-get install postgresql, or set PARTNER_SYNC_TEST_DATABASE_URL to a server of your own)',
      );
    }
    project.provide('postgresAdminUrl', '');
    return;
  }
  if (!given) cluster = await startTestCluster();
  const adminUrl = given ?? cluster!.adminUrl;
  await createTemplate(adminUrl);
  project.provide('postgresAdminUrl', adminUrl);
}

/** The database every test database is copied from: migrated once, not once per test node. */
export const TEMPLATE_DATABASE = 'ps_test_template';

async function createTemplate(adminUrl: string): Promise<void> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
    await admin.unsafe(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${TEMPLATE_DATABASE}`;
  await migratePostgres(url.toString());
}

export async function teardown(): Promise<void> {
  // A server of one's own keeps the template (dropped and made again by the next run).
  await cluster?.stop();
  cluster = null;
}

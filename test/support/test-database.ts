/**
 * A fresh PostgreSQL database for one test (or one test node), on the run's test server
 * (postgres-global-setup.ts). Dropped by `dropTestDatabases` in afterAll.
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { inject } from 'vitest';

/** Migrated once per run by postgres-global-setup.ts. */
const TEMPLATE_DATABASE = 'ps_test_template';

/** True when this run has a PostgreSQL server; the PostgreSQL suites run only then. */
export function hasTestPostgres(): boolean {
  const url = inject('postgresAdminUrl');
  if (!url && process.env.CI) throw new Error('CI must provide PostgreSQL (see .ci/run)');
  return url !== '';
}

const created: string[] = [];

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Creates a database with the PostgreSQL store's schema already migrated; returns its URL. */
export async function createTestDatabase(): Promise<string> {
  const adminUrl = inject('postgresAdminUrl');
  if (!adminUrl) throw new Error('no PostgreSQL server for this run');
  const name = `ps_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  created.push(name);
  return withDatabase(adminUrl, name);
}

export async function dropTestDatabases(): Promise<void> {
  // Nothing made, nothing to ask vitest: the bench calls this (via removeTestDirs) outside it.
  if (created.length === 0) return;
  const adminUrl = inject('postgresAdminUrl');
  if (!adminUrl) return;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    for (const name of created.splice(0)) {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  } finally {
    await admin.end();
  }
}

/**
 * Copies the database at `fromUrl` to one named `toName` (replaced if it exists), as a backup or a
 * restore of a stopped node's store; the copy is dropped with the others in afterAll.
 */
export async function copyTestDatabase(fromUrl: string, toName: string): Promise<void> {
  const adminUrl = inject('postgresAdminUrl');
  if (!adminUrl) throw new Error('no PostgreSQL server for this run');
  const from = new URL(fromUrl).pathname.slice(1);
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${toName} WITH (FORCE)`);
    await admin.unsafe(`CREATE DATABASE ${toName} TEMPLATE ${from}`);
  } finally {
    await admin.end();
  }
  if (!created.includes(toName)) created.push(toName);
}

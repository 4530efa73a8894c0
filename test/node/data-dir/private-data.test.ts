/**
 * The data directory is private and the database holds no usable secret (security review,
 * finding 7): the directory is 0700 and the database with its WAL files 0600 whatever existed
 * before `init`; `serve` warns about anything wider; portal partners' private keys and the SMTP
 * password are sealed with a key kept in the 0600 keys file, and a database an older version
 * wrote in the clear is sealed in place at the next start.
 */
import Database from 'better-sqlite3';
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE, initNode } from '../../../node/init-node.ts';
import { silentLogger } from '../../../node/logger.ts';
import { startNode } from '../../../node/main.ts';
import { createHandlerRegistry } from '../../../node/handlers/registry.ts';
import { parsePartnerProfile } from '../../../node/partners/invitations.ts';
import { invitePortalPartner } from '../../../node/portal/portal-access.ts';
import { createSqliteStore } from '../../../node/store/sqlite/sqlite-store.ts';
import { ManualClock } from '../../../node/clock.ts';
import { createTestNode, removeTestDirs } from '../../support/test-node.ts';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  await removeTestDirs();
});

const modeOf = async (path: string) => (await stat(path)).mode & 0o777;
const SMTP = {
  host: 'smtp.acme.example',
  port: 587,
  from: 'partners@acme.example',
  user: 'partners',
  password: 'smtp-Pa55word-in-clear',
};

function rawSecrets(dataDir: string) {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    const keys = db.prepare('SELECT private_jwk AS k FROM portal_partners').all() as Array<{
      k: string;
    }>;
    const smtp = db.prepare(`SELECT value FROM portal_settings WHERE key = 'smtp'`).get() as
      { value: string } | undefined;
    return { keys: keys.map((r) => r.k), smtp: smtp?.value ?? null };
  } finally {
    db.close();
  }
}

describe('data directory › private data', () => {
  it('creates the directory 0700 and the database and its WAL files 0600, tightening what existed', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ps-private-'));
    dirs.push(root);
    const dataDir = join(root, 'data');
    await mkdir(dataDir, { mode: 0o755 });
    await chmod(dataDir, 0o755);
    await initNode(dataDir, { name: 'Private', port: 0 }, new Date());
    const node = await startNode({ dataDir, env: {}, log: silentLogger() });
    try {
      await node.deps.store.transact((tx) =>
        tx.portal.saveSettings({ sessionHours: 10 }, new Date()),
      );
      expect(await modeOf(dataDir)).toBe(0o700);
      for (const file of ['', '-wal', '-shm']) {
        expect(await modeOf(join(dataDir, `${DATABASE_FILE}${file}`)), file).toBe(0o600);
      }
      expect(await modeOf(join(dataDir, 'keys.json'))).toBe(0o600);
      expect(node.warnings.filter((w) => /mode/.test(w))).toEqual([]);
    } finally {
      await node.close();
    }
  });

  it('warns at serve when the directory or the database is wider', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ps-private-'));
    dirs.push(root);
    const dataDir = join(root, 'data');
    await initNode(dataDir, { name: 'Loose', port: 0 }, new Date());
    await chmod(dataDir, 0o755);
    await chmod(join(dataDir, DATABASE_FILE), 0o644);
    const node = await startNode({ dataDir, env: {}, log: silentLogger() });
    try {
      const warnings = node.warnings.join('\n');
      expect(warnings).toContain(`the data directory ${dataDir} is mode 0755`);
      expect(warnings).toContain(`chmod 700 ${dataDir}`);
      expect(warnings).toContain(`${join(dataDir, DATABASE_FILE)} is mode 0644`);
    } finally {
      await node.close();
    }
  });

  it('keeps private keys and the SMTP password sealed in the database', async () => {
    const node = await createTestNode({ name: 'sealed' });
    const invited = await node.api('POST', '/portal/partners', {
      name: 'Sealed Resale',
      user: { email: 'buyer@sealed.example', name: 'Bo' },
    });
    expect(invited.status).toBe(201);
    const set = await node.api('PATCH', '/portal/settings', { smtp: SMTP });
    expect(set.status, JSON.stringify(set.body)).toBe(200);

    const raw = rawSecrets(node.dataDir);
    expect(raw.keys).toHaveLength(1);
    expect(raw.keys[0]).toMatch(/^sealed:v1:/);
    expect(raw.keys[0]).not.toContain('"d"');
    expect(raw.smtp).not.toContain(SMTP.password);
    expect(JSON.parse(raw.smtp!).password).toMatch(/^sealed:v1:/);
    // The node itself still reads them.
    const jwk = await node.deps.store.read((tx) => tx.portal.privateKey(invited.body.partner.id));
    expect(jwk).toMatchObject({ kty: 'OKP', d: expect.any(String) });
    expect((await node.api('GET', '/portal/settings')).body.smtp.passwordSet).toBe(true);
    // The key is in the keys file, which a key rotation keeps.
    const keysFile = join(node.dataDir, 'keys.json');
    const before = JSON.parse(await readFile(keysFile, 'utf8')).storageKey;
    expect(before).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await node.deps.keys.rotate(new Date());
    expect(JSON.parse(await readFile(keysFile, 'utf8')).storageKey).toBe(before);
    await node.stop();
  });

  it('seals, at the next start, what an older version wrote in the clear', async () => {
    const node = await createTestNode({ name: 'upgraded' });
    await node.stop();
    // An older node: a keys file without a storage key, and clear secrets in the database.
    const keysFile = join(node.dataDir, 'keys.json');
    const { storageKey: _dropped, ...older } = JSON.parse(await readFile(keysFile, 'utf8'));
    await writeFile(keysFile, JSON.stringify(older), { mode: 0o600 });
    const store = createSqliteStore(join(node.dataDir, DATABASE_FILE));
    const clock = new ManualClock();
    const made = await invitePortalPartner(
      { store, clock, nodeId: node.url },
      {
        profile: parsePartnerProfile(
          { name: 'Old Resale', partnerType: 'reseller', relationship: 'strategic' },
          createHandlerRegistry().kinds(),
        ),
      },
    );
    const clearJwk = await store.read((tx) => tx.portal.privateKey(made.partner.id));
    await store.transact((tx) => tx.portal.saveSettings({ smtp: SMTP }, clock.now()));
    await store.close();
    expect(rawSecrets(node.dataDir).keys[0]).toContain('"d"');
    expect(rawSecrets(node.dataDir).smtp).toContain(SMTP.password);

    await node.start();
    const raw = rawSecrets(node.dataDir);
    expect(raw.keys[0]).toMatch(/^sealed:v1:/);
    expect(raw.smtp).not.toContain(SMTP.password);
    expect(JSON.parse(await readFile(keysFile, 'utf8')).storageKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await node.deps.store.read((tx) => tx.portal.privateKey(made.partner.id))).toEqual(
      clearJwk,
    );
    await node.stop();
  });
});

/**
 * The built bundle, as `npm run build` makes it (scripts/build.ts), run through the real launcher:
 * `serve` loads only the node's core at start, answers /readyz, and loads the admin API, the
 * portal and the console from their chunks on their first request. Built into a temp tree (its
 * own package.json, links to the repository's schemas, migrations and node_modules), so the
 * repository's dist/ is never touched; the tree has no sources, so only the bundle can run.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEntries, NODE_ENTRY } from '../../scripts/build.ts';
import { freePort } from '../support/free-port.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

let dir = '';
let metafile: Metafile;
let proc: ChildProcess | undefined;
const at = (...parts: string[]) => join(dir, ...parts);

/**
 * What no node needs to answer probes and exchange messages. (node/admin/admin-auth.ts is the
 * token check /metrics shares with the admin API.)
 */
const LAZY =
  /^node\/(admin\/(?!admin-auth\.ts)|bulk\/|portal\/(web\/|portal-routes)|staff\/web\/|store\/postgres\/)|node_modules\/(nodemailer|@observablehq|linkedom|openid-client|postgres|csv-parse)\/|^node\/cli\/commands\/(?!serve|init)/;

/**
 * What a node loads after it is ready, on first use: the domains' handlers with the first domain
 * message (node/handlers/lazy-registry.ts), the jobs' list as the scheduler starts, and zod and
 * the translator's mail texts when a message, a page or a job's work needs them.
 */
const AFTER_READY =
  /^node\/(leads|deals|orders|funds|inventory|service|i18n)\/|^node\/handlers\/registry\.ts|^node\/jobs\/registry\.ts|node_modules\/(zod|@formatjs|intl-messageformat)\//;

/** What the jobs' list does not bring: the domains' handlers, zod, the translator and its texts. */
const NOT_WITH_JOBS =
  /node_modules\/(zod|@formatjs|intl-messageformat)\/|^node\/i18n\/|^node\/handlers\/registry\.ts|-handler\.ts$/;

/**
 * What a node loads on its first outbound request (node/net/load-undici.ts): the HTTP client,
 * which /readyz and a node that has nothing to send do not need.
 */
const ON_FIRST_REQUEST = /node_modules\/undici\//;

/** The output chunk that holds a source file. */
function chunkOf(meta: Metafile, input: string): string {
  return Object.keys(meta.outputs).find((o) =>
    Object.keys(meta.outputs[o]!.inputs).includes(input),
  )!;
}

/** The source files loading these chunks loads: theirs and those of the chunks they import. */
function loadedWith(meta: Metafile, chunks: string[]): string[] {
  const outputs = meta.outputs;
  const loaded = new Set<string>();
  const visit = (file: string) => {
    if (loaded.has(file)) return;
    loaded.add(file);
    for (const i of outputs[file]!.imports)
      if (i.kind === 'import-statement' && outputs[i.path]) visit(i.path);
  };
  for (const chunk of chunks) visit(chunk);
  return [...loaded].flatMap((file) =>
    Object.keys(outputs[file]!.inputs).map((input) => input.replace(/^(\.\.\/)+/, '')),
  );
}

/** The source files a `serve` process loads before it listens: what the entry and `serve` import. */
function loadedAtStart(meta: Metafile): string[] {
  const entry = Object.keys(meta.outputs).find(
    (o) => meta.outputs[o]!.entryPoint === NODE_ENTRY.in,
  )!;
  return loadedWith(meta, [entry, chunkOf(meta, 'node/cli/commands/serve.ts')]);
}

function run(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [at('bin', 'partner-sync.js'), ...args],
      { timeout: 60_000 },
      (error, stdout, stderr) =>
        error ? reject(new Error(stderr || String(error))) : resolve(stdout),
    );
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'partner-sync-bundle-'));
  await mkdir(at('bin'));
  await mkdir(at('node', 'db'), { recursive: true });
  await copyFile(join(ROOT, 'bin', 'partner-sync.js'), at('bin', 'partner-sync.js'));
  await writeFile(at('package.json'), '{ "type": "module" }\n');
  for (const path of ['node_modules', 'schemas', 'node/db/migrations', 'node/db/pg-migrations']) {
    await symlink(join(ROOT, path), at(path), 'dir');
  }
  metafile = await buildEntries([NODE_ENTRY], at('dist'));
}, 120_000);

afterAll(async () => {
  if (proc && proc.exitCode === null) {
    const exited = new Promise((resolve) => proc!.once('exit', resolve));
    proc.kill('SIGTERM');
    await exited;
  }
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the built bundle', () => {
  it('loads at start neither the admin API, the portal, the console, the domains’ handlers and jobs, their libraries nor the HTTP client', () => {
    const start = loadedAtStart(metafile);
    expect(start).toContain('node/main.ts');
    expect(start).toContain('node/inbox/inbox-routes.ts');
    expect(start).toContain('node/net/http-client.ts');
    expect(start.filter((input) => LAZY.test(input))).toEqual([]);
    expect(start.filter((input) => AFTER_READY.test(input))).toEqual([]);
    expect(start.filter((input) => ON_FIRST_REQUEST.test(input))).toEqual([]);
    // The jobs' list, which the scheduler loads as the node starts, brings no domain handler,
    // zod or mail text with it: each job loads those when it finds work.
    const jobs = loadedWith(metafile, [chunkOf(metafile, 'node/jobs/registry.ts')]);
    expect(jobs).toContain('node/portal/mail-job.ts');
    const withJobs = jobs.filter((input) => !start.includes(input));
    expect(withJobs.filter((input) => NOT_WITH_JOBS.test(input))).toEqual([]);
    // They are in the build, as chunks loaded on first use.
    const all = Object.values(metafile.outputs).flatMap((o) => Object.keys(o.inputs));
    expect(all).toContain('node/admin/admin-routes.ts');
    expect(all).toContain('node/staff/web/console-routes.tsx');
    expect(all).toContain('node/portal/portal-routes.tsx');
    expect(all).toContain('node/handlers/registry.ts');
    expect(all).toContain('node/leads/lead-offer-handler.ts');
    expect(all.some((input) => ON_FIRST_REQUEST.test(input))).toBe(true);
  });

  it('starts through the launcher, answers /readyz, then serves the admin API, portal and console', async () => {
    const dataDir = at('data');
    const init = JSON.parse(await run(['init', '--name', 'Acme', '--data', dataDir, '--json'])) as {
      adminToken: string;
    };
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    let out = '';
    proc = spawn(
      process.execPath,
      [at('bin', 'partner-sync.js'), 'serve', '--data', dataDir, '--port', String(port)],
      {
        env: { ...process.env, PARTNER_SYNC_LOG_LEVEL: 'warn', PARTNER_SYNC_SOURCE: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    proc.stdout?.on('data', (c: Buffer) => (out += c.toString()));
    proc.stderr?.on('data', (c: Buffer) => (out += c.toString()));
    const deadline = Date.now() + 60_000;
    for (;;) {
      expect(proc.exitCode, out).toBeNull();
      const ready = await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(1000) })
        .then((r) => r.status === 200)
        .catch(() => false);
      if (ready) break;
      expect(Date.now() < deadline, `not ready:\n${out}`).toBe(true);
      await new Promise((r) => setTimeout(r, 50));
    }

    const node = await fetch(`${base}/api/node`, {
      headers: { authorization: `Bearer ${init.adminToken}` },
    });
    expect(node.status).toBe(200);
    expect(((await node.json()) as { name?: string }).name).toBe('Acme');
    const denied = await fetch(`${base}/api/node`);
    expect(denied.status).toBe(401);
    const openapi = await fetch(`${base}/api/openapi.json`);
    expect(((await openapi.json()) as { openapi: string }).openapi).toBe('3.1.0');
    const unknown = await fetch(`${base}/api/no-such-thing`, {
      headers: { authorization: `Bearer ${init.adminToken}` },
    });
    expect(unknown.status).toBe(404);

    // The HTTP client, loaded from its chunk on the first outbound request: joining a node at a
    // local URL makes the node fetch its well-known document (here answered 404: unreachable).
    const requested: string[] = [];
    const other = createServer((req, res) => {
      requested.push(`${req.method} ${req.url}`);
      res.writeHead(404, { 'content-type': 'application/json' }).end('{}');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    try {
      const joined = await fetch(`${base}/api/connect`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${init.adminToken}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          url: `http://127.0.0.1:${(other.address() as AddressInfo).port}`,
          token: 'an-invitation-token-0123456789',
        }),
      });
      expect(requested).toEqual(['GET /.well-known/partner-sync']);
      expect(joined.status).toBe(502);
      expect(((await joined.json()) as { error: { code: string } }).error.code).toBe('unreachable');
    } finally {
      await new Promise((resolve) => other.close(resolve));
    }

    for (const page of ['/portal/sign-in', '/console/sign-in']) {
      const res = await fetch(`${base}${page}`);
      expect(res.status, page).toBe(200);
      expect(res.headers.get('content-type'), page).toMatch(/^text\/html/);
      expect(await res.text(), page).toMatch(/<form[^>]*method="post"/i);
    }
  }, 120_000);
});

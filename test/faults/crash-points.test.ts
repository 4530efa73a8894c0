/**
 * SIGKILL at the named crash points (node/faults/crash-points.ts), on real `partner-sync serve`
 * processes: the node dies where the variable PARTNER_SYNC_CRASH_AT says, is restarted without
 * it on the same data directory and port, and then every message has had exactly one effect,
 * the sender holds a receipt for each, and the stream goes on (a message sent after the restart
 * arrives too, behind the others). A restarted sender takes back what its dead predecessor had
 * leased at once, and a second `serve` on a data directory in use is refused.
 */
import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { RUNTIME_FILE } from '../../node/cli/runtime-file.ts';
import type { CrashPointName } from '../../node/faults/crash-points.ts';
import { eventually } from '../support/test-node.ts';
import { BIN, childEnv, cleanUpChildNodes, type ChildNode } from './support/child-node.ts';
import {
  commentOn,
  declaredName,
  inboxRows,
  openServiceRequest,
  outboxRows,
  sendProfile,
  serviceEffects,
  startPair,
  type OutRow,
  type Pair,
  type Sent,
} from './support/crash-pair.ts';

afterAll(cleanUpChildNodes);

/**
 * A sender killed holding a lease: the lease (twice the request deadline plus 30 s, so 50 s by
 * default) is what a restarted sender would wait out if it did not take back its dead
 * predecessor's batches at start. It must deliver them within RESUME_MS of being ready again,
 * and each test checks that the lease still had longer than that to run at that moment, so a
 * sender that waited for it would fail.
 */
const LEASE_MS = 10_000 * 2 + 30_000;
const RESUME_MS = 10_000;
/** Sent and stored (delivered) during connecting, before any crash point is armed. */
const CONNECT = 'partner.connect';

/** Restarts `node` with the crash point armed, so that its next hits count from one. */
async function arm(node: ChildNode, point: CrashPointName): Promise<void> {
  await node.stop();
  await node.start({ PARTNER_SYNC_CRASH_AT: point });
}

/** A profile update, a service request and a comment on it: three kinds, three effects. */
async function sendMixed(pair: Pair, tag: string): Promise<Sent[]> {
  const sent = await sendProfile(pair.reseller, `Reseller ${tag}`);
  const request = await openServiceRequest(pair.reseller, pair.vendor.url, `Unit ${tag}`);
  sent.push(request.sent);
  sent.push(await commentOn(pair.reseller, request.id, `Comment ${tag}`));
  return sent;
}

/** What the sender queued, read from its database (the admin call may have died with it). */
function queuedBy(node: ChildNode): Sent[] {
  return outboxRows(node)
    .filter((r) => r.kind !== CONNECT)
    .map((r) => ({ messageId: r.messageId, kind: r.kind }));
}

/** The receiver's stored messages, without the handshake's partner.connect. */
function received(pair: Pair) {
  return inboxRows(pair.vendor).filter(
    (r) => r.fromNodeId === pair.reseller.url && r.kind !== CONNECT,
  );
}

/** How long the leases of `rows` still had to run at `at`: what a sender waiting for them waits. */
function leaseLeft(rows: OutRow[], at: number): number {
  return Math.min(...rows.map((r) => r.leaseUntil!)) - at;
}

/** How long after `since` the rows a dead sender had in flight were all delivered. */
async function resumedAfter(node: ChildNode, rows: OutRow[], since: number): Promise<number> {
  const seqs = new Set(rows.map((r) => r.seq));
  const delivered = await eventually(async () => {
    const now = outboxRows(node).filter((r) => seqs.has(r.seq));
    return now.every((r) => r.status === 'delivered' && r.deliveredAt !== null) ? now : null;
  }, LEASE_MS + 30_000);
  return Math.max(...delivered.map((r) => r.deliveredAt!)) - since;
}

async function expectKilled(node: ChildNode): Promise<void> {
  const exit = await node.exit();
  expect(exit.signal).toBe('SIGKILL');
}

async function allDelivered(node: ChildNode, timeoutMs: number) {
  return eventually(async () => {
    const rows = outboxRows(node).filter((r) => r.kind !== CONNECT);
    return rows.length > 0 && rows.every((r) => r.status === 'delivered') ? rows : null;
  }, timeoutMs);
}

/** Exactly one effect per message, in order, a receipt for each; returns the sender's rows. */
async function expectExactlyOnce(pair: Pair, sent: Sent[], lastName: string, timeoutMs: number) {
  const rows = await allDelivered(pair.reseller, timeoutMs);
  const ids = sent.map((s) => s.messageId);
  expect(rows.map((r) => r.messageId)).toEqual(ids);
  for (const r of rows) {
    expect(r.receipt).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(['accepted', 'duplicate']).toContain(r.resultStatus);
  }
  // The receiver stored each message once, in the order it was created, with the bytes signed.
  const inbox = received(pair);
  expect(inbox.map((r) => r.messageId)).toEqual(ids);
  expect(inbox.map((r) => r.digest)).toEqual(rows.map((r) => r.digest));
  // Each service message had its one effect; the profile is the last one declared.
  const effects = serviceEffects(pair.vendor);
  for (const s of sent.filter((s) => s.kind.startsWith('service.'))) {
    expect(effects.get(s.messageId), s.kind).toBe(1);
  }
  expect(declaredName(pair.vendor, pair.reseller.url)).toBe(lastName);
  return rows;
}

describe('faults › crash points', () => {
  it('inbox.after-verify: a receiver killed before committing stores each message once after restart', async () => {
    const pair = await startPair();
    await arm(pair.vendor, 'inbox.after-verify');
    const sent = await sendMixed(pair, 'one');
    await expectKilled(pair.vendor);
    // Nothing of the batch it was checking got in.
    expect(received(pair)).toHaveLength(0);

    await pair.vendor.start();
    sent.push(...(await sendProfile(pair.reseller, 'Reseller after')));
    const rows = await expectExactlyOnce(pair, sent, 'Reseller after', 20_000);
    // Nothing was committed before the kill, so every message was accepted, none a duplicate.
    expect(rows.every((r) => r.resultStatus === 'accepted')).toBe(true);
  }, 60_000);

  it('inbox.after-commit: a receiver killed before answering answers duplicate for what it committed', async () => {
    const pair = await startPair();
    await arm(pair.vendor, 'inbox.after-commit');
    const sent = await sendMixed(pair, 'one');
    await expectKilled(pair.vendor);
    // The batch was committed (that is the point), but the sender never heard about it.
    const committed = received(pair).map((r) => r.messageId);
    expect(committed.length).toBeGreaterThan(0);
    const delivered = outboxRows(pair.reseller).filter(
      (r) => r.kind !== CONNECT && r.status === 'delivered',
    );
    expect(delivered).toHaveLength(0);

    await pair.vendor.start();
    sent.push(...(await sendProfile(pair.reseller, 'Reseller after')));
    const rows = await expectExactlyOnce(pair, sent, 'Reseller after', 20_000);
    for (const r of rows) {
      expect(r.resultStatus).toBe(committed.includes(r.messageId) ? 'duplicate' : 'accepted');
    }
  }, 60_000);

  it('outbox.after-send: a restarted sender re-sends what its dead predecessor had in flight at once, answered duplicate', async () => {
    const pair = await startPair();
    await arm(pair.reseller, 'outbox.after-send');
    // The admin calls after the first may meet a dead node: what it queued is the truth.
    await sendMixed(pair, 'one').catch(() => undefined);
    await expectKilled(pair.reseller);
    const sent = queuedBy(pair.reseller);
    const inFlight = outboxRows(pair.reseller).filter((r) => r.status === 'in_flight');
    expect(inFlight.length).toBeGreaterThan(0);
    // The receiver has the batch that left: the POST was answered, the sender died before
    // recording it. Any other row in flight is the batch prepared behind it (signed, leased),
    // which was still waiting for that answer: the receiver does not have it.
    const had = received(pair).map((r) => r.messageId);
    expect(had.length).toBeGreaterThan(0);
    expect(inFlight.slice(0, had.length).map((r) => r.messageId)).toEqual(had);
    for (const r of inFlight.slice(had.length)) expect(r.digest).not.toBeNull();

    await pair.reseller.start();
    const readyAt = Date.now();
    expect(leaseLeft(inFlight, readyAt)).toBeGreaterThan(RESUME_MS);
    const resumedMs = await resumedAfter(pair.reseller, inFlight, readyAt);
    sent.push(...(await sendProfile(pair.reseller, 'Reseller after')));
    const rows = await expectExactlyOnce(pair, sent, 'Reseller after', 20_000);
    for (const r of rows) {
      expect(r.resultStatus).toBe(had.includes(r.messageId) ? 'duplicate' : 'accepted');
    }
    console.info(
      `crash outbox.after-send: ${had.length} in flight at the kill, delivered again ` +
        `${(resumedMs / 1000).toFixed(1)} s after the restarted sender was ready (the lease had ` +
        `${(leaseLeft(inFlight, readyAt) / 1000).toFixed(0)} s left then)`,
    );
    expect(resumedMs).toBeLessThan(RESUME_MS);
  }, 60_000);

  it('outbox.after-claim: a batch leased by a killed sender goes out at once after the restart', async () => {
    const pair = await startPair();
    await arm(pair.reseller, 'outbox.after-claim');
    await sendMixed(pair, 'one').catch(() => undefined);
    await expectKilled(pair.reseller);
    const all = queuedBy(pair.reseller);
    const inFlight = outboxRows(pair.reseller).filter((r) => r.status === 'in_flight');
    expect(inFlight.length).toBeGreaterThan(0);
    // The claim's commit stored the batch's signatures with its lease: one commit for both.
    expect(inFlight.every((r) => r.digest !== null)).toBe(true);
    expect(received(pair)).toHaveLength(0);

    await pair.reseller.start();
    const readyAt = Date.now();
    expect(leaseLeft(inFlight, readyAt)).toBeGreaterThan(RESUME_MS);
    const resumedMs = await resumedAfter(pair.reseller, inFlight, readyAt);
    all.push(...(await sendProfile(pair.reseller, 'Reseller after')));
    const rows = await expectExactlyOnce(pair, all, 'Reseller after', 20_000);
    // Nothing had left before the kill: everything is a first delivery.
    expect(rows.every((r) => r.resultStatus === 'accepted')).toBe(true);
    console.info(
      `crash outbox.after-claim: ${inFlight.length} leased at the kill, delivered ` +
        `${(resumedMs / 1000).toFixed(1)} s after the restarted sender was ready (the lease had ` +
        `${(leaseLeft(inFlight, readyAt) / 1000).toFixed(0)} s left then)`,
    );
    expect(resumedMs).toBeLessThan(RESUME_MS);
  }, 60_000);

  it('a second serve on the same data directory is refused while the first runs', async () => {
    const pair = await startPair();
    const serve = () =>
      promisify(execFile)(
        process.execPath,
        [BIN, 'serve', '--data', pair.vendor.dataDir, '--port', '0'],
        { env: childEnv(), encoding: 'utf8', timeout: 30_000 },
      ).then(
        () => ({ code: 0, stderr: '' }),
        (error: { code?: number; stderr?: string }) => ({ code: error.code, stderr: error.stderr }),
      );
    // serve.json names the running process: the CLI refuses with its pid.
    expect(await serve()).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/already running/),
    });
    // Without it (two starts racing past that check), the data directory's lock refuses.
    await rm(join(pair.vendor.dataDir, RUNTIME_FILE));
    expect(await serve()).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/already serving/),
    });
    // The first one still serves.
    expect((await pair.vendor.api('GET', '/partners')).status).toBe(200);
  }, 60_000);

  it('catalog.mid-apply: a receiver killed while applying a price list in parts applies it once', async () => {
    // A small body limit on the receiver: the vendor cuts the list into many parts for it.
    const pair = await startPair({ reseller: { maxBodyBytes: 64 * 1024 } });
    const { vendor, reseller } = pair;
    expect(
      (await vendor.api('POST', '/price-lists', { id: 'big', name: 'Big', currency: 'EUR' }))
        .status,
    ).toBe(201);
    const imported = await fetch(
      `http://127.0.0.1:${vendor.port}/api/price-lists/big/import?validFrom=2027-01-01`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${vendor.adminToken}`, 'content-type': 'text/csv' },
        body: priceCsv(LINES),
      },
    ).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
    expect(imported.status).toBe(201);
    await arm(reseller, 'catalog.mid-apply');
    expect((await vendor.api('POST', '/price-lists/big/push', { all: true })).status).toBe(202);
    await expectKilled(reseller);
    // Nothing of the apply survived: the parts before the last are stored (their lines in place,
    // unapplied), the last part's unit of work is not, and no line is in an applied version.
    const atKill = catalogCounts(reseller);
    expect(atKill).toMatchObject({ versions: 1, applied: 0, appliedLines: 0 });
    expect(atKill.lines).toBeLessThan(LINES);

    await reseller.start();
    const rows = await eventually(async () => {
      const out = outboxRows(vendor).filter((r) => r.kind === 'pricelist.push');
      return out.length > 1 && out.every((r) => r.status === 'delivered') ? out : null;
    }, 30_000);
    const inbox = inboxRows(reseller).filter((r) => r.kind === 'pricelist.push');
    expect(inbox.map((r) => r.messageId)).toEqual(rows.map((r) => r.messageId));
    expect(catalogCounts(reseller)).toEqual({
      versions: 1,
      applied: 1,
      lines: LINES,
      appliedLines: LINES,
    });
    const copy = await reseller.api('GET', '/price-lists/big');
    expect(copy.body.versions[0]).toMatchObject({
      status: 'applied',
      lineCount: LINES,
      contentHash: imported.body.contentHash,
    });
    // The stream goes on: a profile update sent after it arrives too.
    const [after] = await sendProfile(vendor, 'Vendor after');
    await eventually(async () => inboxRows(reseller).some((r) => r.messageId === after!.messageId));
    console.info(
      `crash catalog.mid-apply: ${LINES} lines in ${rows.length} parts applied once after the restart`,
    );
  }, 60_000);
});

const LINES = 2_000;

function priceCsv(count: number): string {
  const rows = ['sku,minQty,listPrice,standardPrice,limitPrice'];
  for (let i = 0; i < count; i++) {
    const price = `${(i % 1000) + 1}.${String(i % 100).padStart(2, '0')}`;
    rows.push(`SKU-${String(i).padStart(6, '0')},,${price},${price},${price}`);
  }
  return `${rows.join('\n')}\n`;
}

function catalogCounts(node: ChildNode) {
  return node.query((db) => {
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    return {
      versions: count('SELECT count(*) AS n FROM catalog_versions'),
      applied: count(`SELECT count(*) AS n FROM catalog_versions WHERE status = 'applied'`),
      lines: count('SELECT count(*) AS n FROM catalog_lines'),
      appliedLines: count(
        `SELECT count(*) AS n FROM catalog_lines l JOIN catalog_versions v ON v.id = l.version_row_id
         WHERE v.status = 'applied'`,
      ),
    };
  });
}

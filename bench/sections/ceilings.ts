/**
 * The ceilings every other figure is compared to, measured in this run on this machine:
 * Ed25519 verifications per second on one thread with the library calls the node makes, and a
 * bare Hono POST answered 202.
 */
import { compactVerify } from 'jose';
import { createPublicKey, KeyObject, sign, verify, type webcrypto } from 'node:crypto';
import { Pool } from 'undici';
import {
  buildMessage,
  generateKeyPair,
  importSigningKey,
  importVerifyKey,
  newMessageId,
  signMessage,
  verifyJwsSignature,
} from '../../protocol/index.ts';
import { benchBody, BENCH_KIND } from '../lib/body.ts';
import type { Section } from '../lib/context.ts';
import { startChild } from '../lib/ipc.ts';
import { row, type Row } from '../lib/report.ts';
import { asyncRate, syncCost } from '../lib/stats.ts';

export const VERIFY_CEILING = 'verify ceiling';
export const HTTP_CEILING = 'HTTP ceiling';

export const ceilings: Section = {
  name: 'ceilings',
  async run(ctx) {
    const rows: Row[] = [];
    const { jws, publicJwk, signingKey } = await sampleMessage();
    const key = await importVerifyKey(publicJwk);

    // The node verifies with node:crypto (protocol/keys.ts ed25519Verify): the OpenSSL call that
    // WebCrypto and so jose make. Its single-thread ceiling is that call, synchronous, in a loop.
    ctx.log('ceiling: Ed25519 verify, one thread');
    const data = Buffer.from(jws.slice(0, jws.lastIndexOf('.')), 'latin1');
    const signature = Buffer.from(jws.slice(jws.lastIndexOf('.') + 1), 'base64url');
    const publicKey = createPublicKey({ key: { ...publicJwk }, format: 'jwk' });
    const privateKey = KeyObject.from(signingKey.key as unknown as webcrypto.CryptoKey);
    if (!verify(null, data, publicKey, signature)) throw new Error('sample does not verify');
    const ms = ctx.sizes.ceilingMs;
    const group = 'ceilings (this machine, this run)';
    const verifyCost = syncCost(() => verify(null, data, publicKey, signature), ms);
    const signCost = syncCost(() => sign(null, data, privateKey), ms);
    rows.push(
      row({
        id: 'ceiling.verify',
        group,
        label: 'Ed25519 verify, 1 thread (node:crypto, the OpenSSL call the node makes)',
        value: verifyCost.rate,
        unit: '/s',
      }),
      row({
        id: 'ceiling.sign',
        group,
        label: 'Ed25519 sign, 1 thread (node:crypto)',
        value: signCost.rate,
        unit: '/s',
      }),
      // The CPU each costs, which a busy machine does not change much (it lowers the rates
      // above): what the nodes' CPU per message is compared to.
      row({
        id: 'ceiling.verify.cpu',
        group,
        label: 'Ed25519 verify, CPU time each',
        value: verifyCost.cpuUs,
        unit: 'µs',
      }),
      row({
        id: 'ceiling.sign.cpu',
        group,
        label: 'Ed25519 sign, CPU time each',
        value: signCost.cpuUs,
        unit: 'µs',
      }),
      row({
        id: 'ceiling.verify.awaited',
        group,
        label: 'verify as the node calls it (libuv pool), awaited one at a time',
        value: await asyncRate(() => verifyJwsSignature(jws, key, signature), ms),
        unit: '/s',
      }),
      row({
        id: 'ceiling.verify.pool',
        group,
        label: 'verify as the node calls it, 16 in flight (both cores)',
        value: await asyncRate(() => verifyJwsSignature(jws, key, signature), ms, 16),
        unit: '/s',
      }),
      row({
        id: 'ceiling.verify.jose',
        group,
        label: 'reference: jose compactVerify, awaited (the node before this change)',
        value: await asyncRate(() => compactVerify(jws, key), ms),
        unit: '/s',
      }),
    );

    ctx.log('ceiling: bare Hono POST');
    rows.push(
      row({
        id: 'ceiling.http',
        group,
        label: 'bare Hono POST, 1 KB JSON, answered 202',
        value: await httpCeiling(ctx.sizes.httpCeilingMs),
        unit: 'req/s',
        note: 'server in its own process; client: undici, 16 connections, 64 requests outstanding, in the benchmark process',
      }),
    );
    return rows;
  },
};

/** A message like the ones the throughput run sends, and the key that verifies it. */
export async function sampleMessage() {
  const { privateJwk, publicJwk } = await generateKeyPair();
  const key = await importSigningKey(privateJwk);
  const jws = await signMessage(
    buildMessage({
      id: newMessageId(),
      kind: BENCH_KIND,
      from: 'http://127.0.0.1:1',
      to: 'http://127.0.0.1:2',
      sentAt: new Date(),
      body: benchBody(0),
    }),
    key,
  );
  return { jws, publicJwk, signingKey: key };
}

async function httpCeiling(ms: number): Promise<number> {
  const child = await startChild('hono-child.ts');
  const pool = new Pool(`http://127.0.0.1:${(await child.call<{ port: number }>('info')).port}`, {
    connections: 16,
  });
  const body = JSON.stringify({ messages: ['x'.repeat(1000)] });
  try {
    return await asyncRate(
      async () => {
        const res = await pool.request({
          path: '/inbox',
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        await res.body.dump();
        if (res.statusCode !== 202) throw new Error(`bare Hono answered ${res.statusCode}`);
      },
      ms,
      64,
    );
  } finally {
    await pool.close();
    await child.stop();
  }
}

/** A real node on a temp data directory, its app, and a helper to call the admin API. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../../node/app.ts';
import type { Clock } from '../../../node/clock.ts';
import { initNode } from '../../../node/init-node.ts';
import { silentLogger } from '../../../node/logger.ts';
import { openNode } from '../../../node/main.ts';
import type { Partner } from '../../../node/store/types.ts';
import { saveTestPartner } from '../../support/partner-row.ts';

export interface ApiCall {
  method?: string;
  /** Sent as JSON unless a string (sent as is). */
  body?: unknown;
  /** null: no Authorization header; default the admin token. */
  token?: string | null;
  headers?: Record<string, string>;
}

export async function createAdminFixture(options: { clock?: Clock } = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'partner-sync-admin-'));
  const { adminToken } = await initNode(dir, { name: 'Acme Parts', port: 0 }, new Date());
  const node = await openNode({
    dataDir: dir,
    env: {},
    log: silentLogger(),
    ...(options.clock && { clock: options.clock }),
  });
  const app = createApp(node.deps);

  async function api(path: string, call: ApiCall = {}) {
    const headers: Record<string, string> = { ...call.headers };
    const token = call.token === undefined ? adminToken : call.token;
    if (token !== null) headers.authorization = `Bearer ${token}`;
    let body: string | undefined;
    if (call.body !== undefined) {
      body = typeof call.body === 'string' ? call.body : JSON.stringify(call.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await app.request(`/api${path}`, {
      method: call.method ?? (body === undefined ? 'GET' : 'POST'),
      headers,
      ...(body !== undefined && { body }),
    });
    const text = await res.text();
    // JSON answers are parsed; others (CSV exports) are handed back as text.
    const json = /json/.test(res.headers.get('content-type') ?? 'application/json');
    return {
      status: res.status,
      headers: res.headers,
      body: text ? (json ? JSON.parse(text) : text) : null,
    };
  }

  /** Stores a partner as if it had connected, without a second node. */
  async function addPartner(nodeId = 'https://partner.example', name = 'Partner Co') {
    return saveTestPartner(node.deps.store, nodeId, {
      name,
      keys: [
        {
          kty: 'OKP',
          crv: 'Ed25519',
          x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo',
          kid: 'partner-key-1',
          alg: 'EdDSA',
          use: 'sig',
        },
      ],
    });
  }

  /** Queues a message to a partner and dead-letters it at once. */
  async function addDeadLetter(partner: Partner, messageId: string) {
    await node.deps.store.transact(async (tx) => {
      const [row] = await tx.outbox.enqueue(
        [
          {
            messageId,
            partnerId: partner.id,
            toNodeId: partner.nodeId,
            kind: 'partner.update',
            body: { name: 'Acme' },
          },
        ],
        new Date(),
      );
      await tx.outbox.markDead(row!.seq, {
        code: 'timeout',
        detail: 'no answer',
        at: new Date(),
        rejected: false,
      });
    });
  }

  return {
    dir,
    token: adminToken,
    deps: node.deps,
    app,
    api,
    addPartner,
    addDeadLetter,
    async close() {
      await node.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export type AdminFixture = Awaited<ReturnType<typeof createAdminFixture>>;

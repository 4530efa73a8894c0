/**
 * A partner that is not a partner-sync node: a plain HTTP server on 127.0.0.1 whose inbox answers
 * as the test scripts it, with receipts signed by a key of its own that it also serves as its
 * JWKS. For tests of the sending side (how a node settles each kind of answer) that need answers
 * a correct node never gives.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  buildDiscoveryDocument,
  buildReceipt,
  generateKeyPair,
  importSigningKey,
  signReceipt,
  type GeneratedKeyPair,
  type MessagePayload,
} from '../../protocol/index.ts';
import type { Partner } from '../../node/store/types.ts';
import type { TestNode } from './test-node.ts';

/** One message of a request, as the partner read it. */
export interface Received {
  jws: string;
  message: MessagePayload;
}

export interface ScriptedAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface ScriptedPartner {
  /** The partner's base URL: its node id. */
  url: string;
  /** The key its receipts are signed with; `rotate()` replaces it. */
  key: GeneratedKeyPair;
  /** The keys its JWKS serves. */
  jwks: GeneratedKeyPair[];
  /** Each inbox request, as the message ids it carried. */
  requests: string[][];
  /** How the inbox (and the connect URL) answer; by default {@link ScriptedPartner.acceptAll}. */
  answer: (received: Received[]) => Promise<ScriptedAnswer> | ScriptedAnswer;
  /** A 200 accepting every message, each with a valid receipt. */
  acceptAll(received: Received[]): Promise<ScriptedAnswer>;
  /** A valid receipt for one message, signed with the current key. */
  receiptFor(r: Received): Promise<string>;
  /** Signs receipts with a new key from now on (the JWKS is the test's to update). */
  rotate(): Promise<GeneratedKeyPair>;
  /** Pins this partner on `node` as if it had connected. */
  pinOn(node: TestNode, endpoint?: { maxBodyBytes?: number; maxBatch?: number }): Promise<Partner>;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function readJws(jws: string): Received {
  const payload = jws.split('.')[1] ?? '';
  return { jws, message: JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) };
}

export async function startScriptedPartner(): Promise<ScriptedPartner> {
  const partner: ScriptedPartner = {
    url: '',
    key: await generateKeyPair(),
    jwks: [],
    requests: [],
    answer: (received) => partner.acceptAll(received),
    async acceptAll(received) {
      const results = await Promise.all(
        received.map(async (r) => ({
          id: r.message.id,
          status: 'accepted',
          receipt: await partner.receiptFor(r),
        })),
      );
      return { status: 200, body: { results } };
    },
    async receiptFor({ jws, message }) {
      return signReceipt(
        buildReceipt({
          receiptFor: message.id,
          from: partner.url,
          to: message.from,
          status: 'accepted',
          jws,
          receivedAt: new Date(),
        }),
        await importSigningKey(partner.key.privateJwk),
      );
    },
    async rotate() {
      partner.key = await generateKeyPair();
      return partner.key;
    },
    pinOn(node, endpoint = {}) {
      return node.deps.store.transact((tx) =>
        tx.partners.saveConnected({
          endpoint: {
            nodeId: partner.url,
            inboxUrl: `${partner.url}/inbox`,
            jwksUrl: `${partner.url}/.well-known/jwks.json`,
            maxBatch: endpoint.maxBatch ?? 100,
            maxBodyBytes: endpoint.maxBodyBytes ?? 1 << 20,
            keys: partner.jwks.map((k) => k.publicJwk),
          },
          profile: {
            name: 'scripted partner',
            partnerType: 'reseller',
            relationship: 'strategic',
            allowedKinds: ['partner.update'],
          },
          invitationId: null,
          at: node.deps.clock.now(),
        }),
      );
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  partner.jwks = [partner.key];

  const server = createServer(async (req, res) => {
    try {
      if (req.method === 'GET' && req.url === '/.well-known/jwks.json') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ keys: partner.jwks.map((k) => k.publicJwk) }));
        return;
      }
      if (req.method === 'GET' && req.url === '/.well-known/partner-sync') {
        const doc = buildDiscoveryDocument({
          nodeId: partner.url,
          name: 'Scripted Co',
          kinds: ['partner.connect', 'partner.update'],
          maxBatch: 100,
          maxBodyBytes: 1 << 20,
        });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(doc));
        return;
      }
      if (req.method !== 'POST' || (req.url !== '/inbox' && req.url !== '/connect')) {
        res.writeHead(404).end();
        return;
      }
      const { messages } = JSON.parse(await readBody(req)) as { messages: string[] };
      const received = messages.map(readJws);
      partner.requests.push(received.map((r) => r.message.id));
      const answer = await partner.answer(received);
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
  server.keepAliveTimeout = 100;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  partner.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return partner;
}

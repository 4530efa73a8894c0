/**
 * Property-based fuzzing of a real node's inbox over HTTP: message bodies of every kind
 * (generated from `schemas/` and mutated with hostile values), envelopes and JWS strings
 * (hostile headers and payloads, invalid UTF-8, duplicate keys, lone surrogates, deep nesting,
 * huge numbers, prototype keys — most of them correctly signed, so they get past the signature
 * check) and whole request bodies. Never a 5xx; every rejected message leaves nothing stored;
 * the prototypes stay clean; the node still answers /readyz.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newMessageId, REJECTION_CODES } from '../../protocol/index.ts';
import { connectPair } from '../support/federation.ts';
import { createTestNode, removeTestDirs, type TestNode } from '../support/test-node.ts';
import {
  bodyOf,
  exampleBody,
  hostileJsonText,
  invalidUtf8,
  mutated,
  SCHEMA_KINDS,
} from './support/arbitraries.ts';
import { expectPrototypesClean } from './support/fuzz-checks.ts';
import { FUZZ_RUNS, FUZZ_SEED, FUZZ_TIMEOUT_MS } from './support/fuzz-runs.ts';

// partner.connect belongs to the connect URL; partner.disconnect would end the partnership.
const KINDS = SCHEMA_KINDS.filter((k) => k !== 'partner.connect' && k !== 'partner.disconnect');
const TYP = 'partner-sync+jws';

let target: TestNode;
let partner: TestNode;
const SEED_LIST = 'seed-list';

beforeAll(async () => {
  target = await createTestNode({
    name: 'target',
    settings: { inboxRateLimit: 1_000_000, partnerMessageRateLimit: 1_000_000 },
  });
  partner = await createTestNode({ name: 'partner' });
  // Allowed every kind, so that bodies reach the handlers' authorization and effects.
  const { onHost } = await connectPair(target, partner, {
    kinds: target.deps.handlers.kinds().filter((k) => KINDS.includes(k)),
  });
  // A price list shared with the partner, so that the seeds' orders and resyncs reach the
  // handlers' pricing and limits rather than stopping at `forbidden`.
  await target.api('POST', '/price-lists', { id: SEED_LIST, name: 'Seed', currency: 'EUR' });
  await target.api('POST', `/price-lists/${SEED_LIST}/versions`, {
    validFrom: '2026-01-01',
    lines: [{ sku: 'KB-100', listPrice: '150.00' }],
  });
  await target.api('POST', `/price-lists/${SEED_LIST}/push`, { partners: [onHost.id] });
}, 30_000);

afterAll(async () => {
  console.info(`fuzz inbox: ${[...tally].map(([k, n]) => `${k} ${n}`).join(', ')}`);
  await Promise.all([target?.stop(), partner?.stop()]);
  await removeTestDirs();
});

const b64u = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64url');

/** A compact JWS over exactly these header and payload bytes, signed with the partner's key. */
async function signRaw(header: Uint8Array | string, payload: Uint8Array | string) {
  const input = `${b64u(header)}.${b64u(payload)}`;
  const signature = await crypto.subtle.sign(
    'Ed25519',
    partner.deps.keys.signing().key,
    Buffer.from(input, 'latin1'),
  );
  return `${input}.${b64u(new Uint8Array(signature))}`;
}

const headerText = () =>
  JSON.stringify({ alg: 'EdDSA', kid: partner.deps.keys.signing().kid, typ: TYP });

/** The envelope as text, so that the body can be any text at all. */
function envelopeText(kind: string, bodyText: string, id = newMessageId()): string {
  const head = JSON.stringify({
    v: 1,
    id,
    kind,
    from: partner.url,
    to: target.url,
    sentAt: new Date().toISOString(),
  });
  return `${head.slice(0, -1)},"body":${bodyText}}`;
}

function validEnvelope(): Record<string, unknown> {
  return {
    v: 1,
    id: newMessageId(),
    kind: 'partner.update',
    from: partner.url,
    to: target.url,
    sentAt: new Date().toISOString(),
    body: { name: 'Fuzz' },
  };
}

async function stored(): Promise<number> {
  return target.deps.store.read(async (tx) => (await tx.inbox.list({}, { limit: 100_000 })).length);
}

interface Posted {
  status: number;
  body: any;
}

async function post(body: string | Uint8Array, contentType = 'application/json'): Promise<Posted> {
  const res = await fetch(`${target.url}/inbox`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // keep the text
  }
  return { status: res.status, body: parsed };
}

/**
 * Posts a batch and checks the invariants: no 5xx, a result per message, only known codes, and
 * exactly the accepted messages stored — a rejected one leaves no row.
 */
const tally = new Map<string, number>();

/**
 * An accepted body holds no C0 control but newline and tab in any string (PROTOCOL.md section 2): no
 * terminal escape reaches a CLI or a log through the store.
 */
function expectNoControlCharacters(jws: unknown) {
  if (typeof jws !== 'string') return;
  const payload = JSON.parse(Buffer.from(jws.split('.')[1]!, 'base64url').toString('utf8'));
  const strings: string[] = [];
  JSON.stringify(payload.body, (key, value) => {
    strings.push(key);
    if (typeof value === 'string') strings.push(value);
    return value;
  });
  for (const text of strings) expect(text).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F]/);
}

async function postBatchAndCheck(messages: unknown[]): Promise<Posted> {
  const before = await stored();
  const answer = await post(JSON.stringify({ messages }));
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  const results = answer.body.results as Array<Record<string, unknown>>;
  expect(results).toHaveLength(messages.length);
  let accepted = 0;
  for (const [i, r] of results.entries()) {
    expect(['accepted', 'duplicate', 'rejected']).toContain(r.status);
    const key = r.status === 'rejected' ? String(r.code) : String(r.status);
    tally.set(key, (tally.get(key) ?? 0) + 1);
    if (r.status === 'rejected') {
      expect(REJECTION_CODES).toContain(r.code);
      if (typeof r.id === 'string') {
        // The id may have been accepted before with other bytes; these bytes were not stored.
        const row = await target.deps.store.read((tx) =>
          tx.inbox.find(partner.url, r.id as string),
        );
        expect(row?.jws, `rejected ${r.code} but stored`).not.toBe(messages[i]);
      }
    } else {
      expect(typeof r.receipt).toBe('string');
      if (r.status === 'accepted') {
        accepted++;
        expectNoControlCharacters(messages[i]);
      }
    }
  }
  expect(await stored()).toBe(before + accepted);
  expectPrototypesClean();
  return answer;
}

const kindAndBody = fc
  .constantFrom(...KINDS)
  .chain((kind) =>
    fc.tuple(
      fc.constant(kind),
      fc.oneof(
        { weight: 2, arbitrary: bodyOf(kind).map((b) => JSON.stringify(b)) },
        { weight: 2, arbitrary: mutated(exampleBody(kind)) },
        { weight: 1, arbitrary: bodyOf(kind).chain((b) => mutated(b)) },
      ),
    ),
  );

type Maker = () => Promise<unknown>;

/**
 * A JWS that is wrong somewhere — the string, the segments, the header, the payload — except
 * that a mutated envelope may still be a valid message (an id replaced by another valid id):
 * those are marked, the others can never be accepted.
 */
const hostileJws: fc.Arbitrary<{ make: Maker; mayBeValid: boolean }> = fc
  .oneof(
    fc.string({ unit: 'binary', maxLength: 200 }).map((s) => async () => s),
    fc
      .array(fc.base64String({ maxLength: 60 }), { minLength: 1, maxLength: 5 })
      .map((parts) => async () => parts.map((p) => p.replace(/=+$/, '')).join('.')),
    fc.jsonValue({ maxDepth: 3 }).map((v) => async () => v),
    hostileJsonText.map((h) => () => signRaw(h, JSON.stringify(validEnvelope()))),
    fc
      .record(
        {
          alg: fc.constantFrom('EdDSA', 'none', 'HS256', 'RS256', 'eddsa'),
          kid: fc.oneof(fc.constant('KID'), fc.string({ maxLength: 300 })),
          typ: fc.constantFrom(TYP, 'JWT', 'partner-sync-receipt+jws'),
          crit: fc.constant(['b64']),
          b64: fc.boolean(),
        },
        { requiredKeys: ['alg', 'kid', 'typ'] },
      )
      .map((h) => () => {
        const header = { ...h, kid: h.kid === 'KID' ? partner.deps.keys.signing().kid : h.kid };
        return signRaw(JSON.stringify(header), JSON.stringify(validEnvelope()));
      }),
    hostileJsonText.map((p) => () => signRaw(headerText(), p)),
    invalidUtf8.map((bytes) => () => signRaw(headerText(), bytes)),
    invalidUtf8.map((bytes) => () => signRaw(bytes, JSON.stringify(validEnvelope()))),
  )
  .map((make: Maker) => ({ make, mayBeValid: false }));

const hostileOrMutated = fc.oneof(
  { weight: 4, arbitrary: hostileJws },
  {
    weight: 1,
    arbitrary: fc
      .constant(null)
      .chain(() => mutated(validEnvelope()))
      .map((p) => ({ make: () => signRaw(headerText(), p), mayBeValid: true })),
  },
);

const DAY_MS = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString();

/**
 * Seeds from the security review (issue #14), run before the random cases: a cash sale sold 300
 * days back at an old price (finding 1), repeated sync.requests (2), a version announcing 100,000
 * parts and a claim of 0.01 declaring 25 MB of proof (8). Each must be refused or change nothing
 * without a 5xx, like any other body.
 */
const SECURITY_SEEDS: Array<Array<[string, string]>> = [
  [
    [
      'order.place',
      JSON.stringify({
        order: {
          id: 'seed-cash-sale',
          type: 'cash_sale',
          priceListId: SEED_LIST,
          priceListVersion: 1,
          currency: 'EUR',
          lines: [{ line: 1, sku: 'KB-100', qty: '1', unitPrice: '1.00' }],
          soldAt: daysAgo(300),
        },
      }),
    ],
  ],
  Array.from({ length: 3 }, () => [
    'sync.request',
    JSON.stringify({ what: 'pricelist', id: SEED_LIST }),
  ]),
  [
    [
      'pricelist.push',
      JSON.stringify({
        priceListId: 'seed-parts',
        name: 'Seed',
        currency: 'EUR',
        version: 1,
        validFrom: '2027-01-01',
        mode: 'full',
        part: 1,
        parts: 100_000,
        lines: [{ sku: 'A', listPrice: '1.00' }],
        removed: [],
        contentHash: `sha-256=${'A'.repeat(43)}`,
      }),
    ],
  ],
  [
    [
      'expense.claim',
      JSON.stringify({
        claim: {
          id: 'seed-proof',
          allocationId: 'any',
          invoiceNumber: 'INV-1',
          invoiceDate: '2027-01-15',
          activity: 'trade_show',
          lines: [{ description: 'Booth', amount: '0.01' }],
          total: '0.01',
          currency: 'EUR',
          proof: [{ sha256: 'a'.repeat(64), name: 'scan.pdf', size: 25_000_000 }],
        },
      }),
    ],
  ],
];

describe('faults › fuzzing the inbox', () => {
  it(
    'takes bodies of every kind, valid or hostile, without a 5xx or a stored rejection',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(kindAndBody, { minLength: 1, maxLength: 3 }), async (items) => {
          const messages = await Promise.all(
            items.map(([kind, body]) => signRaw(headerText(), envelopeText(kind, body))),
          );
          await postBatchAndCheck(messages);
        }),
        {
          numRuns: FUZZ_RUNS,
          ...FUZZ_SEED,
          examples: SECURITY_SEEDS.map((items) => [items] as [Array<[string, string]>]),
        },
      );
      // The seeded cash sale at a superseded date was refused, never booked.
      const cashSale = await target.api('GET', '/orders/seed-cash-sale');
      expect(cashSale.body).toMatchObject({
        status: 'rejected',
        response: { reasonCode: 'sold_at_out_of_window' },
      });
      expect((await fetch(`${target.url}/readyz`)).status).toBe(200);
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'rejects hostile envelopes and JWS strings one by one, storing none of them',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(hostileOrMutated, { minLength: 1, maxLength: 4 }),
          async (items) => {
            const messages = await Promise.all(items.map((item) => item.make()));
            const answer = await postBatchAndCheck(messages);
            for (const [i, r] of answer.body.results.entries()) {
              if (!items[i]!.mayBeValid) expect(r.status).toBe('rejected');
            }
          },
        ),
        { numRuns: FUZZ_RUNS, ...FUZZ_SEED },
      );
      expect((await fetch(`${target.url}/readyz`)).status).toBe(200);
    },
    FUZZ_TIMEOUT_MS,
  );

  it('rejects terminal escapes in text as invalid_body and stores nothing (seeds)', async () => {
    const body = exampleBody('deal.register') as { deal: Record<string, unknown> };
    const seeds = [
      '\u001b[2J\u001b[H',
      '\u001b]0;owned\u0007',
      '\u001b]52;c;ZXZpbA==\u0007',
      '\u009b31m',
      'fake\rline',
    ];
    const messages = await Promise.all(
      seeds.map((seed) =>
        signRaw(
          headerText(),
          envelopeText(
            'deal.register',
            JSON.stringify({ ...body, deal: { ...body.deal, notes: `notes ${seed}` } }),
          ),
        ),
      ),
    );
    const answer = await postBatchAndCheck(messages);
    for (const r of answer.body.results) {
      expect(r).toMatchObject({ status: 'rejected', code: 'invalid_body' });
      expect(r.message).toContain('/deal/notes');
    }
  });

  it(
    'answers hostile request bodies with a 4xx, never a 5xx',
    async () => {
      const body = fc.oneof(
        hostileJsonText,
        hostileJsonText.map((t) => `{"messages":${t}}`),
        hostileJsonText.map((t) => `{"messages":[${t}]}`),
        invalidUtf8.map((bytes) =>
          Buffer.concat([Buffer.from('{"messages":["'), bytes, Buffer.from('"]}')]),
        ),
        fc.uint8Array({ maxLength: 200 }),
        fc.constant('{"messages":[' + '"x",'.repeat(1000) + '"x"]}'),
      );
      const type = fc.constantFrom(
        'application/json',
        'application/json; charset=utf-8',
        'APPLICATION/JSON',
        'text/plain',
        'application/jose',
        'multipart/form-data; boundary=x',
      );
      await fc.assert(
        fc.asyncProperty(body, type, async (b, t) => {
          const before = await stored();
          const answer = await post(b, t);
          expect(answer.status, JSON.stringify(answer.body).slice(0, 300)).toBeLessThan(500);
          expect([200, 400, 413, 415]).toContain(answer.status);
          if (answer.status === 200) {
            for (const r of answer.body.results) expect(r.status).toBe('rejected');
          } else {
            expect(typeof answer.body.error.code).toBe('string');
          }
          expect(await stored()).toBe(before);
          expectPrototypesClean();
        }),
        { numRuns: FUZZ_RUNS, ...FUZZ_SEED },
      );
      expect((await fetch(`${target.url}/readyz`)).status).toBe(200);
    },
    FUZZ_TIMEOUT_MS,
  );
});

/**
 * The connect URL, as an inviting node answers it: each `partner.connect` that must not pin a
 * partner is refused with its own code, the invitation stays open for the right joiner, and a
 * repeat of an accepted request is a duplicate. Real nodes over HTTP; the joining node is a test
 * node whose discovery document and keys the host fetches.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMessage, newMessageId, signMessage } from '../../../protocol/index.ts';
import {
  createInvitation,
  hashToken,
  parsePartnerProfile,
} from '../../../node/partners/invitations.ts';
import { postJson } from '../../support/federation.ts';
import {
  createTestNode,
  freePort,
  removeTestDirs,
  type TestNode,
} from '../../support/test-node.ts';

let host: TestNode;
let joiner: TestNode;

beforeAll(async () => {
  [host, joiner] = await Promise.all([
    createTestNode({ name: 'host' }),
    createTestNode({ name: 'joiner' }),
  ]);
});

afterAll(async () => {
  await Promise.all([host.stop(), joiner.stop()]);
  await removeTestDirs();
});

async function invite(): Promise<string> {
  const profile = parsePartnerProfile(
    { name: 'Guest', partnerType: 'reseller', relationship: 'strategic' },
    host.deps.handlers.kinds(),
  );
  const { token } = await createInvitation(
    { store: host.deps.store, now: host.deps.clock.now(), ttlMs: 3600_000 },
    profile,
  );
  return token;
}

/** A connect message signed with the joiner's key; any envelope field may be overridden. */
async function connectMessage(
  body: unknown,
  overrides: { id?: string; kind?: string; from?: string; to?: string } = {},
): Promise<string> {
  const message = buildMessage({
    id: overrides.id ?? newMessageId(),
    kind: overrides.kind ?? 'partner.connect',
    from: overrides.from ?? joiner.url,
    to: overrides.to ?? host.url,
    sentAt: joiner.deps.clock.now(),
    body,
  });
  return signMessage(message, joiner.deps.keys.signing());
}

async function postConnect(jws: string) {
  const res = await postJson(`${host.url}/connect`, { messages: [jws] });
  expect(res.status).toBe(200);
  return res.body.results[0] as { id: string; status: string; code?: string; message?: string };
}

async function hostPartners(): Promise<number> {
  return (await host.deps.store.read((tx) => tx.partners.list())).length;
}

async function inboxSize(): Promise<number> {
  return (await host.deps.store.read((tx) => tx.inbox.list({}, { limit: 100 }))).length;
}

async function invitationOpen(token: string): Promise<boolean> {
  const found = await host.deps.store.read((tx) =>
    tx.invitations.findByTokenHash(hashToken(token)),
  );
  return found !== null && found.usedAt === null;
}

describe('connect › accept-connect', () => {
  it('refuses a connect addressed to another node as wrong_recipient, fetching nothing', async () => {
    const token = await invite();
    // The claimed sender counts what it is asked: an unauthenticated caller must not make the
    // host fetch URLs of its choosing.
    let fetched = 0;
    const claimed = createServer((_req, res) => {
      fetched++;
      res.writeHead(404).end();
    });
    await new Promise<void>((done) => claimed.listen(0, '127.0.0.1', done));
    const from = `http://127.0.0.1:${(claimed.address() as AddressInfo).port}`;
    try {
      const other = `http://127.0.0.1:${await freePort()}`;
      const result = await postConnect(
        await connectMessage({ token, name: 'J' }, { from, to: other }),
      );
      expect(result).toMatchObject({ status: 'rejected', code: 'wrong_recipient' });
      expect(fetched).toBe(0);
      expect(await invitationOpen(token)).toBe(true);
      expect(await hostPartners()).toBe(0);
    } finally {
      await new Promise<void>((done) => claimed.close(() => done()));
    }
  });

  it('takes only partner.connect at the connect URL, even with an open invitation', async () => {
    const token = await invite();
    const result = await postConnect(
      await connectMessage({ token, name: 'J' }, { kind: 'partner.update' }),
    );
    expect(result).toMatchObject({ status: 'rejected', code: 'forbidden' });
    expect(result.message).toContain('only partner.connect');
    expect(await invitationOpen(token)).toBe(true);
  });

  it('refuses a token that is not a string as forbidden', async () => {
    await invite();
    const result = await postConnect(await connectMessage({ token: 1234567890123456, name: 'J' }));
    expect(result).toMatchObject({ status: 'rejected', code: 'forbidden' });
    expect(await hostPartners()).toBe(0);
  });

  it('is unknown_key when the joining node’s keys cannot be fetched, naming why', async () => {
    const token = await invite();
    // Signed by the joiner, but claiming a node id where nothing listens.
    const nowhere = `http://127.0.0.1:${await freePort()}`;
    const result = await postConnect(await connectMessage({ token, name: 'J' }, { from: nowhere }));
    expect(result).toMatchObject({ status: 'rejected', code: 'unknown_key' });
    expect(result.message).toContain("could not fetch the joining node's keys: unreachable");
    expect(await invitationOpen(token)).toBe(true);
  });

  it('is invalid_body for a connect whose body breaks its schema, keeping the invitation', async () => {
    const token = await invite();
    const result = await postConnect(await connectMessage({ token, name: 'J', extra: true }));
    expect(result).toMatchObject({ status: 'rejected', code: 'invalid_body' });
    expect(await invitationOpen(token)).toBe(true);
    expect(await hostPartners()).toBe(0);
  });

  it('answers a request whose body is not a message batch with 400, and a non-message as malformed', async () => {
    const res = await postJson(`${host.url}/connect`, 'not json');
    expect([res.status, res.body.error?.code]).toEqual([400, 'bad_request']);
    const result = await postConnect('not a jws');
    expect(result).toMatchObject({ status: 'rejected', code: 'malformed' });
  });

  it('refuses a connect whose signature does not verify, keeping the invitation', async () => {
    const token = await invite();
    const [h, p, sig] = (await connectMessage({ token, name: 'J' })).split('.') as [
      string,
      string,
      string,
    ];
    const flipped = `${sig.slice(0, 10)}${sig[10] === 'A' ? 'B' : 'A'}${sig.slice(11)}`;
    const result = await postConnect(`${h}.${p}.${flipped}`);
    expect(result).toMatchObject({ status: 'rejected', code: 'bad_signature' });
    expect(await invitationOpen(token)).toBe(true);
    expect(await hostPartners()).toBe(0);
  });

  it('answers the same bytes again as a duplicate with the first receipt; other bytes under that id are id_conflict', async () => {
    const token = await invite();
    const id = newMessageId();
    const jws = await connectMessage({ token, name: 'J' }, { id });
    const first = await postConnect(jws);
    expect(first).toMatchObject({ status: 'accepted' });
    const again = await postConnect(jws);
    expect(again).toEqual({ ...first, status: 'duplicate' });

    // Another open invitation, the same id, other content: not a second partner.
    const second = await invite();
    const conflict = await postConnect(await connectMessage({ token: second, name: 'J2' }, { id }));
    expect(conflict).toMatchObject({ status: 'rejected', code: 'id_conflict' });
    expect(await invitationOpen(second)).toBe(true);
    expect(await hostPartners()).toBe(1);
    const inbound = await host.deps.store.read((tx) => tx.inbox.list({}, { limit: 10 }));
    expect(inbound.map((m) => m.messageId)).toEqual([id]);

    // A used token opens nothing, even for the node that used it.
    const reused = await postConnect(await connectMessage({ token, name: 'J' }));
    expect(reused).toMatchObject({ status: 'rejected', code: 'forbidden' });
  });

  it('answers 503 when the host fails to store the connection, a retry and not a refusal', async () => {
    const token = await invite();
    const inboxBefore = await inboxSize();
    const store = host.deps.store;
    const transact = store.transact;
    // The disk fails while the partner is saved.
    store.transact = ((work: Parameters<typeof transact>[0]) =>
      transact.call(store, async (tx) => {
        await work(tx);
        throw new Error('disk I/O error');
      })) as typeof transact;
    const jws = await connectMessage({ token, name: 'J' });
    try {
      const res = await postJson(`${host.url}/connect`, { messages: [jws] });
      expect([res.status, res.body.error?.code]).toEqual([503, 'not_ready']);
    } finally {
      store.transact = transact;
    }
    expect(await invitationOpen(token)).toBe(true);
    expect(await inboxSize()).toBe(inboxBefore);
    // Nothing was answered, so the same bytes connect later.
    expect(await postConnect(jws)).toMatchObject({ status: 'accepted' });
  });
});

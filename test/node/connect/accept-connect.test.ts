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
import { createLogger } from '../../../node/logger.ts';
import { postJson } from '../../support/federation.ts';
import {
  createTestNode,
  freePort,
  removeTestDirs,
  type TestNode,
} from '../../support/test-node.ts';
import { jsonLineSink } from '../../support/json-line-sink.ts';

let host: TestNode;
let joiner: TestNode;
/** The host's log lines (a real pino logger at info level), as objects. */
const hostLog: Array<Record<string, any>> = [];
/** Not the default 30 days, so a test can tell the host's setting from the protocol default. */
const REPLAY_WINDOW_DAYS = 7;
const DAY_MS = 24 * 3600_000;

beforeAll(async () => {
  const sink = jsonLineSink(hostLog);
  [host, joiner] = await Promise.all([
    createTestNode({
      name: 'host',
      log: createLogger('info', sink),
      settings: { replayWindowDays: REPLAY_WINDOW_DAYS },
    }),
    createTestNode({ name: 'joiner' }),
  ]);
});

afterAll(async () => {
  await Promise.all([host.stop(), joiner.stop()]);
  await removeTestDirs();
});

async function invite(): Promise<string> {
  return (await inviteAt(host.deps.clock.now())).token;
}

/** An invitation created at `now`, open for an hour from then. */
async function inviteAt(now: Date): Promise<{ token: string; id: string }> {
  const profile = parsePartnerProfile(
    { name: 'Guest', partnerType: 'reseller', relationship: 'strategic' },
    host.deps.handlers.kinds(),
  );
  const { token, invitation } = await createInvitation(
    { store: host.deps.store, now, ttlMs: 3600_000 },
    profile,
  );
  return { token, id: invitation.id };
}

/**
 * A node id whose server counts the requests it gets (answering 404): an unauthenticated caller
 * must not make the host fetch URLs of its choosing.
 */
async function countingNode(): Promise<{ url: string; fetched(): number; close(): Promise<void> }> {
  let fetched = 0;
  const server = createServer((_req, res) => {
    fetched++;
    res.writeHead(404).end();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    fetched: () => fetched,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/** A connect message signed with the joiner's key; any envelope field may be overridden. */
async function connectMessage(
  body: unknown,
  overrides: {
    id?: string;
    kind?: string;
    from?: string;
    to?: string;
    sentAt?: Date;
    ref?: string;
  } = {},
): Promise<string> {
  const message = buildMessage({
    id: overrides.id ?? newMessageId(),
    kind: overrides.kind ?? 'partner.connect',
    from: overrides.from ?? joiner.url,
    to: overrides.to ?? host.url,
    sentAt: overrides.sentAt ?? joiner.deps.clock.now(),
    ...(overrides.ref !== undefined && { ref: overrides.ref }),
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
    const claimed = await countingNode();
    try {
      const other = `http://127.0.0.1:${await freePort()}`;
      const result = await postConnect(
        await connectMessage({ token, name: 'J' }, { from: claimed.url, to: other }),
      );
      expect(result).toMatchObject({ status: 'rejected', code: 'wrong_recipient' });
      expect(claimed.fetched()).toBe(0);
      expect(await invitationOpen(token)).toBe(true);
      expect(await hostPartners()).toBe(0);
    } finally {
      await claimed.close();
    }
  });

  it('refuses an expired or a revoked invitation as forbidden, fetching nothing', async () => {
    const expired = await inviteAt(new Date(host.deps.clock.now().getTime() - 2 * 3600_000));
    const revoked = await inviteAt(host.deps.clock.now());
    expect((await host.api('DELETE', `/invitations/${revoked.id}`)).status).toBe(200);
    const claimed = await countingNode();
    try {
      for (const { token } of [expired, revoked]) {
        const result = await postConnect(
          await connectMessage({ token, name: 'J' }, { from: claimed.url }),
        );
        expect(result).toMatchObject({ status: 'rejected', code: 'forbidden' });
      }
      expect(claimed.fetched()).toBe(0);
      expect(await hostPartners()).toBe(0);
    } finally {
      await claimed.close();
    }
  });

  it('refuses a connect whose body is not an object with a final answer, not a 503', async () => {
    await invite();
    for (const body of [null, 'a token']) {
      const result = await postConnect(await connectMessage(body));
      expect(result).toMatchObject({ status: 'rejected', code: 'forbidden' });
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
    // The operator's log says which node could not be reached, and why.
    const line = hostLog.find((l) => l.from === nowhere);
    expect(line).toMatchObject({ level: 30, msg: expect.stringMatching(/unreachable/) });
    expect(line?.detail).toEqual(expect.stringContaining('ECONNREFUSED'));
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
    const connected = hostLog.find((l) => l.partner === joiner.url);
    expect(connected).toMatchObject({ level: 30, msg: expect.stringMatching(/connected/) });
    expect(connected?.invitation).toEqual(expect.any(String));
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
      expect(res.body.error.message).toMatch(/retry later/);
    } finally {
      store.transact = transact;
    }
    // Logged as an error, with its cause, for the operator.
    const logged = hostLog.filter(
      (l) => l.level === 50 && l.err?.message === 'disk I/O error' && /connect/.test(l.msg),
    );
    expect(logged).toHaveLength(1);
    expect(await invitationOpen(token)).toBe(true);
    expect(await inboxSize()).toBe(inboxBefore);
    // Nothing was answered, so the same bytes connect later.
    expect(await postConnect(jws)).toMatchObject({ status: 'accepted' });
  });

  it('applies the node’s replay window: a connect signed 6 days ago connects, one 8 days old is stale', async () => {
    const now = joiner.deps.clock.now().getTime();
    const within = await postConnect(
      await connectMessage(
        { token: await invite(), name: 'J' },
        { sentAt: new Date(now - (REPLAY_WINDOW_DAYS - 1) * DAY_MS) },
      ),
    );
    const token = await invite();
    const beyond = await postConnect(
      await connectMessage(
        { token, name: 'J' },
        { sentAt: new Date(now - (REPLAY_WINDOW_DAYS + 1) * DAY_MS) },
      ),
    );
    expect(within).toMatchObject({ status: 'accepted' });
    expect(beyond).toMatchObject({ status: 'rejected', code: 'stale' });
    expect(await invitationOpen(token)).toBe(true);
  });

  it('gives one token to one joiner when two connects race for it', async () => {
    const token = await invite();
    const ref = `ref-${newMessageId()}`;
    const messages = await Promise.all([
      connectMessage({ token, name: 'J' }, { ref }),
      connectMessage({ token, name: 'J' }, { ref }),
    ]);
    const results = await Promise.all(messages.map((jws) => postConnect(jws)));
    expect(results.map((r) => r.status).sort()).toEqual(['accepted', 'rejected']);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ code: 'forbidden' });
    // The accepted connect is kept as it came, its ref included.
    const accepted = results.find((r) => r.status === 'accepted')!;
    const kept = await host.deps.store.read((tx) => tx.inbox.find(joiner.url, accepted.id));
    expect(kept?.ref).toBe(ref);
  });

  it('answers id_conflict, not 503, when two connects under one id race with other content', async () => {
    const [first, second] = [await invite(), await invite()];
    const id = newMessageId();
    const messages = await Promise.all([
      connectMessage({ token: first, name: 'J' }, { id }),
      connectMessage({ token: second, name: 'J2' }, { id }),
    ]);
    // Both pass the early look for the id before either is stored.
    const results = await Promise.all(messages.map((jws) => postConnect(jws)));
    const statuses = results.map((r) => (r.status === 'rejected' ? r.code : r.status));
    expect(statuses.sort()).toEqual(['accepted', 'id_conflict']);
    const open = [await invitationOpen(first), await invitationOpen(second)];
    expect(open.sort()).toEqual([false, true]);
  });
});

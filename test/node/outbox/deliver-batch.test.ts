/**
 * How a sending node settles each kind of answer to a delivery, against a scripted partner over
 * real HTTP: a verified receipt is a delivery and nothing else is; a 4xx is the partner's final
 * word on a single message, while a refused batch is searched for its culprit; a message larger
 * than the partner accepts is dead-lettered without holding up the ones behind it; a receipt
 * under a key the sender has not seen yet is checked again after one refetch of the partner's keys.
 */
import { describe, expect, it } from 'vitest';
import { createTestNode, eventually, ManualClock } from '../../support/test-node.ts';
import { useScriptedSender } from '../../support/scripted-sender.ts';
import { enqueueUpdates, outboxRow } from '../../faults/support/partners.ts';
import { sample, scrapeMetrics } from '../../support/metrics-sample.ts';

const DAY = 24 * 3600_000;

describe('outbox › deliver-batch', () => {
  const s = useScriptedSender();

  it('delivers a message whose receipt verifies, and keeps the receipt', async () => {
    const [row] = await enqueueUpdates(s.sender, s.partner, ['hello']);
    const done = await s.settled(row!.messageId);
    expect(done).toMatchObject({ status: 'delivered', resultStatus: 'accepted' });
    expect(done.receipt).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  describe('a receipt that does not verify is not a delivery', () => {
    const bad: Array<[string, (receipt: string) => string]> = [
      ['garbage', () => 'not a receipt'],
      ['an unsigned copy of a valid receipt', (r) => `${r.split('.')[0]}.${r.split('.')[1]}.`],
      [
        'a digest differing in one character',
        (r) => {
          const [h, p, s] = r.split('.') as [string, string, string];
          const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
          const last = payload.digest.at(-1) === 'A' ? 'B' : 'A';
          payload.digest = `${payload.digest.slice(0, -1)}${last}`;
          return `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
        },
      ],
    ];
    for (const [name, spoil] of bad) {
      it(`retries a message answered with ${name}`, async () => {
        s.peer.answer = async (received) => {
          const ok = await s.peer.acceptAll(received);
          const body = ok.body as { results: Array<{ receipt: string }> };
          for (const r of body.results) r.receipt = spoil(r.receipt);
          return ok;
        };
        const [row] = await enqueueUpdates(s.sender, s.partner, [name]);
        const failed = await s.settled(row!.messageId);
        expect(failed).toMatchObject({ status: 'pending', lastErrorCode: 'bad_receipt' });
        expect(failed.receipt).toBeNull();
        // Once the partner answers properly, the same message is delivered.
        s.peer.answer = (received) => s.peer.acceptAll(received);
        const done = await s.settled(row!.messageId, 99);
        expect(done.status).toBe('delivered');
      });
    }

    it('retries a receipt signed with a key for another message (receiptFor differs)', async () => {
      s.peer.answer = async (received) => {
        const other = { ...received[0]!, message: { ...received[0]!.message, id: 'other-id' } };
        return {
          status: 200,
          body: {
            results: [
              {
                id: received[0]!.message.id,
                status: 'accepted',
                receipt: await s.peer.receiptFor(other),
              },
            ],
          },
        };
      };
      const [row] = await enqueueUpdates(s.sender, s.partner, ['swapped']);
      const failed = await s.settled(row!.messageId);
      expect(failed).toMatchObject({ status: 'pending', lastErrorCode: 'bad_receipt' });
      expect(failed.lastError).toContain('receipt mismatch');
    });
  });

  describe('HTTP answers other than 200', () => {
    it('dead-letters a single message the partner refuses with a 4xx', async () => {
      for (const status of [400, 403, 404, 422]) {
        s.peer.answer = () => ({ status, body: { error: { code: 'bad_request', message: 'no' } } });
        const [row] = await enqueueUpdates(s.sender, s.partner, [`refused ${status}`]);
        const dead = await s.settled(row!.messageId);
        expect(dead, String(status)).toMatchObject({
          status: 'dead',
          lastErrorCode: `http_${status}`,
          lastError: `the partner refused the request with HTTP ${status}`,
        });
        // Final at once: sent once, never retried.
        expect(s.peer.requests.flat().filter((id) => id === row!.messageId)).toHaveLength(1);
      }
    });

    it('retries a 408, a 429 (honouring Retry-After) and a 5xx', async () => {
      for (const status of [408, 429, 500, 503]) {
        // A partner of its own each: a waiting message holds up the ones queued behind it.
        await s.freshPeer();
        s.peer.answer = () => ({ status, headers: { 'retry-after': '120' } });
        const before = Date.now();
        const [row] = await enqueueUpdates(s.sender, s.partner, [`later ${status}`]);
        const failed = await s.settled(row!.messageId);
        expect(failed, String(status)).toMatchObject({
          status: 'pending',
          lastErrorCode: `http_${status}`,
          lastError: `the partner answered HTTP ${status}`,
        });
        // The partner asked for two minutes; the sender's own backoff would be a second.
        expect(failed.nextAttemptAt.getTime(), String(status)).toBeGreaterThanOrEqual(
          before + 119_000,
        );
      }
    });

    it('finds the one message of a batch the partner refuses, and delivers the others', async () => {
      s.peer.answer = (received) =>
        received.some((r) => (r.message.body as { name: string }).name === 'poison')
          ? { status: 400, body: { error: { code: 'bad_request', message: 'no' } } }
          : s.peer.acceptAll(received);
      const rows = await enqueueUpdates(s.sender, s.partner, ['first', 'poison', 'third']);
      const [first, poison, third] = await Promise.all(
        rows.map((r) => s.settled(r.messageId, 99, 15_000)),
      );
      expect(first).toMatchObject({ status: 'delivered' });
      expect(third).toMatchObject({ status: 'delivered' });
      expect(poison).toMatchObject({ status: 'dead', lastErrorCode: 'http_400' });
      // The whole batch went first; the refusal then sent them one at a time.
      // One request for the batch, then one for each of its messages: found in one pass.
      expect(s.peer.requests[0]).toEqual(rows.map((r) => r.messageId));
      expect(s.peer.requests.slice(1)).toEqual(rows.map((r) => [r.messageId]));
    });
  });

  describe('a failed request', () => {
    it('counts against the head of the batch only, and the whole batch waits as long as it', async () => {
      s.peer.answer = () => ({ status: 503, headers: { 'retry-after': '120' } });
      const rows = await enqueueUpdates(s.sender, s.partner, ['one', 'two', 'three']);
      await s.settled(rows[0]!.messageId);
      const after = await Promise.all(rows.map((r) => outboxRow(s.sender, r.messageId)));
      expect(after.map((r) => [r.status, r.attempts, r.lastErrorCode])).toEqual([
        ['pending', 1, 'http_503'],
        ['pending', 0, 'http_503'],
        ['pending', 0, 'http_503'],
      ]);
      // One request for all three, and they go again together.
      expect(s.peer.requests).toEqual([rows.map((r) => r.messageId)]);
      const at = after.map((r) => r.nextAttemptAt.getTime());
      expect(new Set(at).size).toBe(1);
    });
  });

  describe('the retry horizon', () => {
    it('dead-letters a message whose 7 days have passed, naming the last error, and sends the one behind it', async () => {
      const clock = new ManualClock();
      const late = await createTestNode({ name: 'late', clock, settings: { metrics: 'public' } });
      try {
        const pinned = await s.peer.pinOn(late);
        s.peer.answer = () => ({ status: 503 });
        const [old] = await enqueueUpdates(late, pinned, ['old']);
        const failed = await eventually(async () => {
          const row = await outboxRow(late, old!.messageId);
          return row.attempts >= 1 ? row : null;
        });
        expect(failed.status).toBe('pending');

        // A millisecond before the horizon it is still tried; its next try is on the horizon.
        clock.advance(7 * DAY - 1);
        late.deps.notifyOutbox();
        const last = await eventually(async () => {
          const row = await outboxRow(late, old!.messageId);
          return row.attempts >= 2 ? row : null;
        });
        expect(last.status).toBe('pending');
        expect(last.nextAttemptAt.getTime()).toBe(old!.horizonFrom.getTime() + 7 * DAY);

        clock.advance(1);
        const [young] = await enqueueUpdates(late, pinned, ['young']);
        late.deps.notifyOutbox();
        const dead = await eventually(async () => {
          const row = await outboxRow(late, old!.messageId);
          return row.status === 'dead' ? row : null;
        });
        expect(dead.lastErrorCode).toBe('expired');
        // The node's own decision, not the partner's refusal.
        expect(dead.resultStatus).toBeNull();
        expect(dead.lastError).toContain('http_503');
        // The node gave up by itself: a dead letter in the metrics, no refusal of the partner's.
        const { text } = await scrapeMetrics(late.url);
        expect(
          sample(text, 'partner_sync_messages_out_total{kind="partner.update",status="dead"}'),
        ).toBe(1);
        const refusals = await late.deps.store.read((tx) =>
          tx.refusals.list({ unseen: false }, 100),
        );
        expect(refusals.map((r) => r.messageId)).not.toContain(old!.messageId);
        s.peer.answer = (received) => s.peer.acceptAll(received);
        clock.advance(60_000);
        late.deps.notifyOutbox();
        await eventually(async () => {
          const row = await outboxRow(late, young!.messageId);
          return row.status === 'delivered';
        });
      } finally {
        await late.stop();
      }
    });
  });

  describe('the partner’s maxBodyBytes', () => {
    it('dead-letters a message larger than the partner accepts, never sending it, and delivers the next', async () => {
      await s.freshPeer({ maxBodyBytes: 1_000 });
      const rows = await enqueueUpdates(s.sender, s.partner, ['x'.repeat(900), 'small']);
      const [big, small] = await Promise.all(rows.map((r) => s.settled(r.messageId)));
      expect(big).toMatchObject({
        status: 'dead',
        lastErrorCode: 'payload_too_large',
        lastError: 'larger than the partner accepts',
      });
      expect(small).toMatchObject({ status: 'delivered' });
      // One request, for the small one: nothing at all was sent for the batch that did not fit.
      expect(s.peer.requests).toEqual([[small!.messageId]]);
    });

    it('sends a request of exactly maxBodyBytes, and dead-letters one byte more', async () => {
      // The JWS of a partner.update is the same length for names of the same length.
      let jwsLength = 0;
      s.peer.answer = (received) => {
        jwsLength = received[0]!.jws.length;
        return s.peer.acceptAll(received);
      };
      const [probe] = await enqueueUpdates(s.sender, s.partner, ['p'.repeat(300)]);
      expect(await s.settled(probe!.messageId)).toMatchObject({ status: 'delivered' });
      // The request the partner reads: {"messages":["<jws>"]}.
      const requestBytes = `{"messages":[${JSON.stringify('x'.repeat(jwsLength))}]}`.length;

      s.partner = await s.peer.pinOn(s.sender, { maxBodyBytes: requestBytes });
      const [exact] = await enqueueUpdates(s.sender, s.partner, ['e'.repeat(300)]);
      expect(await s.settled(exact!.messageId)).toMatchObject({ status: 'delivered' });

      s.partner = await s.peer.pinOn(s.sender, { maxBodyBytes: requestBytes - 1 });
      const [over] = await enqueueUpdates(s.sender, s.partner, ['o'.repeat(300)]);
      expect(await s.settled(over!.messageId)).toMatchObject({
        status: 'dead',
        lastErrorCode: 'payload_too_large',
      });
      expect(s.peer.requests.flat()).not.toContain(over!.messageId);

      // Two of them: one request when it is exactly the limit, two requests when one byte over.
      const two = `{"messages":[${JSON.stringify('x'.repeat(jwsLength))},${JSON.stringify('x'.repeat(jwsLength))}]}`;
      for (const [limit, requests] of [
        [two.length, 1],
        [two.length - 1, 2],
      ] as const) {
        s.partner = await s.peer.pinOn(s.sender, { maxBodyBytes: limit });
        const before = s.peer.requests.length;
        const pair = await enqueueUpdates(s.sender, s.partner, ['a'.repeat(300), 'b'.repeat(300)]);
        const done = await Promise.all(pair.map((r) => s.settled(r.messageId)));
        expect(done.map((r) => r.status)).toEqual(['delivered', 'delivered']);
        expect(s.peer.requests.slice(before), String(limit)).toHaveLength(requests);
      }
    });

    it('sends messages that fit only one at a time in separate requests, in order', async () => {
      await s.freshPeer({ maxBodyBytes: 1_000 });
      const rows = await enqueueUpdates(s.sender, s.partner, ['a'.repeat(250), 'b'.repeat(250)]);
      const done = await Promise.all(rows.map((r) => s.settled(r.messageId)));
      expect(done.map((r) => r.status)).toEqual(['delivered', 'delivered']);
      // Neither attempt counts against the second message: it only waited its turn.
      expect(done[1]!.attempts).toBe(0);
      expect(s.peer.requests).toEqual(rows.map((r) => [r.messageId]));
    });
  });

  describe('receipts under a key the sender does not know yet', () => {
    it('refetches the partner’s keys once and delivers when the new key is listed', async () => {
      await s.sender.deps.store.transact((tx) =>
        tx.partners.recordKeyFetch(s.partner.id, null, new Date(0)),
      );
      const rotated = await s.peer.rotate();
      s.peer.jwks = [s.peer.jwks[0]!, rotated];
      const [row] = await enqueueUpdates(s.sender, s.partner, ['after rotation']);
      const done = await s.settled(row!.messageId);
      expect(done.status).toBe('delivered');
      const stored = await s.sender.deps.store.read((tx) => tx.partners.getById(s.partner.id));
      expect(stored?.keys.map((k) => k.kid)).toContain(rotated.kid);
    });

    it('refetches once for a batch where only some receipts are under the new key, keeping the others verified', async () => {
      await s.sender.deps.store.transact((tx) =>
        tx.partners.recordKeyFetch(s.partner.id, null, new Date(0)),
      );
      const old = s.peer.key;
      const rotated = await s.peer.rotate();
      // The partner serves only its new key now; the first receipt is still under the old one.
      s.peer.jwks = [rotated];
      s.peer.answer = async (received) => {
        const ok = await s.peer.acceptAll(received);
        s.peer.key = old;
        const first = await s.peer.receiptFor(received[0]!);
        s.peer.key = rotated;
        const body = ok.body as { results: Array<{ receipt: string }> };
        body.results[0]!.receipt = first;
        return ok;
      };
      const rows = await enqueueUpdates(s.sender, s.partner, [
        'under the old key',
        'under the new',
      ]);
      const done = await Promise.all(rows.map((r) => s.settled(r.messageId)));
      expect(done.map((r) => r.status)).toEqual(['delivered', 'delivered']);
      expect(s.peer.requests).toHaveLength(1);
      const stored = await s.sender.deps.store.read((tx) => tx.partners.getById(s.partner.id));
      expect(stored?.keys.map((k) => k.kid)).toEqual([rotated.kid]);
    });

    it('does not deliver when the refetched keys do not list the receipt’s key', async () => {
      await s.sender.deps.store.transact((tx) =>
        tx.partners.recordKeyFetch(s.partner.id, null, new Date(0)),
      );
      await s.peer.rotate(); // signs with a key its JWKS does not serve
      const [row] = await enqueueUpdates(s.sender, s.partner, ['unknown key']);
      const failed = await s.settled(row!.messageId);
      expect(failed).toMatchObject({ status: 'pending', lastErrorCode: 'bad_receipt' });
      expect(failed.lastError).toContain('receipt unknown_key');
    });
  });
});

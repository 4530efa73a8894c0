/**
 * A queued message is signed once (sign-row.ts): a row never sent is signed now, from this node to
 * its partner, with its kind, body, ref and the time of signing, and is to be stored; a row signed
 * before goes out with its stored bytes, so a retry is the same JWS a partner answers duplicate.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  digestOf,
  generateKeyPair,
  importSigningKey,
  newMessageId,
  verifyMessage,
  type GeneratedKeyPair,
  type SigningKey,
} from '../../../protocol/index.ts';
import { signRow } from '../../../node/outbox/sign-row.ts';
import type { OutboundMessage } from '../../../node/store/types.ts';

const FROM = 'https://vendor.example';
const TO = 'https://reseller.example';
const NOW = new Date('2026-12-07T10:00:00.000Z');

function queuedRow(overrides: Partial<OutboundMessage> = {}): OutboundMessage {
  return {
    seq: 7,
    messageId: newMessageId(),
    partnerId: 1,
    toNodeId: TO,
    kind: 'lead.progress',
    ref: null,
    body: { leadId: 'lead-5', stage: 'qualified' },
    createdAt: NOW,
    jws: null,
    digest: null,
    sentAt: null,
    status: 'in_flight',
    attempts: 0,
    nextAttemptAt: NOW,
    horizonFrom: NOW,
    leaseUntil: null,
    lastErrorCode: null,
    lastError: null,
    resultStatus: null,
    receipt: null,
    deliveredAt: null,
    deadAt: null,
    ...overrides,
  };
}

function payloadOf(jws: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jws.split('.')[1]!, 'base64url').toString('utf8'));
}

describe('outbox › sign-row', () => {
  let pair: GeneratedKeyPair;
  let key: SigningKey;

  beforeAll(async () => {
    pair = await generateKeyPair();
    key = await importSigningKey(pair.privateJwk);
  });

  it('signs a row never sent: from this node, to the partner, its kind, body and ref, at now', async () => {
    const row = queuedRow({ ref: 'msg-the-offer' });
    const signed = await signRow(row, { nodeId: FROM, key, now: NOW });
    expect(signed.fresh).toBe(true);
    expect(signed.row).toBe(row);
    expect(signed.digest).toBe(digestOf(signed.jws));
    const checked = await verifyMessage(signed.jws, {
      self: TO,
      now: NOW,
      keysFor: async (from) => (from === FROM ? [pair.publicJwk] : null),
    });
    expect(checked).toMatchObject({ ok: true });
    expect(payloadOf(signed.jws)).toEqual({
      v: 1,
      id: row.messageId,
      kind: 'lead.progress',
      from: FROM,
      to: TO,
      sentAt: NOW.toISOString(),
      ref: 'msg-the-offer',
      body: row.body,
    });
  });

  it('leaves out ref when the row has none', async () => {
    const signed = await signRow(queuedRow(), { nodeId: FROM, key, now: NOW });
    expect(payloadOf(signed.jws)).not.toHaveProperty('ref');
  });

  it('sends a row signed before with its stored bytes, not signed again', async () => {
    const first = await signRow(queuedRow(), { nodeId: FROM, key, now: NOW });
    const stored = queuedRow({ ...first.row, jws: first.jws, digest: first.digest });
    const later = new Date(NOW.getTime() + 3600_000);
    const again = await signRow(stored, { nodeId: FROM, key, now: later });
    expect(again).toEqual({ row: stored, jws: first.jws, digest: first.digest, fresh: false });
  });
});

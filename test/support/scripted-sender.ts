/**
 * A sending node and a scripted partner pinned on it, fresh for each test (the outbox tests of
 * how a node delivers and settles). Call inside a `describe`: its hooks sit there, where
 * Stryker's vitest runner counts a failing hook as a failure (a top-level one it ignores).
 */
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { OutboundMessage, Partner } from '../../node/store/types.ts';
import { outboxRow } from '../faults/support/partners.ts';
import { startScriptedPartner, type ScriptedPartner } from './scripted-partner.ts';
import {
  createTestNode,
  eventually,
  removeTestDirs,
  type TestNode,
  type TestNodeOptions,
} from './test-node.ts';

export interface ScriptedSender {
  /** The node under test, for the whole describe. */
  sender: TestNode;
  /** This test's partner, pinned on the sender as `partner`; a test may replace both. */
  peer: ScriptedPartner;
  partner: Partner;
  /**
   * A new scripted partner in place of this test's, pinned with these endpoint limits: a message
   * waiting for the old one would hold up those queued behind it.
   */
  freshPeer(endpoint?: { maxBodyBytes?: number; maxBatch?: number }): Promise<void>;
  /** Waits until the row is delivered or dead, or has failed at least `attempts` times. */
  settled(messageId: string, attempts?: number, timeoutMs?: number): Promise<OutboundMessage>;
}

export function useScriptedSender(options: TestNodeOptions = { name: 'sender' }): ScriptedSender {
  const s = {
    async freshPeer(endpoint = {}) {
      await s.peer.close();
      s.peer = await startScriptedPartner();
      s.partner = await s.peer.pinOn(s.sender, endpoint);
    },
    settled(messageId, attempts = 1, timeoutMs = 8_000) {
      return eventually(async () => {
        const row = await outboxRow(s.sender, messageId);
        if (row.status === 'delivered' || row.status === 'dead') return row;
        return row.attempts >= attempts && row.lastErrorCode ? row : null;
      }, timeoutMs);
    },
  } as ScriptedSender;

  beforeAll(async () => {
    s.sender = await createTestNode(options);
  });

  afterAll(async () => {
    await s.sender?.stop();
    await removeTestDirs();
  });

  beforeEach(async () => {
    s.peer = await startScriptedPartner();
    s.partner = await s.peer.pinOn(s.sender);
  });

  afterEach(async () => {
    await s.peer?.close();
  });

  return s;
}

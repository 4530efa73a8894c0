/**
 * node/handlers/lazy-registry.ts: a domain kind's handler asked for before the domains' code is
 * loaded waits for it and answers as the loaded handler does, against a real store.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMessage, newMessageId } from '../../../protocol/index.ts';
import type { HandlerContext } from '../../../node/handlers/handler.ts';
import { createLazyHandlerRegistry } from '../../../node/handlers/lazy-registry.ts';
import { createHandlerRegistry, defaultHandlers } from '../../../node/handlers/registry.ts';
import { createSqliteStore } from '../../../node/store/sqlite/sqlite-store.ts';
import type { Store } from '../../../node/store/store.ts';
import type { Partner } from '../../../node/store/types.ts';

let dir = '';
let store: Store;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lazy-registry-'));
  store = createSqliteStore(join(dir, 'db.sqlite'));
});

afterAll(async () => {
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

function withdrawing(recordKind: string): HandlerContext {
  const now = new Date('2026-01-01T00:00:00Z');
  return {
    message: buildMessage({
      id: newMessageId(),
      kind: 'record.withdraw',
      from: 'https://partner.example',
      to: 'https://self.example',
      sentAt: now,
      body: { recordKind, recordId: '0193a3f0-7c1e-7b52-9d1a-3f2b6c9e4a10', reason: 'test' },
    }),
    jws: '',
    partner: { id: 1, nodeId: 'https://partner.example' } as Partner,
    self: 'https://self.example',
    now,
    limits: {
      cashSaleBackdateMs: 0,
      resyncsPerHour: 1,
      maxPartsPerVersion: 1,
      maxProofBytesPerClaim: 1,
    },
  };
}

describe('createLazyHandlerRegistry', () => {
  it('gives the partner.* handlers at once, and a domain kind a stand-in that answers as the loaded handler', async () => {
    const lazy = createLazyHandlerRegistry();
    const full = createHandlerRegistry(defaultHandlers());
    expect(lazy.get('partner.update')).toBe(full.get('partner.update'));

    const standIn = lazy.get('record.withdraw')!;
    expect(standIn.kind).toBe('record.withdraw');
    for (const recordKind of ['lead', 'no-such-kind']) {
      const ctx = withdrawing(recordKind);
      const [viaStandIn, direct] = await store.transact(async (tx) => [
        await standIn.authorize(ctx, tx),
        await full.get('record.withdraw')!.authorize(ctx, tx),
      ]);
      expect(viaStandIn, recordKind).toEqual(direct);
      expect(viaStandIn.ok, recordKind).toBe(false);
    }
    // Once loaded, the registry gives the loaded handler itself.
    expect(lazy.get('record.withdraw')).not.toBe(standIn);
  });

  it('says what is still to load: a domain kind until the domains are loaded, never a partner.* or unknown kind', async () => {
    const lazy = createLazyHandlerRegistry();
    expect(lazy.loading?.('partner.update')).toBeUndefined();
    expect(lazy.loading?.('no.such-kind')).toBeUndefined();
    const loading = lazy.loading?.('lead.offer');
    expect(loading).toBeInstanceOf(Promise);
    await loading;
    expect(lazy.loading?.('lead.offer')).toBeUndefined();
    // Loaded: the registry gives the loaded handler, not a stand-in.
    expect(lazy.get('lead.offer')).toBe(createHandlerRegistry(defaultHandlers()).get('lead.offer'));
  });
});

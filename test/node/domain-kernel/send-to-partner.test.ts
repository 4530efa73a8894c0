/**
 * The domains' one way to send: a body that fails its schema is a 400 naming the field, a removed
 * partner is a 409, and nothing is queued by either; a good message is queued in the caller's
 * unit of work. Run against a real SQLite store.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getDefaultSchemaRegistry } from '../../../protocol/index.ts';
import { fieldOfPointer } from '../../../node/domain-kernel/field-of-pointer.ts';
import { NOT_SHARED } from '../../../node/domain-kernel/outcomes.ts';
import { sendToPartner } from '../../../node/domain-kernel/send-to-partner.ts';
import { sendWithdraw } from '../../../node/domain-kernel/send-withdraw.ts';
import { AppError } from '../../../node/errors.ts';
import { createSqliteStore } from '../../../node/store/sqlite/sqlite-store.ts';
import type { Store } from '../../../node/store/store.ts';
import type { Partner } from '../../../node/store/types.ts';
import { saveTestPartner } from '../../support/partner-row.ts';

const schemas = getDefaultSchemaRegistry();
const NOW = new Date('2026-03-01T12:00:00Z');
let dir: string;
let store: Store;
let partner: Partner;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'send-to-partner-'));
  store = createSqliteStore(join(dir, 'db.sqlite'));
  partner = await saveTestPartner(store, 'https://partner.example');
});

afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const queued = () =>
  store.read((tx) => tx.outbox.listStored({ partnerId: partner.id }, { limit: 10 }));

async function refusal(run: () => Promise<unknown>): Promise<AppError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('domain-kernel', () => {
  describe('fieldOfPointer', () => {
    it('names a field as the admin API does, without the record wrapper', () => {
      expect(fieldOfPointer('/lines/3/qty')).toBe('lines[3].qty');
      expect(fieldOfPointer('/order/shipTo/country', 'order')).toBe('shipTo.country');
      expect(fieldOfPointer('/request/subject', 'request')).toBe('subject');
      expect(fieldOfPointer('/deal', 'deal')).toBe('deal');
      expect(fieldOfPointer('/')).toBe('body');
      expect(fieldOfPointer('/a~1b/c~0d')).toBe('a/b.c~d');
    });
  });

  describe('sendToPartner', () => {
    it('queues a valid message in the unit of work and returns its id', async () => {
      const body = { recordKind: 'lead', recordId: 'L-1', reason: 'closed' };
      const id = await store.transact((tx) =>
        sendToPartner(tx, schemas, partner, { kind: 'record.withdraw', body, ref: 'M-0' }, NOW),
      );
      const rows = await queued();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        messageId: id,
        kind: 'record.withdraw',
        body,
        ref: 'M-0',
        toNodeId: 'https://partner.example',
      });
    });

    it('refuses a body that fails its schema with a 400 naming the field; nothing is queued', async () => {
      const error = await refusal(() =>
        store.transact((tx) =>
          sendToPartner(
            tx,
            schemas,
            partner,
            { kind: 'service.update', body: { requestId: 'R-1', status: 'nonsense' } },
            NOW,
          ),
        ),
      );
      expect(error).toMatchObject({ status: 400, code: 'invalid_field' });
      expect(await queued()).toEqual([]);
    });

    it('refuses a removed partner with 409 partner_removed; nothing is queued', async () => {
      await store.transact((tx) => tx.partners.setStatus(partner.id, 'removed', NOW));
      const removed = (await store.read((tx) => tx.partners.getById(partner.id)))!;
      const error = await refusal(() =>
        store.transact((tx) =>
          sendWithdraw(
            tx,
            schemas,
            removed,
            { recordKind: 'lead', recordId: 'L', reason: 'x' },
            NOW,
          ),
        ),
      );
      expect(error).toMatchObject({ status: 409, code: 'partner_removed' });
      expect(await queued()).toEqual([]);
    });
  });

  describe('sendWithdraw', () => {
    it('names the reason, the one field an operator wrote, when the body fails', async () => {
      const error = await refusal(() =>
        store.transact((tx) =>
          sendWithdraw(
            tx,
            schemas,
            partner,
            { recordKind: 'lead', recordId: 'L-1', reason: 'x'.repeat(100_000) },
            NOW,
          ),
        ),
      );
      expect(error).toMatchObject({ status: 400, code: 'invalid_field', field: 'reason' });
    });
  });

  it('answers every "not shared" case with one code and one text', () => {
    expect(NOT_SHARED).toEqual({
      ok: false,
      code: 'forbidden',
      detail: 'no such record is shared with the sender, or the sender may not change it',
    });
  });
});

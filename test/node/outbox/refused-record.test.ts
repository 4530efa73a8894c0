/**
 * Which record a refused message was about, so the refusal shows on that record: the record's
 * kind and shared id from the message's kind and body, and none for a message about no record or
 * a body that does not name one.
 */
import { describe, expect, it } from 'vitest';
import { recordOf } from '../../../node/outbox/refused-record.ts';

describe('outbox › refused-record', () => {
  it('reads the id from the nested record of a kind that carries it whole', () => {
    expect(recordOf('deal.register', { deal: { id: 'd-1', name: 'x' } })).toEqual({
      recordKind: 'deal',
      recordId: 'd-1',
    });
    expect(recordOf('order.place', { order: { id: 'o-1' } })).toEqual({
      recordKind: 'order',
      recordId: 'o-1',
    });
  });

  it('reads the id from the field of a kind that names its record', () => {
    expect(recordOf('deal.decision', { dealId: 'd-2', decision: 'approved' })).toEqual({
      recordKind: 'deal',
      recordId: 'd-2',
    });
    expect(recordOf('catalog.push', { catalogId: 'c-1' })).toEqual({
      recordKind: 'product',
      recordId: 'c-1',
    });
  });

  it('keeps a withdrawal with the kind of the record withdrawn', () => {
    expect(recordOf('record.withdraw', { recordKind: 'lead', recordId: 'l-1' })).toEqual({
      recordKind: 'lead',
      recordId: 'l-1',
    });
    expect(recordOf('record.withdraw', { recordKind: '', recordId: 'l-1' })).toBeNull();
    expect(recordOf('record.withdraw', { recordKind: 7, recordId: 'l-1' })).toBeNull();
  });

  it('is none for a kind about no record, a body that is not an object, or no usable id', () => {
    expect(recordOf('partner.update', { name: 'x' })).toBeNull();
    expect(recordOf('no.such.kind', { id: 'x' })).toBeNull();
    expect(recordOf('deal.decision', null)).toBeNull();
    expect(recordOf('deal.decision', 'd-2')).toBeNull();
    expect(recordOf('deal.decision', {})).toBeNull();
    expect(recordOf('deal.decision', { dealId: '' })).toBeNull();
    expect(recordOf('deal.decision', { dealId: 12 })).toBeNull();
    expect(recordOf('deal.register', { deal: null })).toBeNull();
  });
});

import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { getDefaultSchemaRegistry } from '../../protocol/index.ts';
import { DECISION_STATUSES } from '../../node/service/input.ts';
import {
  REQUEST_CATEGORIES,
  REQUEST_PRIORITIES,
  REQUEST_STATUSES,
} from '../../node/store/service-store.ts';

const schema = async (kind: string) =>
  JSON.parse(await readFile(new URL(`../../schemas/${kind}.schema.json`, import.meta.url), 'utf8'));

describe('service/schemas', () => {
  it('keeps the schema enums in step with the TypeScript constants', async () => {
    const request = (await schema('service.request')).properties.request.properties;
    expect(request.category.enum).toEqual([...REQUEST_CATEGORIES]);
    expect(request.priority.enum).toEqual([...REQUEST_PRIORITIES]);
    expect((await schema('service.update')).properties.status.enum).toEqual([...REQUEST_STATUSES]);
    expect((await schema('warranty.decision')).properties.status.enum).toEqual(DECISION_STATUSES);
  });

  it('requires the approved amount exactly with approved and partial, a reason with the others', () => {
    const registry = getDefaultSchemaRegistry();
    const base = { claimId: 'c1', claimVersion: 1, version: 1 };
    const valid = (body: object) => registry.validateBody('warranty.decision', body).ok;
    expect(valid({ ...base, status: 'partial', approvedAmount: '1.50' })).toBe(true);
    expect(valid({ ...base, status: 'approved' })).toBe(false);
    expect(valid({ ...base, status: 'approved', approvedAmount: 12 })).toBe(false);
    expect(valid({ ...base, status: 'rejected', reason: 'x', approvedAmount: '1' })).toBe(false);
    expect(valid({ ...base, status: 'more_info' })).toBe(false);
    expect(valid({ ...base, status: 'more_info', reason: 'the invoice' })).toBe(true);
  });

  it('bounds a service.update: comment size, unknown fields, a stamp in UTC', () => {
    const registry = getDefaultSchemaRegistry();
    const base = {
      requestId: 'r1',
      status: 'open',
      version: 1,
      changedAt: '2027-01-31T17:00:00.000Z',
    };
    const check = (body: object) => registry.validateBody('service.update', body);
    expect(check(base)).toEqual({ ok: true });
    expect(check({ ...base, comment: { id: 'c', text: 'x'.repeat(5001) } })).toMatchObject({
      ok: false,
      pointer: '/comment/text',
    });
    expect(check({ ...base, visibility: 'internal' })).toMatchObject({ ok: false });
    expect(check({ ...base, changedAt: '2027-01-31T18:00:00+01:00' })).toMatchObject({
      ok: false,
      pointer: '/changedAt',
    });
  });
});

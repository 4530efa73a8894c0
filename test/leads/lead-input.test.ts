import { describe, expect, it } from 'vitest';
import { getDefaultSchemaRegistry } from '../../protocol/index.ts';
import { AppError } from '../../node/errors.ts';
import { parseDecline, parseProgress } from '../../node/leads/answer-input.ts';
import { parseCreateLead, parseLeadUpdate } from '../../node/leads/lead-input.ts';

const schemas = getDefaultSchemaRegistry();
const now = new Date('2027-01-01T12:00:00Z');
const valid = {
  company: 'Globex',
  contact: { name: 'Dana' },
  region: 'EMEA',
  interest: ['router'],
  source: 'web',
};

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError && error.code === 'invalid_field') return error.field;
    throw error;
  }
  return undefined;
}

describe('leads › admin input', () => {
  it('names the failing field of a lead, nested ones with dots', () => {
    expect(fieldOf(() => parseCreateLead(schemas, valid))).toBeUndefined();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...valid, company: undefined }, 'company'],
      [{ ...valid, contact: { name: 'D', email: 'nope' } }, 'contact.email'],
      [{ ...valid, contact: {} }, 'contact.name'],
      [{ ...valid, interest: [] }, 'interest'],
      [{ ...valid, interest: ['x'.repeat(101)] }, 'interest'],
      [{ ...valid, estimatedValue: '12' }, 'currency'],
      [{ ...valid, estimatedValue: '1e5', currency: 'EUR' }, 'estimatedValue'],
      [{ ...valid, domain: 'not a domain' }, 'domain'],
      [{ ...valid, colour: 'red' }, 'colour'],
      [{ ...valid, route: 'yes' }, 'route'],
      [{ ...valid, offerHours: 0 }, 'offerHours'],
    ];
    for (const [input, field] of cases) {
      expect(
        fieldOf(() => parseCreateLead(schemas, input)),
        JSON.stringify(input),
      ).toBe(field);
    }
  });

  it('reduces a website to its domain, and gives a lead an id', () => {
    const { core, route } = parseCreateLead(schemas, {
      ...valid,
      domain: 'https://www.Globex.example/about',
    });
    expect(core.domain).toBe('globex.example');
    expect(core.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(route).toBe(false);
  });

  it('merges an update over the current fields; null clears an optional one', () => {
    const { core } = parseCreateLead(schemas, { ...valid, notes: 'old', id: 'L' });
    expect(parseLeadUpdate(schemas, core, { notes: null, region: 'APAC' })).toEqual({
      ...core,
      region: 'APAC',
      notes: undefined,
    });
    expect(fieldOf(() => parseLeadUpdate(schemas, core, { id: 'other' }))).toBe('id');
  });

  it('checks answers against their message schemas', () => {
    expect(fieldOf(() => parseDecline(schemas, {}))).toBe('reasonCode');
    expect(fieldOf(() => parseDecline(schemas, { reasonCode: 'bored' }))).toBe('reasonCode');
    expect(parseProgress(schemas, { stage: 'won', amount: '10.50' }, now)).toEqual({
      stage: 'won',
      amount: '10.50',
      lastActivityAt: now,
    });
    expect(fieldOf(() => parseProgress(schemas, { stage: 'done' }, now))).toBe('stage');
    expect(fieldOf(() => parseProgress(schemas, { stage: 'won', amount: '-1' }, now))).toBe(
      'amount',
    );
    expect(fieldOf(() => parseProgress(schemas, { stage: 'won', currency: 'EUR' }, now))).toBe(
      'currency',
    );
    const future = new Date(now.getTime() + 3_600_000).toISOString();
    expect(
      fieldOf(() => parseProgress(schemas, { stage: 'won', lastActivityAt: future }, now)),
    ).toBe('lastActivityAt');
  });
});

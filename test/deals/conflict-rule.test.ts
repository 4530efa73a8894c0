import { describe, expect, it } from 'vitest';
import {
  conflictBetween,
  customerKey,
  productKey,
  sameCustomer,
  sharedProducts,
} from '../../node/deals/conflict-rule.ts';
import { DEAL_CONFLICT_REASON } from '../../node/deals/find-conflicts.ts';

const key = (name: string, country: string, domain?: string | null) =>
  customerKey({ name, country, domain: domain ?? null });

describe('deals › conflict rule', () => {
  describe('sameCustomer', () => {
    it('matches names that differ only in case, accents, punctuation and legal form', () => {
      const cases: Array<[string, string]> = [
        ['ACME GmbH', 'acme'],
        ['Acme Corp.', 'ACME Corporation'],
        ['Müller & Co. KG', 'Muller'],
        ['The Globex Company, Inc.', 'globex'],
        ['Initech  Ltd', 'initech limited'],
        ['Société Générale SA', 'societe generale'],
      ];
      for (const [a, b] of cases) {
        expect(sameCustomer(key(a, 'DE'), key(b, 'DE')), `${a} ~ ${b}`).toBe(true);
      }
    });

    it('keeps names apart that differ in a real word', () => {
      expect(sameCustomer(key('Acme Robotics GmbH', 'DE'), key('Acme GmbH', 'DE'))).toBe(false);
      expect(sameCustomer(key('Globex East', 'US'), key('Globex West', 'US'))).toBe(false);
    });

    it('needs the same country for a name match', () => {
      expect(sameCustomer(key('Acme GmbH', 'DE'), key('Acme Inc', 'US'))).toBe(false);
      expect(sameCustomer(key('Acme', 'de'), key('ACME', 'DE'))).toBe(true);
    });

    it('matches by domain across names and countries', () => {
      expect(
        sameCustomer(
          key('Acme Deutschland GmbH', 'DE', 'acme.example'),
          key('Acme France SARL', 'FR', 'https://www.ACME.example/contact'),
        ),
      ).toBe(true);
      expect(
        sameCustomer(key('Acme', 'DE', 'sales@acme.example'), key('Other', 'FR', 'acme.example')),
      ).toBe(true);
    });

    it('does not match two customers without a domain by the missing domain', () => {
      expect(sameCustomer(key('Acme', 'DE'), key('Globex', 'DE'))).toBe(false);
      expect(sameCustomer(key('Acme', 'DE', 'acme.example'), key('Globex', 'DE'))).toBe(false);
      expect(
        sameCustomer(key('Acme', 'DE', 'acme.example'), key('Globex', 'DE', 'globex.example')),
      ).toBe(false);
    });

    it('never matches a name that normalizes to nothing', () => {
      expect(key('The GmbH & Co. KG', 'DE').normalizedName).toBe('');
      expect(sameCustomer(key('The GmbH', 'DE'), key('GmbH & Co', 'DE'))).toBe(false);
    });
  });

  describe('products', () => {
    it('compares product ids trimmed and case-insensitively', () => {
      expect(productKey(' net-switch-48 ')).toBe('NET-SWITCH-48');
      expect(sharedProducts(['net-switch-48', 'AP-1'], ['NET-SWITCH-48', 'FW-9'])).toEqual([
        'net-switch-48',
      ]);
      expect(sharedProducts(['A', 'B'], ['C'])).toEqual([]);
    });
  });

  describe('conflictBetween', () => {
    const acme = { name: 'ACME GmbH', country: 'DE', domain: 'acme.example' };
    it('is the shared products when the customer is the same', () => {
      expect(
        conflictBetween(
          { customer: acme, products: ['SW-1', 'HW-2'] },
          { customer: { name: 'Acme', country: 'DE' }, products: ['HW-2', 'HW-3'] },
        ),
      ).toEqual(['HW-2']);
    });
    it('is empty without a product in common', () => {
      expect(
        conflictBetween(
          { customer: acme, products: ['SW-1'] },
          { customer: acme, products: ['X'] },
        ),
      ).toEqual([]);
    });
    it('is empty for another customer, whatever the products', () => {
      expect(
        conflictBetween(
          { customer: acme, products: ['SW-1'] },
          { customer: { name: 'Acme', country: 'AT' }, products: ['SW-1'] },
        ),
      ).toEqual([]);
    });
  });

  describe('DEAL_CONFLICT_REASON', () => {
    it('names no product and does not say whether a registration or a lead clashed', () => {
      expect(DEAL_CONFLICT_REASON).not.toMatch(/lead|registered by|partner/i);
      expect(DEAL_CONFLICT_REASON.length).toBeLessThanOrEqual(500);
    });
  });
});

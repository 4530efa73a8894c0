/**
 * The duplicate rule of deal registration, after Siebel PRM: two registrations conflict when they
 * are for the same end customer and share at least one product. Same customer means the same
 * internet domain, or the same normalized company name in the same country ("ACME GmbH", "Acme"
 * in DE). Pure functions, so the rule is tested apart from the store that narrows candidates.
 */
import { normalizeCompanyName, normalizeDomain } from '../records/normalize-customer.ts';

export interface CustomerInput {
  name: string;
  country: string;
  domain?: string | null;
}

/** A customer as the rule compares it. */
export interface CustomerKey {
  normalizedName: string;
  country: string;
  domain: string | null;
}

export function customerKey(c: CustomerInput): CustomerKey {
  return {
    normalizedName: normalizeCompanyName(c.name),
    country: c.country.trim().toUpperCase(),
    domain: c.domain ? normalizeDomain(c.domain) : null,
  };
}

export function sameCustomer(a: CustomerKey, b: CustomerKey): boolean {
  // A domain names one company worldwide; a name only within a country ("Acme" in DE and in US
  // are usually two companies). A name that normalizes to nothing ("The GmbH") matches nothing.
  if (a.domain !== null && a.domain === b.domain) return true;
  return (
    a.normalizedName !== '' && a.normalizedName === b.normalizedName && a.country === b.country
  );
}

/**
 * How product ids compare: trimmed and case-insensitive, since partners type SKUs as they see
 * them ("net-switch-48" and "NET-SWITCH-48" are one product).
 */
export function productKey(product: string): string {
  return product.trim().toUpperCase();
}

/** The products of `a` that `b` has too, as `a` writes them, in `a`'s order. */
export function sharedProducts(a: readonly string[], b: readonly string[]): string[] {
  const inB = new Set(b.map(productKey));
  return a.filter((p) => inB.has(productKey(p)));
}

export interface RegistrationInput {
  customer: CustomerInput;
  products: readonly string[];
}

/** The products `a` shares with `b` when both are for the same customer; empty when no conflict. */
export function conflictBetween(a: RegistrationInput, b: RegistrationInput): string[] {
  if (!sameCustomer(customerKey(a.customer), customerKey(b.customer))) return [];
  return sharedProducts(a.products, b.products);
}

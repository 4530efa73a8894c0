/**
 * How a lead names its end customer for the duplicate rule of deal registration: by internet
 * domain (the lead's domain field, else its contact's e-mail domain) and by normalized company
 * name.
 */
import { normalizeCompanyName, normalizeDomain } from './normalize-customer.ts';
import type { LeadCore } from '../store/lead-store.ts';

/**
 * Mail providers anyone can use: a contact at gmail.com says nothing about the company, and
 * matching on it would make unrelated customers look like one.
 */
const FREE_MAIL_DOMAINS = new Set([
  'aol.com',
  'gmail.com',
  'gmx.at',
  'gmx.de',
  'gmx.net',
  'googlemail.com',
  'hotmail.com',
  'icloud.com',
  'live.com',
  'mail.com',
  'me.com',
  'outlook.com',
  'proton.me',
  'protonmail.com',
  't-online.de',
  'web.de',
  'yahoo.com',
  'yandex.ru',
]);

export interface CustomerKeys {
  domain: string | null;
  normalizedName: string;
}

export function customerKeysOf(
  core: Pick<LeadCore, 'company' | 'domain' | 'contact'>,
): CustomerKeys {
  return {
    domain: customerDomainOf(core),
    normalizedName: normalizeCompanyName(core.company),
  };
}

export function customerDomainOf(core: Pick<LeadCore, 'domain' | 'contact'>): string | null {
  if (core.domain !== undefined) {
    const domain = normalizeDomain(core.domain);
    if (domain) return domain;
  }
  if (core.contact.email === undefined) return null;
  const fromMail = normalizeDomain(core.contact.email);
  return fromMail && !FREE_MAIL_DOMAINS.has(fromMail) ? fromMail : null;
}

/** Products compare without case and surrounding space: "Edge-Router " is "edge-router". */
export const productKey = (product: string): string => product.trim().toLowerCase();

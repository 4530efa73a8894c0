/**
 * Normalized end-customer identity, for the duplicate rule of deal registration (same customer by
 * domain or normalized name) and for matching leads: "ACME Gmbh." and "acme" are one customer.
 */

/** Legal-form words dropped from company names before comparing them. */
const LEGAL_FORMS = new Set([
  'ab',
  'ag',
  'as',
  'bv',
  'co',
  'corp',
  'corporation',
  'company',
  'gmbh',
  'inc',
  'incorporated',
  'kg',
  'kgaa',
  'limited',
  'llc',
  'llp',
  'lp',
  'ltd',
  'nv',
  'oy',
  'plc',
  'pty',
  'sa',
  'sarl',
  'sas',
  'se',
  'spa',
  'srl',
  'ug',
  'the',
]);

/** Lower case, accents and punctuation removed, legal forms dropped: "Müller & Co. GmbH" → "muller". */
export function normalizeCompanyName(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    // Dotted abbreviations are one word: "S.A." is "sa", "G.m.b.H." is "gmbh".
    .replace(/\b((?:\p{L}\.){2,})/gu, (m) => m.replace(/\./g, ''))
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '' && !LEGAL_FORMS.has(w) && w !== 'and');
  return words.join(' ');
}

/**
 * The registrable part of a domain as written in an address, URL or e-mail: lower case, without
 * scheme, path, port, `www.` or a trailing dot. Returns null when nothing domain-like is left.
 */
export function normalizeDomain(input: string): string | null {
  let d = input.trim().toLowerCase();
  const at = d.lastIndexOf('@');
  if (at >= 0) d = d.slice(at + 1);
  d = d.replace(/^[a-z][a-z0-9+.-]*:\/\//, '').split(/[/?#:]/)[0] ?? '';
  d = d.replace(/\.$/, '').replace(/^www\./, '');
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(d) ? d : null;
}

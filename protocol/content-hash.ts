/**
 * Content hashes of catalog and price list versions.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/**
 * `"sha-256=" + base64url(SHA-256(JCS(value)))`, JCS being RFC 8785 canonical JSON. For
 * `pricelist.push` / `catalog.push`, `value` is every line (or product) of the version, sorted
 * by `sku`: sorting is the caller's. Throws `TypeError` when `value` cannot be canonicalized
 * (e.g. `undefined`, a function, a non-finite number).
 */
export function contentHash(value: unknown): string {
  let canonical: string | undefined;
  try {
    canonical = canonicalize(value);
  } catch (err) {
    throw new TypeError(`contentHash: ${(err as Error).message}`);
  }
  if (typeof canonical !== 'string') throw new TypeError('contentHash: value is not JSON');
  return 'sha-256=' + createHash('sha256').update(canonical, 'utf8').digest('base64url');
}

/** The sealing of the database's secrets: AES-256-GCM, bound to where the value is kept. */
import { describe, expect, it } from 'vitest';
import { createSecretBox, isSealed, newStorageKey } from '../../../node/identity/secret-box.ts';

describe('identity › secret box', () => {
  const box = createSecretBox(newStorageKey());

  it('seals with a fresh IV each time and opens what it sealed', () => {
    const a = box.seal('hunter2', 'smtp');
    const b = box.seal('hunter2', 'smtp');
    expect(isSealed(a)).toBe(true);
    expect(a).not.toBe(b);
    expect(a).not.toContain('hunter2');
    expect(box.open(a, 'smtp')).toBe('hunter2');
  });

  it('refuses a value changed, moved to another purpose, or sealed with another key', () => {
    const sealed = box.seal('hunter2', 'smtp');
    const [iv, data, tag] = sealed.slice('sealed:v1:'.length).split('.');
    const flipped = Buffer.from(data!, 'base64url');
    flipped[0]! ^= 1;
    expect(() =>
      box.open(`sealed:v1:${iv}.${flipped.toString('base64url')}.${tag}`, 'smtp'),
    ).toThrow();
    expect(() => box.open(sealed, 'private_jwk')).toThrow();
    expect(() => createSecretBox(newStorageKey()).open(sealed, 'smtp')).toThrow();
    // A shortened tag is not accepted either.
    expect(() => box.open(`sealed:v1:${iv}.${data}.${tag!.slice(0, 8)}`, 'smtp')).toThrow();
  });

  it('passes clear values through, and without a key keeps new ones clear but opens no sealed one', () => {
    expect(box.open('{"kty":"OKP"}', 'k')).toBe('{"kty":"OKP"}');
    const none = createSecretBox(null);
    expect(none.seal('x', 'k')).toBe('x');
    expect(() => none.open(box.seal('x', 'k'), 'k')).toThrow(/no storage key/);
  });
});

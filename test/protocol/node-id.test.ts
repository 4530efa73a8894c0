import { describe, expect, it } from 'vitest';
import { isNodeId, MAX_NODE_ID_LENGTH, nodeUrl } from '../../protocol/index.ts';

describe('node-id', () => {
  describe('isNodeId', () => {
    it('takes a normal-form http(s) base URL of up to 2048 characters', () => {
      const base = 'https://partners.acme.example/';
      const longest = base + 'p'.repeat(MAX_NODE_ID_LENGTH - base.length);
      expect(MAX_NODE_ID_LENGTH).toBe(2048);
      expect(longest).toHaveLength(2048);
      expect(isNodeId(longest)).toBe(true);
      expect(isNodeId(`${longest}p`)).toBe(false);
      expect(isNodeId('http://127.0.0.1:8080/node')).toBe(true);
    });

    it('refuses credentials, a query or a fragment, even an empty one', () => {
      for (const x of [
        'https://user@acme.example',
        'https://:pw@acme.example',
        'https://acme.example?x=1',
        'https://acme.example#top',
        'https://acme.example/path?',
        'https://acme.example/path#',
      ]) {
        expect(isNodeId(x), x).toBe(false);
      }
    });

    it('refuses other schemes, a trailing slash, and spellings that are not the normal form', () => {
      for (const x of [
        'ftp://acme.example',
        'https://acme.example/',
        'https://acme.example/node/',
        'HTTPS://acme.example',
        'https://acme.example:443',
        'https://acme.example/a/../b',
        '',
        'acme.example',
        42,
        null,
      ]) {
        expect(isNodeId(x), String(x)).toBe(false);
      }
    });
    it('answers the same for an id asked again: a refused id is not remembered as accepted', () => {
      // Ids that passed are remembered; ids that failed must fail every time, also after the
      // memo was filled past its size and emptied.
      const refused = [
        'https://acme.example/node/',
        'https://acme.example?x',
        'HTTPS://acme.example',
      ];
      for (let round = 0; round < 3; round++) {
        for (const x of refused) expect(isNodeId(x), x).toBe(false);
        expect(isNodeId('https://acme.example/node')).toBe(true);
      }
      for (let i = 0; i < 1100; i++) expect(isNodeId(`https://n${i}.example`)).toBe(true);
      for (const x of refused) expect(isNodeId(x), x).toBe(false);
      expect(isNodeId('https://n0.example')).toBe(true);
      expect(isNodeId('https://n1099.example')).toBe(true);
    });
  });

  describe('nodeUrl', () => {
    it('joins a node id and an absolute path', () => {
      expect(nodeUrl('https://acme.example', '/inbox')).toBe('https://acme.example/inbox');
      expect(nodeUrl('https://acme.example/n', '/.well-known/jwks.json')).toBe(
        'https://acme.example/n/.well-known/jwks.json',
      );
    });

    it('throws TypeError for a path without a leading slash', () => {
      expect(() => nodeUrl('https://acme.example', 'inbox')).toThrow(
        new TypeError('path must start with "/"'),
      );
      expect(() => nodeUrl('https://acme.example', '')).toThrow(TypeError);
    });
  });
});

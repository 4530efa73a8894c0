import { describe, expect, it } from 'vitest';

import { closestName } from '../../../node/config/suggest.ts';

const NAMES = ['port', 'host', 'maxBodyBytes', 'maxBatch', 'logLevel'];

describe('suggest', () => {
  it('suggests the setting a typo most likely meant', () => {
    expect(closestName('prot', NAMES)).toBe('port');
    expect(closestName('maxBodyByte', NAMES)).toBe('maxBodyBytes');
    expect(closestName('loglevel', NAMES)).toBe('logLevel');
  });

  it('matches snake_case and kebab-case spellings of a camelCase name', () => {
    expect(closestName('max_body_bytes', NAMES)).toBe('maxBodyBytes');
    expect(closestName('log-level', NAMES)).toBe('logLevel');
  });

  it('suggests nothing for an unrelated name', () => {
    expect(closestName('database', NAMES)).toBeUndefined();
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  isPartnerType,
  isRelationship,
  PARTNER_KINDS,
  PARTNER_TYPES,
  RELATIONSHIPS,
} from '../../protocol/index.ts';

const defs = JSON.parse(readFileSync('schemas/defs.schema.json', 'utf8'));

describe('partner-profile', () => {
  it('has the partner types and relationships of the schema', () => {
    expect([...PARTNER_TYPES]).toEqual(defs.$defs.partnerType.enum);
    expect([...RELATIONSHIPS]).toEqual(defs.$defs.relationship.enum);
  });

  it('names a schema for each relationship kind', () => {
    for (const kind of PARTNER_KINDS) {
      const schema = JSON.parse(readFileSync(`schemas/${kind}.schema.json`, 'utf8'));
      expect(schema.$id ?? schema.title ?? '', kind).toContain(kind);
    }
    expect([...PARTNER_KINDS]).toEqual(['partner.connect', 'partner.update', 'partner.disconnect']);
  });

  it('tells a partner type from anything else', () => {
    for (const t of PARTNER_TYPES) expect(isPartnerType(t), t).toBe(true);
    for (const other of ['', 'Reseller', 'strategic', 'partner', null, 7, ['reseller']]) {
      expect(isPartnerType(other), String(other)).toBe(false);
    }
  });

  it('tells a relationship from anything else', () => {
    for (const r of RELATIONSHIPS) expect(isRelationship(r), r).toBe(true);
    for (const other of ['', 'Strategic', 'reseller', null, 0, ['strategic']]) {
      expect(isRelationship(other), String(other)).toBe(false);
    }
  });
});

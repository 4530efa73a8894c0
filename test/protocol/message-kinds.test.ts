import { describe, expect, it } from 'vitest';
import { createSchemaRegistry, isMessageKind, MESSAGE_KINDS } from '../../protocol/index.ts';

describe('message-kinds', () => {
  it('names exactly the kinds that have a schema in schemas/', () => {
    expect([...MESSAGE_KINDS].sort()).toEqual(createSchemaRegistry().kinds());
  });

  it('knows each defined kind, and nothing else: not a well-formed unknown kind, not a non-string', () => {
    for (const kind of MESSAGE_KINDS) expect(isMessageKind(kind), kind).toBe(true);
    for (const x of [
      'lead.offered',
      'lead',
      '',
      'LEAD.OFFER',
      ['lead.offer'],
      { kind: 'lead.offer' },
      null,
    ]) {
      expect(isMessageKind(x), JSON.stringify(x)).toBe(false);
    }
  });
});

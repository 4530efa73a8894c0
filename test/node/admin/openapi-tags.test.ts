import { describe, expect, it } from 'vitest';
import { OPENAPI_DOCUMENT } from '../../../node/admin/openapi.ts';

describe('admin api › openapi tags', () => {
  it('declares every tag an operation uses', () => {
    const declared = new Set(OPENAPI_DOCUMENT.tags.map((t) => t.name));
    const used = Object.values(OPENAPI_DOCUMENT.paths).flatMap((item) =>
      Object.values(item).flatMap((op) => op?.tags ?? []),
    );
    expect(used.filter((t) => !declared.has(t))).toEqual([]);
  });
});

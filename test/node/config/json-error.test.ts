import { describe, expect, it } from 'vitest';

import { locateJsonError } from '../../../node/config/json-error.ts';

describe('json-error', () => {
  it('points at an unexpected token (which Node 20 gives no position for)', () => {
    expect(locateJsonError('{\n  "port": }\n')).toEqual({
      line: 2,
      column: 11,
      reason: "expected a value but found '}'",
    });
  });

  it('names the common hand-editing mistakes', () => {
    expect(locateJsonError('{ "port": 1, }')?.reason).toBe(
      "a comma before '}' is not allowed in JSON",
    );
    expect(locateJsonError('{\n  // note\n  "port": 1\n}')).toMatchObject({
      line: 2,
      column: 3,
      reason: 'comments are not allowed in JSON',
    });
    expect(locateJsonError("{ 'port': 1 }")?.reason).toBe(
      `expected a property name in double quotes but found "'"`,
    );
    expect(locateJsonError('{ "port": 1')?.reason).toBe(
      "expected ',' or '}' but found the end of the file",
    );
    expect(locateJsonError('{} {}')?.reason).toBe("expected the end of the file but found '{'");
  });

  it('finds nothing wrong in valid JSON', () => {
    expect(locateJsonError('{ "a": [1, -2.5e3, "x\\n\\u00e9", true, false, null, {}] }')).toBe(
      undefined,
    );
  });
});

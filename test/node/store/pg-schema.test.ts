/**
 * The PostgreSQL schema is the SQLite one translated (scripts/pg-schema.ts): a table or column
 * added on one side only fails here, with the command that brings the other up to date.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PG_SCHEMA_DIR, translatedSchema } from '../../../scripts/pg-schema.ts';

describe('db › PostgreSQL schema', () => {
  it('mirrors every SQLite schema file (npm run db:pg-schema && npm run db:pg-generate)', async () => {
    for (const [name, text] of await translatedSchema()) {
      expect(readFileSync(join(PG_SCHEMA_DIR, name), 'utf8'), name).toBe(text);
    }
  });
});

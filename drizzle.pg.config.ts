import { defineConfig } from 'drizzle-kit';

// The PostgreSQL store's schema (generated from the SQLite one by scripts/pg-schema.ts) and its
// own migrations.
export default defineConfig({
  dialect: 'postgresql',
  schema: './node/db/pg-schema',
  out: './node/db/pg-migrations',
});

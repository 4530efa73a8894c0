import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  // One file per domain; all of them make up the node's schema.
  schema: './node/db/schema',
  out: './node/db/migrations',
});

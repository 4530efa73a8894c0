import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './node/db/schema.ts',
  out: './node/db/migrations',
});

import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './functions/_lib/db/schema.ts',
  out: './functions/_lib/db/migrations',
});

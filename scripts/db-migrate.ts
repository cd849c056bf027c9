/**
 * `npm run db:migrate`: applies the SQL migrations in functions/_lib/db/migrations
 * with drizzle's migrator to the configured database (DATABASE_URL; PGlite in
 * .data/pglite when unset). Production runs this against Neon before a deploy.
 */
import { closeDb, migrateDatabase } from '../functions/_lib/db/client';
import { config } from '../functions/_lib/config';
import { logger } from '../functions/_lib/logger';

async function main(): Promise<void> {
  const { driver } = config().database;
  await migrateDatabase();
  logger.info({ driver }, 'migrations applied');
  await closeDb();
}

main().catch((error: unknown) => {
  logger.error({ err: error }, 'migration failed');
  process.exit(1);
});

/**
 * The database handle, created at module scope so that warm serverless
 * instances reuse their pool instead of reconnecting on every request.
 *
 * Three drivers give one drizzle type. Production uses the Neon WebSocket Pool,
 * because interactive transactions need it (the HTTP driver has none). Local
 * servers use node-postgres, and embedded PGlite runs when nothing is configured.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { config } from '../config';
import { logger } from '../logger';
import * as schema from './schema';

/** The one database type every module uses; a union of driver types would make `.transaction()` uncallable. */
export type Database = NodePgDatabase<typeof schema>;
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
/** A database or an open transaction: services take this so callers can compose them in one transaction. */
export type Executor = Database | Transaction;

export const MIGRATIONS_FOLDER = path.join(__dirname, 'migrations');

interface Connection {
  db: Database;
  close(): Promise<void>;
  migrate(): Promise<void>;
}

let connection: Promise<Connection> | undefined;

async function connect(): Promise<Connection> {
  const settings = config().database;

  if (settings.driver === 'neon') {
    const { Pool, neonConfig } = await import('@neondatabase/serverless');
    const { drizzle } = await import('drizzle-orm/neon-serverless');
    const { migrate } = await import('drizzle-orm/neon-serverless/migrator');
    const { default: WebSocket } = await import('ws');

    // Node 20 has no global WebSocket; Node 22+ does, but `ws` works on both.
    neonConfig.webSocketConstructor = WebSocket;
    if (settings.wsProxy) {
      // A local PostgreSQL behind a plain WebSocket-to-TCP proxy (CI): no TLS, and no
      // pipelined startup, because pipelining the password breaks SCRAM authentication.
      // A string proxy gets `?address=host:port` appended, so the proxy can tell where to connect.
      neonConfig.wsProxy = settings.wsProxy;
      neonConfig.useSecureWebSocket = false;
      neonConfig.pipelineConnect = false;
    }

    const pool = new Pool({ connectionString: settings.url, max: 5 });
    pool.on('error', (error: Error) => logger.error({ err: error }, 'neon pool error'));
    const db = drizzle({ client: pool, schema }) as unknown as Database;
    return {
      db,
      close: () => pool.end(),
      migrate: () => migrate(db as never, { migrationsFolder: MIGRATIONS_FOLDER }),
    };
  }

  if (settings.driver === 'pg') {
    const { Pool } = await import('pg');
    const { drizzle } = await import('drizzle-orm/node-postgres');
    const { migrate } = await import('drizzle-orm/node-postgres/migrator');

    const pool = new Pool({ connectionString: settings.url, max: 10 });
    pool.on('error', (error) => logger.error({ err: error }, 'pg pool error'));
    const db = drizzle({ client: pool, schema });
    return {
      db,
      close: () => pool.end(),
      migrate: () => migrate(db, { migrationsFolder: MIGRATIONS_FOLDER }),
    };
  }

  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');

  const dataDir = settings.dataDir ?? path.resolve('.data', 'pglite');
  let client: InstanceType<typeof PGlite>;
  if (dataDir.startsWith('memory://')) {
    client = new PGlite(dataDir);
  } else {
    // PGlite creates its own folder but not the ones above it, such as .data on a fresh clone.
    await mkdir(path.dirname(path.resolve(dataDir)), { recursive: true });
    client = new PGlite(path.resolve(dataDir));
  }
  await client.waitReady;
  const db = drizzle({ client, schema }) as unknown as Database;
  return {
    db,
    close: () => client.close(),
    migrate: () => migrate(db as never, { migrationsFolder: MIGRATIONS_FOLDER }),
  };
}

function openConnection(): Promise<Connection> {
  connection ??= connect().catch((error: unknown) => {
    connection = undefined;
    throw error;
  });
  return connection;
}

/** Returns the shared database handle, connecting on first use. */
export async function getDb(): Promise<Database> {
  return (await openConnection()).db;
}

/** Applies pending migrations with drizzle's migrator, the same way in dev, CI and production. */
export async function migrateDatabase(): Promise<void> {
  await (await openConnection()).migrate();
}

/** Closes the pool or embedded database; the next `getDb()` connects again. */
export async function closeDb(): Promise<void> {
  const current = connection;
  connection = undefined;
  if (current) await (await current).close();
}

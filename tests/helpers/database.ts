/**
 * A fresh database per test file: a new database on the configured
 * PostgreSQL server when DATABASE_URL is set, else an in-memory PGlite.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { startNeonWsProxy, type NeonWsProxy } from '../../scripts/dev/neon-ws-proxy';

export interface TestDatabase {
  /** Environment variables that point the app at this database. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

/** The server URL the run was started with; each file swaps DATABASE_URL for its own database. */
function baseUrl(): string | undefined {
  process.env.TEST_BASE_DATABASE_URL ??= process.env.DATABASE_URL ?? '';
  return process.env.TEST_BASE_DATABASE_URL || undefined;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const base = baseUrl();
  if (!base) {
    return { env: { DATABASE_DRIVER: 'pglite', PGLITE_DATA_DIR: 'memory://', DATABASE_URL: '' }, drop: async () => {} };
  }

  const name = `test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }

  const url = new URL(base);
  url.pathname = `/${name}`;
  const driver = process.env.DATABASE_DRIVER === 'neon' ? 'neon' : 'pg';
  const env: Record<string, string> = { DATABASE_DRIVER: driver, DATABASE_URL: url.toString() };

  let proxy: NeonWsProxy | undefined;
  if (driver === 'neon' && !process.env.NEON_WS_PROXY) {
    proxy = await startNeonWsProxy();
    env.NEON_WS_PROXY = proxy.address;
  }

  return {
    env,
    drop: async () => {
      await proxy?.close();
      const cleanup = new Client({ connectionString: base });
      await cleanup.connect();
      try {
        await cleanup.query(`drop database if exists ${name} with (force)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}

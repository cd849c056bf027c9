/**
 * The dev-only login must be off in production. The handler runs with a full
 * production configuration; the route responds before touching the database,
 * which points at a port where nothing listens.
 */
import { startDevServer, type DevServer } from '../../scripts/dev/server';

let server: DevServer;

beforeAll(async () => {
  Object.assign(process.env, {
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    DATABASE_URL: 'postgres://nobody@127.0.0.1:9/none',
    DATABASE_DRIVER: 'neon',
    UPSTASH_REDIS_REST_URL: 'http://127.0.0.1:9',
    UPSTASH_REDIS_REST_TOKEN: 'unused',
    WECHAT_APP_ID: 'wx1111111111111111',
    WECHAT_APP_SECRET: 'unused-secret',
    AUTH_TOKEN_SECRET: 'a-production-like-secret-of-forty-characters',
    BLOB_READ_WRITE_TOKEN: 'vercel_blob_rw_unused',
    CRON_SECRET: 'unused-cron-secret',
  });
  server = await startDevServer({ port: 0 });
});

afterAll(async () => {
  await server?.close();
});

test('dev login is off in production', async () => {
  const response = await fetch(`${server.url}/api/v1/auth/dev-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId: '00000000-0000-4000-8000-000000000001' }),
  });
  const body = await response.json();
  expect(response.status).toBe(404);
  expect(body.error.code).toBe('DEV_LOGIN_DISABLED');
});

test('demo user list is off in production', async () => {
  const response = await fetch(`${server.url}/api/v1/auth/dev-users`);
  expect(response.status).toBe(404);
});

/**
 * Redis down: the business write still succeeds, the inbox still gets its
 * message, and the WeChat message (whose access token lives in Redis) goes
 * out once Redis is back.
 */
import type { ShopDetail } from '../../shared/contracts/shops';
import { startTestApp, type TestApp } from '../helpers/app';

let app: TestApp;
let workingRedisUrl: string;

beforeAll(async () => {
  app = await startTestApp();
  workingRedisUrl = process.env.UPSTASH_REDIS_REST_URL!;
}, 60000);

afterAll(async () => {
  await app?.close();
});

/** Points the app's Redis client at an address where nothing listens, or back at the bridge. */
async function setRedis(url: string) {
  process.env.UPSTASH_REDIS_REST_URL = url;
  const { resetConfigForTests } = await import('../../functions/_lib/config');
  const { resetRedisForTests } = await import('../../functions/_lib/redis/client');
  const { resetLimitersForTests } = await import('../../functions/_lib/redis/ratelimit');
  resetConfigForTests();
  resetRedisForTests();
  resetLimitersForTests();
}

test('owner binding survives a Redis outage', async () => {
  const admin = (await app.loginAs('admin')).accessToken;
  const login = await app.request('POST', '/api/v1/auth/wechat', { json: { code: 'fake-code:outage-owner:1' } });
  const owner = { token: login.body.accessToken as string, id: login.body.user.id as string };
  await app.request('POST', '/api/v1/notifications/consents', {
    token: owner.token,
    json: { results: { 'local-template-shop-owner-bound': 'accept' } },
  });
  const shop = (await app.request<ShopDetail>('GET', '/api/v1/shops/by-code/JY04')).body;

  await setRedis('http://127.0.0.1:9');
  const bound = await app.request('POST', `/api/v1/shops/${shop.id}/owners`, {
    token: admin,
    json: { userId: owner.id },
  });
  expect(bound.status).toBe(201);

  const { settleDeliveries } = await import('../../functions/_lib/notifications/outbox');
  await settleDeliveries();
  const inbox = await app.request('GET', '/api/v1/notifications/inbox', { token: owner.token });
  expect(inbox.body.messages).toHaveLength(1);

  const { getDb } = await import('../../functions/_lib/db/client');
  const schema = await import('../../functions/_lib/db/schema');
  const { eq, sql } = await import('drizzle-orm');
  const db = await getDb();
  const subscribe = async () =>
    (
      await db.select().from(schema.notificationDeliveries).where(eq(schema.notificationDeliveries.userId, owner.id))
    ).find((row) => row.channel === 'subscribe')!;
  expect((await subscribe()).status).toBe('retrying');

  await setRedis(workingRedisUrl);
  await db
    .update(schema.notificationDeliveries)
    .set({ nextAttemptAt: sql`now() - interval '1 second'` })
    .where(eq(schema.notificationDeliveries.userId, owner.id));
  const cron = await app.request('GET', '/api/v1/notifications/deliver', { token: 'local-dev-cron-secret' });
  expect(cron.body.sent).toBe(1);
  expect((await subscribe()).status).toBe('sent');
}, 30000);

/**
 * Starts the local stand-ins for production services in this process: the
 * WeChat fake and the Upstash-protocol Redis bridge. It then points the
 * configuration at them, migrates and seeds the database. `npm run dev`, the
 * benchmarks and the tests all start the product through here.
 */
import { startRedisBridge } from '../redis-bridge/bridge';
import { startWechatFake, type WechatFake } from '../wechat-fake/fake';

export const LOCAL_APP_ID = 'wx0000000000000000';
export const LOCAL_APP_SECRET = 'local-dev-secret';
export const LOCAL_REDIS_TOKEN = 'local-dev-token';

export interface StackOptions {
  wechatPort?: number;
  redisPort?: number;
  /** Seeds the 金元街 demo street, shops and users besides the division codes. */
  demo?: boolean;
  /** Base URL the API is reachable at, for links to stored files. */
  publicBaseUrl?: string;
}

export interface Stack {
  wechat: WechatFake;
  redis: { url: string; token: string; backend: string };
  close(): Promise<void>;
}

/**
 * Starts the fakes and sets the environment for them. Must run before anything
 * imports the functions' modules, because configuration is read once.
 */
export async function startServices(options: StackOptions = {}): Promise<Stack> {
  const wechat = await startWechatFake({
    port: options.wechatPort ?? 0,
    appId: process.env.WECHAT_APP_ID || LOCAL_APP_ID,
    appSecret: process.env.WECHAT_APP_SECRET || LOCAL_APP_SECRET,
  });
  const backend = process.env.REDIS_BRIDGE_BACKEND;
  const redis = await startRedisBridge({
    port: options.redisPort ?? 0,
    token: LOCAL_REDIS_TOKEN,
    redisUrl: process.env.REDIS_URL || undefined,
    // 'embedded' runs on the in-memory store even where a redis-server responds, as on a machine without one.
    backend: backend === 'embedded' || backend === 'redis' ? backend : 'auto',
  });

  process.env.WECHAT_API_BASE = wechat.url;
  process.env.UPSTASH_REDIS_REST_URL = redis.url;
  process.env.UPSTASH_REDIS_REST_TOKEN = redis.token;
  if (options.publicBaseUrl) process.env.PUBLIC_BASE_URL = options.publicBaseUrl;

  return {
    wechat,
    redis: { url: redis.url, token: redis.token, backend: redis.backend },
    close: async () => {
      await Promise.allSettled([wechat.close(), redis.close()]);
    },
  };
}

/** Applies migrations and seeds; returns whether demo rows were written this time. */
export async function prepareDatabase(options: { demo: boolean }): Promise<{ regions: number; demoSeeded: boolean }> {
  const { getDb, migrateDatabase } = await import('../../functions/_lib/db/client');
  const { seedDemo, seedRegions } = await import('../../functions/_lib/seed/seed');
  const { getStorage } = await import('../../functions/_lib/storage/storage');
  const { logger } = await import('../../functions/_lib/logger');

  await migrateDatabase();
  const db = await getDb();
  const regions = await seedRegions(db);
  const demoSeeded = options.demo ? await seedDemo(db, getStorage(), logger) : false;
  return { regions, demoSeeded };
}

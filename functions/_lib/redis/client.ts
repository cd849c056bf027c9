/**
 * The Upstash Redis client, created at module scope so warm instances reuse
 * it. Locally the same REST protocol is served by scripts/redis-bridge.
 */
import { Redis } from '@upstash/redis';
import { config } from '../config';

let client: Redis | undefined;

export function getRedis(): Redis {
  client ??= new Redis({
    url: config().redis.url,
    token: config().redis.token,
    // One retry only: callers decide whether to fail open or closed, and a long
    // retry loop would hold a serverless request open while Redis is down.
    retry: { retries: 1, backoff: () => 50 },
    enableTelemetry: false,
  });
  return client;
}

/** Forgets the client so the next call reads the configuration again. Tests only. */
export function resetRedisForTests(): void {
  client = undefined;
}

/** Redis keys and key prefixes, in one place so that no two features share one by accident. */
export const REDIS_KEYS = {
  wechatAccessToken: 'wx:access_token',
  wechatAccessTokenLock: 'wx:access_token:lock',
  loginLimitByIp: 'rl:login:ip',
  loginLimitByOpenid: 'rl:login:openid',
  uploadLimitByUser: 'rl:upload:user',
  scanLimitByVisitor: 'rl:scan:visitor',
} as const;

/** The full key for a name of REDIS_KEYS, with the configured prefix. */
export function redisKey(name: keyof typeof REDIS_KEYS): string {
  return `${config().redis.keyPrefix}${REDIS_KEYS[name]}`;
}

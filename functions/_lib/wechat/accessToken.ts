/**
 * The WeChat access_token, shared by every instance through Redis.
 *
 * Fetching a token can invalidate the one other instances hold, so only one
 * caller fetches at a time: it takes a Redis lock, looks at the cache again
 * (another holder may have just refreshed it), and only then calls
 * getStableAccessToken. Everyone else waits for the cache to fill.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import { config } from '../config';
import type { Logger } from '../logger';
import { getRedis, redisKey } from '../redis/client';

/** Refresh this long before WeChat's expiry so a token never dies mid-request. */
const EXPIRY_MARGIN_SECONDS = 300;
const LOCK_TTL_MS = 10_000;
const WAIT_STEP_MS = 100;
const WAIT_MAX_MS = 8000;

interface Options {
  forceRefresh?: boolean;
}

export async function getAccessToken(log: Logger, options: Options = {}): Promise<string> {
  const redis = getRedis();
  if (!options.forceRefresh) {
    const cached = await redis.get<string>(redisKey('wechatAccessToken'));
    if (cached) return cached;
  }

  const deadline = Date.now() + WAIT_MAX_MS;
  while (Date.now() < deadline) {
    const lockId = randomUUID();
    const locked = await redis.set(redisKey('wechatAccessTokenLock'), lockId, { nx: true, px: LOCK_TTL_MS });

    if (locked === 'OK') {
      try {
        // A forced refresh was called because the cached token is bad, so it skips the second look.
        if (!options.forceRefresh) {
          const cached = await redis.get<string>(redisKey('wechatAccessToken'));
          if (cached) return cached;
        }
        return await fetchAndStore(log, options.forceRefresh === true);
      } finally {
        await releaseLock(lockId);
      }
    }

    await sleep(WAIT_STEP_MS);
    // The lock holder stores a fresh token. A forced refresh that lost the race takes it too.
    const cached = await redis.get<string>(redisKey('wechatAccessToken'));
    if (cached) return cached;
  }

  throw new AppError('WECHAT_UNAVAILABLE', undefined, { api: 'stable_token', reason: 'lock wait timed out' });
}

/** Drops the cached token if it is still the one WeChat rejected. */
export async function invalidateAccessToken(rejected: string): Promise<void> {
  const redis = getRedis();
  const cached = await redis.get<string>(redisKey('wechatAccessToken'));
  if (cached === rejected) await redis.del(redisKey('wechatAccessToken'));
}

async function fetchAndStore(log: Logger, forceRefresh: boolean): Promise<string> {
  const { apiBase, appId, appSecret } = config().wechat;
  let body: Record<string, unknown>;
  try {
    const response = await fetch(new URL('/cgi-bin/stable_token', apiBase), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credential',
        appid: appId,
        secret: appSecret,
        force_refresh: forceRefresh,
      }),
      signal: AbortSignal.timeout(5000),
    });
    body = (await response.json()) as Record<string, unknown>;
  } catch (error) {
    throw new AppError('WECHAT_UNAVAILABLE', undefined, { api: 'stable_token' }, { cause: error });
  }

  if (typeof body.access_token !== 'string' || typeof body.expires_in !== 'number') {
    log.error({ errcode: body.errcode, errmsg: body.errmsg }, 'wechat stable_token failed');
    throw new AppError('WECHAT_UNAVAILABLE', undefined, { api: 'stable_token', errcode: body.errcode });
  }

  const ttl = Math.max(60, body.expires_in - EXPIRY_MARGIN_SECONDS);
  await getRedis().set(redisKey('wechatAccessToken'), body.access_token, { ex: ttl });
  log.info({ expiresIn: body.expires_in, forceRefresh }, 'wechat access token refreshed');
  return body.access_token;
}

/** Deletes the lock only if this caller still holds it, so a slow holder never frees another's lock. */
async function releaseLock(lockId: string): Promise<void> {
  await getRedis().eval(
    "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end",
    [redisKey('wechatAccessTokenLock')],
    [lockId],
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

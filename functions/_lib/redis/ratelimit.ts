/**
 * Rate limits over Upstash Redis with @upstash/ratelimit.
 *
 * They fail open: when Redis is unreachable the request goes through and the
 * failure is logged. A Redis outage must not lock every villager out of the
 * app, and the limits guard against floods, not against a security breach
 * (WeChat login codes are single-use whatever we do).
 */
import { Ratelimit } from '@upstash/ratelimit';
import { AppError } from '../../../shared/errors';
import type { Logger } from '../logger';
import { getRedis, redisKey } from './client';

type Duration = Parameters<typeof Ratelimit.slidingWindow>[1];

export interface LimitRule {
  key: 'loginLimitByIp' | 'loginLimitByOpenid' | 'uploadLimitByUser' | 'scanLimitByVisitor';
  requests: number;
  window: Duration;
}

export const LIMITS = {
  loginPerIp: { key: 'loginLimitByIp', requests: 30, window: '1 m' },
  loginPerOpenid: { key: 'loginLimitByOpenid', requests: 10, window: '1 m' },
  uploadPerUser: { key: 'uploadLimitByUser', requests: 30, window: '10 m' },
  scanPerVisitor: { key: 'scanLimitByVisitor', requests: 60, window: '1 m' },
} satisfies Record<string, LimitRule>;

const limiters = new Map<string, Ratelimit>();

function limiterFor(rule: LimitRule): Ratelimit {
  const prefix = redisKey(rule.key);
  const cacheKey = `${prefix}:${rule.requests}:${rule.window}`;
  let limiter = limiters.get(cacheKey);
  if (!limiter) {
    limiter = new Ratelimit({
      redis: getRedis(),
      limiter: Ratelimit.slidingWindow(rule.requests, rule.window),
      prefix,
      // The library allows the request itself when Redis does not respond in time.
      timeout: 2000,
      analytics: false,
    });
    limiters.set(cacheKey, limiter);
  }
  return limiter;
}

/** Throws RATE_LIMITED when `identifier` has used up `rule`; lets the request through when Redis fails. */
export async function enforceLimit(rule: LimitRule, identifier: string, log: Logger): Promise<void> {
  let success: boolean;
  let reset: number;
  try {
    ({ success, reset } = await limiterFor(rule).limit(identifier));
  } catch (error) {
    log.warn({ err: error, limit: rule.key }, 'rate limit check failed; allowing the request');
    return;
  }

  if (!success) {
    const retryAfterSeconds = Math.max(1, Math.ceil((reset - Date.now()) / 1000));
    throw new AppError('RATE_LIMITED', `操作太频繁，请 ${retryAfterSeconds} 秒后再试`, { retryAfterSeconds });
  }
}

/** Forgets cached limiters so they pick up a new Redis client. Tests only. */
export function resetLimitersForTests(): void {
  limiters.clear();
}

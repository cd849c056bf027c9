import { randomBytes } from 'node:crypto';

/** Result of checking the access_token a request carries. */
export type TokenCheck = 'ok' | 'missing' | 'invalid' | 'expired';

/** A token as the fake hands it out: the string and the seconds it stays valid. */
export interface IssuedToken {
  accessToken: string;
  expiresInSeconds: number;
}

interface TokenRecord {
  kind: 'basic' | 'stable';
  expiresAt: number;

  // Time (ms) from which requests with the token get 40001 because a newer one replaced it.
  revokedAt?: number;
}

export interface TokenStoreOptions {
  now: () => number;
  ttlSeconds: number;

  // How long a /cgi-bin/token token stays usable after a newer one is fetched.
  replacedTokenGraceSeconds: number;
}

// WeChat ignores a second stable_token force refresh within 30 s of the previous one.
const FORCE_REFRESH_MIN_INTERVAL_MS = 30_000;

// In normal mode stable_token renews the token during its last 5 minutes of 7200 s.
// The window keeps that 1/24 share so that tests with a short TTL still see a stable token.
const STABLE_RENEW_SHARE = 300 / 7200;

/**
 * Issues and checks access tokens with WeChat's rules for both token APIs.
 *
 * /cgi-bin/token and /cgi-bin/stable_token keep separate tokens, and fetching one
 * never affects the other, as WeChat documents for getStableAccessToken.
 */
export class TokenStore {
  private readonly tokens = new Map<string, TokenRecord>();
  private currentBasic?: string;
  private currentStable?: string;
  private lastForceRefreshAt?: number;
  private sequence = 0;

  constructor(private readonly options: TokenStoreOptions) {}

  /** Issues a /cgi-bin/token token, which replaces the previous one from that API. */
  issueBasic(): IssuedToken {
    const now = this.options.now();

    const previous = this.currentBasic === undefined ? undefined : this.tokens.get(this.currentBasic);
    if (previous) {
      previous.revokedAt = now + this.options.replacedTokenGraceSeconds * 1000;
    }

    const accessToken = this.createToken('basic', now);
    this.currentBasic = accessToken;
    return this.describe(accessToken, now);
  }

  /**
   * Returns the stable_token token, renewing it as WeChat does.
   *
   * Normal mode returns the same token until its last minutes, then a new one while
   * the old one stays valid until it expires. Force refresh invalidates the old token
   * at once, except within 30 s of the previous force refresh, where nothing changes.
   */
  issueStable(forceRefresh: boolean): IssuedToken {
    const now = this.options.now();
    const current = this.currentStable === undefined ? undefined : this.tokens.get(this.currentStable);
    const currentUsable = current !== undefined && now < current.expiresAt;

    if (currentUsable && this.currentStable !== undefined) {
      const renewWindowMs = this.options.ttlSeconds * 1000 * STABLE_RENEW_SHARE;
      const insideRenewWindow = current.expiresAt - now <= renewWindowMs;
      if (!forceRefresh && !insideRenewWindow) {
        return this.describe(this.currentStable, now);
      }

      const forceTooSoon =
        this.lastForceRefreshAt !== undefined && now - this.lastForceRefreshAt < FORCE_REFRESH_MIN_INTERVAL_MS;
      if (forceRefresh && forceTooSoon) {
        return this.describe(this.currentStable, now);
      }
    }

    if (forceRefresh) {
      this.lastForceRefreshAt = now;
      if (current) {
        current.revokedAt = now;
      }
    }

    const accessToken = this.createToken('stable', now);
    this.currentStable = accessToken;
    return this.describe(accessToken, now);
  }

  /** Checks a token from a request's query string. */
  check(accessToken: string | undefined): TokenCheck {
    if (accessToken === undefined || accessToken === '') {
      return 'missing';
    }

    const record = this.tokens.get(accessToken);
    if (!record) {
      return 'invalid';
    }

    const now = this.options.now();
    if (record.revokedAt !== undefined && now >= record.revokedAt) {
      return 'invalid';
    }
    if (now >= record.expiresAt) {
      return 'expired';
    }
    return 'ok';
  }

  private createToken(kind: TokenRecord['kind'], now: number): string {
    // Real tokens look like "57_71OSSig..." with about 136 characters of [0-9A-Za-z_-].
    this.sequence += 1;
    const accessToken = `${this.sequence}_${randomBytes(99).toString('base64url')}`;

    this.tokens.set(accessToken, { kind, expiresAt: now + this.options.ttlSeconds * 1000 });
    return accessToken;
  }

  private describe(accessToken: string, now: number): IssuedToken {
    const record = this.tokens.get(accessToken);
    const remainingMs = record ? record.expiresAt - now : 0;
    return { accessToken, expiresInSeconds: Math.max(1, Math.floor(remainingMs / 1000)) };
  }
}

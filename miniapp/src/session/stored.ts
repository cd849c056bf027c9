import type { SessionTokens, SessionUser } from '@shared/domain/auth';

/** The session as kept in local storage. */
export interface StoredSession {
  accessToken: string;
  refreshToken: string;
  /** Expiry of the access token, in epoch milliseconds of the phone's clock. */
  accessExpiresAt: number;
  user: SessionUser;
}

export function sessionFromTokens(tokens: SessionTokens, now: number): StoredSession {
  return {
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    accessExpiresAt: now + tokens.expiresIn * 1000,
    user: tokens.user,
  };
}

function isSessionUser(value: unknown): value is SessionUser {
  if (typeof value !== 'object' || value === null) return false;
  const user = value as Partial<SessionUser>;
  return typeof user.id === 'string' && typeof user.nickname === 'string' && Array.isArray(user.roles);
}

/**
 * Checks a value read from storage. Storage outlives app versions, so an old
 * or damaged entry gives null (logged out) instead of a crash later.
 */
export function parseStoredSession(value: unknown): StoredSession | null {
  if (typeof value !== 'object' || value === null) return null;
  const session = value as Partial<StoredSession>;
  if (typeof session.accessToken !== 'string' || session.accessToken === '') return null;
  if (typeof session.refreshToken !== 'string' || session.refreshToken === '') return null;
  if (typeof session.accessExpiresAt !== 'number' || !Number.isFinite(session.accessExpiresAt)) return null;
  if (!isSessionUser(session.user)) return null;
  return session as StoredSession;
}

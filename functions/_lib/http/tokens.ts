/**
 * Access tokens: short-lived HS256 JWTs carrying only the user id. Roles are
 * read from the database per request so that revoking one takes effect at once.
 * Refresh tokens are random strings stored hashed; see the auth service.
 */
import { createHash, randomBytes } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { AppError } from '../../../shared/errors';
import { config } from '../config';

const ISSUER = 'shuzi-xiangcun';
const AUDIENCE = 'miniapp';

function secretKey(): Uint8Array {
  return new TextEncoder().encode(config().auth.tokenSecret);
}

export async function signAccessToken(userId: string, now = new Date()): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({ typ: 'access' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + config().auth.accessTokenSeconds)
    .sign(secretKey());
}

/** Returns the user id of a valid access token; throws TOKEN_EXPIRED or UNAUTHENTICATED otherwise. */
export async function verifyAccessToken(token: string): Promise<string> {
  try {
    const { payload } = await jwtVerify(token, secretKey(), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['HS256'],
    });
    if (payload.typ !== 'access' || typeof payload.sub !== 'string') {
      throw new AppError('UNAUTHENTICATED', '登录凭证无效，请重新登录');
    }
    return payload.sub;
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (error instanceof errors.JWTExpired) throw new AppError('TOKEN_EXPIRED', undefined, undefined, { cause: error });
    throw new AppError('UNAUTHENTICATED', '登录凭证无效，请重新登录', undefined, { cause: error });
  }
}

/** A new opaque refresh token: 32 random bytes, base64url. */
export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The bearer token of an Authorization header, or undefined when absent or not a bearer. */
export function bearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const match = value ? /^Bearer\s+(\S+)$/i.exec(value) : null;
  return match?.[1];
}

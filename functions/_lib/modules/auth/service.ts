/**
 * Identity: WeChat login, refresh-token rotation, demo login for H5, and the
 * user list county admins pick owners from. Knows nothing about HTTP.
 */
import { and, asc, eq, gt, ilike, isNull, sql } from 'drizzle-orm';
import type { DemoUser, Role, SessionTokens, SessionUser, UserListItem } from '../../../../shared/contracts/auth';
import { AppError } from '../../../../shared/errors';
import { toBusinessIso } from '../../../../shared/time';
import { config } from '../../config';
import { getDb, type Executor } from '../../db/client';
import { refreshTokens, roleGrants, users } from '../../db/schema';
import { hashToken, newRefreshToken, signAccessToken } from '../../http/tokens';
import type { Logger } from '../../logger';
import { enforceLimit, LIMITS } from '../../redis/ratelimit';
import { code2Session, WechatApiError } from '../../wechat/client';

/** WeChat errcodes of jscode2session that mean the code itself is bad, so the user should log in again. */
const BAD_CODE_ERRORS = new Set([40029, 40163, 40226]);

export async function loginWithWechat(code: string, clientIp: string, log: Logger): Promise<SessionTokens> {
  await enforceLimit(LIMITS.loginPerIp, clientIp, log);

  let session;
  try {
    session = await code2Session(code);
  } catch (error) {
    if (error instanceof WechatApiError) {
      log.warn({ errcode: error.errcode }, 'jscode2session rejected the code');
      const reason = BAD_CODE_ERRORS.has(error.errcode) ? '登录凭证无效或已使用，请重新进入小程序' : undefined;
      throw new AppError('WECHAT_LOGIN_FAILED', reason, { errcode: error.errcode }, { cause: error });
    }
    throw error;
  }
  await enforceLimit(LIMITS.loginPerOpenid, session.openid, log);

  const db = await getDb();
  const [user] = await db
    .insert(users)
    .values({ openid: session.openid, unionid: session.unionid, lastLoginAt: new Date() })
    .onConflictDoUpdate({
      target: users.openid,
      set: { lastLoginAt: new Date(), unionid: sql`coalesce(excluded.unionid, ${users.unionid})` },
    })
    .returning({ id: users.id });
  if (!user) throw new Error('User upsert returned no row');

  log.info({ userId: user.id }, 'wechat login');
  return issueSession(db, user.id);
}

/** Exchanges a refresh token for a new pair. The old refresh token stops working (rotation). */
export async function refreshSession(refreshToken: string): Promise<SessionTokens> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(refreshTokens)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(refreshTokens.tokenHash, hashToken(refreshToken)),
          isNull(refreshTokens.revokedAt),
          gt(refreshTokens.expiresAt, new Date()),
        ),
      )
      .returning({ userId: refreshTokens.userId });
    if (!row) throw new AppError('UNAUTHENTICATED', '登录已失效，请重新登录');
    return issueSession(tx, row.userId);
  });
}

export async function logout(refreshToken: string): Promise<void> {
  const db = await getDb();
  await db
    .update(refreshTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(refreshTokens.tokenHash, hashToken(refreshToken)), isNull(refreshTokens.revokedAt)));
}

/** Signs in as a seeded demo user. Only outside production: H5 has no wx.login. */
export async function devLogin(userId: string): Promise<SessionTokens> {
  if (!config().auth.devLoginEnabled) throw new AppError('DEV_LOGIN_DISABLED');

  const db = await getDb();
  const [user] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.isDemo, true)));
  if (!user) throw new AppError('USER_NOT_FOUND', '演示用户不存在');

  await db.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, user.id));
  return issueSession(db, user.id);
}

export async function listDemoUsers(): Promise<DemoUser[]> {
  if (!config().auth.devLoginEnabled) throw new AppError('DEV_LOGIN_DISABLED');

  const db = await getDb();
  const rows = await db
    .select({ id: users.id, nickname: users.nickname, description: users.demoDescription })
    .from(users)
    .where(eq(users.isDemo, true))
    .orderBy(asc(users.createdAt), asc(users.nickname));
  return rows.map((row) => ({ id: row.id, nickname: row.nickname, description: row.description ?? '' }));
}

export async function getSessionUser(db: Executor, userId: string): Promise<SessionUser> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) throw new AppError('USER_NOT_FOUND');

  const grants = await db
    .select({ role: roleGrants.role, scopeId: roleGrants.scopeId })
    .from(roleGrants)
    .where(eq(roleGrants.userId, userId))
    .orderBy(asc(roleGrants.role), asc(roleGrants.scopeId));
  return {
    id: user.id,
    nickname: user.nickname,
    avatarUrl: user.avatarUrl,
    isDemo: user.isDemo,
    roles: grants.map((grant) => ({ role: grant.role as Role, scopeId: grant.scopeId })),
  };
}

/** Users for an admin to pick from, newest first, optionally filtered by nickname. */
export async function searchUsers(query: string | undefined): Promise<UserListItem[]> {
  const db = await getDb();
  const filter = query ? ilike(users.nickname, `%${escapeLike(query)}%`) : undefined;
  const rows = await db
    .select({ id: users.id, nickname: users.nickname, isDemo: users.isDemo, createdAt: users.createdAt })
    .from(users)
    .where(filter)
    .orderBy(sql`${users.createdAt} desc`, asc(users.id))
    .limit(50);
  return rows.map((row) => ({ ...row, createdAt: toBusinessIso(row.createdAt) }));
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (match) => `\\${match}`);
}

async function issueSession(db: Executor, userId: string): Promise<SessionTokens> {
  const refreshToken = newRefreshToken();
  const expiresAt = new Date(Date.now() + config().auth.refreshTokenDays * 86_400_000);
  await db.insert(refreshTokens).values({ userId, tokenHash: hashToken(refreshToken), expiresAt });

  return {
    accessToken: await signAccessToken(userId),
    expiresIn: config().auth.accessTokenSeconds,
    refreshToken,
    user: await getSessionUser(db, userId),
  };
}

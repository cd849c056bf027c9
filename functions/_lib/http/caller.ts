/**
 * Resolves the signed-in caller of a request: the access token names the
 * user, and the user's role grants are read fresh so a revoked role stops
 * working on the next request.
 */
import { eq } from 'drizzle-orm';
import type { Role } from '../../../shared/contracts/auth';
import { AppError } from '../../../shared/errors';
import { getDb } from '../db/client';
import { roleGrants, users } from '../db/schema';
import type { Caller } from './access';
import { bearerToken, verifyAccessToken } from './tokens';

/** The caller for an Authorization header, or null when none was sent. */
export async function loadCaller(authorization: string | undefined): Promise<Caller | null> {
  if (authorization === undefined || authorization === '') return null;

  const token = bearerToken(authorization);
  if (!token) throw new AppError('UNAUTHENTICATED', '登录凭证格式不正确，请重新登录');

  const userId = await verifyAccessToken(token);
  const db = await getDb();
  const rows = await db
    .select({ userId: users.id, role: roleGrants.role, scopeId: roleGrants.scopeId })
    .from(users)
    .leftJoin(roleGrants, eq(roleGrants.userId, users.id))
    .where(eq(users.id, userId));
  if (rows.length === 0) throw new AppError('UNAUTHENTICATED', '账号不存在，请重新登录');

  const roles = rows.flatMap((row) =>
    row.role !== null && row.scopeId !== null ? [{ role: row.role as Role, scopeId: row.scopeId }] : [],
  );
  return { userId, roles };
}

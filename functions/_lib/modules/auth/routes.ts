/**
 * HTTP routes of the identity module, mounted at /api/v1/auth.
 */
import { devLoginInput, refreshInput, userSearchQuery, wechatLoginInput } from '../../../../shared/contracts/auth';
import { getDb } from '../../db/client';
import { anyone, countyAdmin, signedIn } from '../../http/access';
import { route } from '../../http/router';
import { parseInput } from '../../http/validate';
import * as auth from './service';

export const authRoutes = [
  route('POST', '/auth/wechat', anyone, async ({ body, clientIp, log }) => {
    const { code } = parseInput(wechatLoginInput, body());
    return { body: await auth.loginWithWechat(code, clientIp, log) };
  }),

  route('POST', '/auth/refresh', anyone, async ({ body }) => {
    const { refreshToken } = parseInput(refreshInput, body());
    return { body: await auth.refreshSession(refreshToken) };
  }),

  route('POST', '/auth/logout', anyone, async ({ body }) => {
    const { refreshToken } = parseInput(refreshInput, body());
    await auth.logout(refreshToken);
  }),

  route('GET', '/auth/me', signedIn, async ({ requireCaller }) => {
    return { body: await auth.getSessionUser(await getDb(), requireCaller().userId) };
  }),

  route('GET', '/auth/dev-users', anyone, async () => {
    return { body: { users: await auth.listDemoUsers() } };
  }),

  route('POST', '/auth/dev-login', anyone, async ({ body }) => {
    const { userId } = parseInput(devLoginInput, body());
    return { body: await auth.devLogin(userId) };
  }),

  route('GET', '/auth/users', countyAdmin, async ({ query }) => {
    const { q } = parseInput(userSearchQuery, query);
    return { body: { users: await auth.searchUsers(q) } };
  }),
];

import type { DemoUser, SessionTokens, SessionUser, UserListItem } from '@shared/domain/auth';
import { api } from './index';

export function loginWithWechatCode(code: string): Promise<SessionTokens> {
  return api.post<SessionTokens>('/api/v1/auth/wechat', { body: { code } });
}

export function logoutSession(refreshToken: string): Promise<void> {
  return api.post<void>('/api/v1/auth/logout', { body: { refreshToken } });
}

export function fetchCurrentUser(): Promise<SessionUser> {
  return api.get<SessionUser>('/api/v1/auth/me', { auth: true });
}

/** Lists the demo accounts for H5 and local testing. The API returns 404 DEV_LOGIN_DISABLED in production. */
export async function fetchDemoUsers(): Promise<DemoUser[]> {
  const { users } = await api.get<{ users: DemoUser[] }>('/api/v1/auth/dev-users');
  return users;
}

export function loginAsDemo(userId: string): Promise<SessionTokens> {
  return api.post<SessionTokens>('/api/v1/auth/dev-login', { body: { userId } });
}

/** Searches users by nickname, for county admins binding owners. */
export async function searchUsers(query: string): Promise<UserListItem[]> {
  const { users } = await api.get<{ users: UserListItem[] }>('/api/v1/auth/users', {
    auth: true,
    query: { q: query.trim() },
  });
  return users;
}

import { fetchCurrentUser, loginAsDemo, loginWithWechatCode, logoutSession } from '../api/auth';
import { getWechatLoginCode, wechatLoginAvailable } from '../platform/login';
import { clearSession, getSession, saveTokens, updateSessionUser } from './store';

let wechatLoginInFlight: Promise<void> | null = null;

/**
 * Logs in with wx.login when no session is stored. Pages that need a user call
 * it on show; concurrent calls share one login. Does nothing on H5, where the
 * person picks a demo user on 我的 instead.
 */
export function ensureWechatLogin(): Promise<void> {
  if (getSession() || !wechatLoginAvailable) return Promise.resolve();

  wechatLoginInFlight ??= (async () => {
    const code = await getWechatLoginCode();
    saveTokens(await loginWithWechatCode(code));
  })().finally(() => {
    wechatLoginInFlight = null;
  });
  return wechatLoginInFlight;
}

export async function loginAsDemoUser(userId: string): Promise<void> {
  saveTokens(await loginAsDemo(userId));
}

/** Reloads the user, so that roles granted since login (a new shop) show up. */
export async function refreshCurrentUser(): Promise<void> {
  if (!getSession()) return;
  updateSessionUser(await fetchCurrentUser());
}

/** Ends the session on the server when reachable, and always on the phone. */
export async function logout(): Promise<void> {
  const refreshToken = getSession()?.refreshToken;
  try {
    if (refreshToken) await logoutSession(refreshToken);
  } catch (error) {
    // The refresh token expires on its own; the person wants out now.
    console.warn('Logout request failed; clearing the local session anyway', error);
  } finally {
    clearSession();
  }
}

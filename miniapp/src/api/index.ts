import type { SessionTokens } from '@shared/domain/auth';
import { API_BASE, jsonTransport } from '../platform/http';
import { clearSession, getSession, saveTokens } from '../session/store';
import { createApiClient } from './client';
import { ApiError } from './errors';

let refreshInFlight: Promise<boolean> | null = null;

/**
 * Renews the tokens with the stored refresh token. Concurrent callers share
 * one request, because the API rotates the refresh token on every use and a
 * second request with the old one would fail.
 */
function refreshTokens(): Promise<boolean> {
  refreshInFlight ??= (async () => {
    const refreshToken = getSession()?.refreshToken;
    if (!refreshToken) return false;
    try {
      const tokens = await api.post<SessionTokens>('/api/v1/auth/refresh', { body: { refreshToken } });
      saveTokens(tokens);
      return true;
    } catch (error) {
      // Offline: keep the session and let the caller show the network error.
      if (error instanceof ApiError && error.code === 'NETWORK_ERROR') throw error;
      return false;
    }
  })().finally(() => {
    refreshInFlight = null;
  });
  return refreshInFlight;
}

/** The API client every page uses. */
export const api = createApiClient({
  baseUrl: API_BASE,
  transport: jsonTransport,
  session: {
    getAccessToken: () => getSession()?.accessToken ?? null,
    refresh: refreshTokens,
    clear: clearSession,
  },
});

/** Turns a path returned by the API (`/api/v1/...` or an absolute URL) into one the platform can load. */
export function absoluteUrl(url: string): string {
  return /^https?:\/\//.test(url) ? url : `${API_BASE}${url}`;
}

import Taro from '@tarojs/taro';
import { useSyncExternalStore } from 'react';
import type { SessionTokens, SessionUser } from '@shared/domain/auth';
import { parseStoredSession, sessionFromTokens, type StoredSession } from './stored';

const STORAGE_KEY = 'session.v1';

function readStorage(): StoredSession | null {
  try {
    return parseStoredSession(Taro.getStorageSync(STORAGE_KEY));
  } catch (error) {
    console.warn('Reading the stored session failed; continuing logged out', error);
    return null;
  }
}

let current: StoredSession | null = readStorage();
const listeners = new Set<() => void>();

function publish(next: StoredSession | null): void {
  current = next;
  try {
    if (next) Taro.setStorageSync(STORAGE_KEY, next);
    else Taro.removeStorageSync(STORAGE_KEY);
  } catch (error) {
    // The session still works for this run; only the next launch loses it.
    console.warn('Writing the session to storage failed', error);
  }
  listeners.forEach((listener) => listener());
}

export function getSession(): StoredSession | null {
  return current;
}

export function saveTokens(tokens: SessionTokens): void {
  publish(sessionFromTokens(tokens, Date.now()));
}

export function updateSessionUser(user: SessionUser): void {
  if (current) publish({ ...current, user });
}

export function clearSession(): void {
  if (current) publish(null);
}

export function subscribeSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Returns the current session and re-renders the component when someone logs in or out. */
export function useSession(): StoredSession | null {
  return useSyncExternalStore(subscribeSession, getSession, getSession);
}

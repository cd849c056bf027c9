import Taro from '@tarojs/taro';
import { useSyncExternalStore } from 'react';
import { fetchUnreadCount } from '../api/notifications';
import { ROUTES, TAB_PAGES } from '../routes';
import { getSession } from '../session/store';
import { unreadBadgeText } from './messages';

// The unread inbox count, shared by the 我的 page (its 消息 cell and the tab
// badge) and the inbox, which changes it when messages are read.

const MINE_TAB_INDEX = TAB_PAGES.indexOf(ROUTES.mine);

let unreadCount = 0;
/** Bumped on every change, so a slow refresh cannot overwrite a newer count from a read. */
let version = 0;
const listeners = new Set<() => void>();

/**
 * Shows the count on the 我的 tab. WeChat rejects the call while the current
 * page is not a tab page, such as the inbox. The failure is ignored because
 * 我的 applies the count again each time it shows.
 */
function applyTabBadge(count: number): void {
  const text = unreadBadgeText(count);
  const request = text
    ? Taro.setTabBarBadge({ index: MINE_TAB_INDEX, text })
    : Taro.removeTabBarBadge({ index: MINE_TAB_INDEX });
  // Taro's H5 tab bar handles the call through an event, so this promise may never settle and nothing waits on it.
  Promise.resolve(request).catch(() => undefined);
}

export function setUnreadCount(count: number): void {
  unreadCount = Math.max(0, count);
  version += 1;
  listeners.forEach((listener) => listener());
  applyTabBadge(unreadCount);
}

export function getUnreadCount(): number {
  return unreadCount;
}

function subscribeUnread(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Returns the unread count and re-renders the component when it changes. */
export function useUnreadCount(): number {
  return useSyncExternalStore(subscribeUnread, getUnreadCount, getUnreadCount);
}

/** Loads the unread count from the API, or sets 0 when no session is stored. */
export async function refreshUnreadCount(): Promise<void> {
  if (!getSession()) {
    setUnreadCount(0);
    return;
  }
  const started = version;
  const count = await fetchUnreadCount();
  if (version === started) setUnreadCount(count);
}

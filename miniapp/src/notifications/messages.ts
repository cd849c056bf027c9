import { TAB_PAGES } from '../routes';

// Pure helpers of the inbox, free of Taro so unit tests can run them in Node.

/** China has one time zone and no daylight saving time, so a fixed offset gives Asia/Shanghai wall time. */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

interface WallTime {
  year: number;
  month: number;
  day: number;
  hours: string;
  minutes: string;
  /** Days since 1970-01-01 in Shanghai, for comparing calendar days. */
  dayNumber: number;
}

function shanghaiWallTime(epochMs: number): WallTime {
  const shifted = new Date(epochMs + SHANGHAI_OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hours: String(shifted.getUTCHours()).padStart(2, '0'),
    minutes: String(shifted.getUTCMinutes()).padStart(2, '0'),
    dayNumber: Math.floor((epochMs + SHANGHAI_OFFSET_MS) / DAY_MS),
  };
}

/**
 * Formats when a message arrived, in Beijing time: 刚刚, N 分钟前, 今天 14:05,
 * 昨天 14:05, 3月5日 14:05, or 2024年3月5日 for earlier years. Returns '' for
 * a value that is not a date.
 */
export function formatMessageTime(iso: string, now: Date): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '';

  // A time slightly ahead of the phone's clock (clock skew) also counts as 刚刚.
  const elapsed = now.getTime() - at;
  if (elapsed < MINUTE_MS) return elapsed > -MINUTE_MS ? '刚刚' : formatCalendarTime(at, now);
  if (elapsed < HOUR_MS) return `${Math.floor(elapsed / MINUTE_MS)} 分钟前`;
  return formatCalendarTime(at, now);
}

function formatCalendarTime(at: number, now: Date): string {
  const then = shanghaiWallTime(at);
  const today = shanghaiWallTime(now.getTime());
  const clock = `${then.hours}:${then.minutes}`;

  if (then.dayNumber === today.dayNumber) return `今天 ${clock}`;
  if (then.dayNumber === today.dayNumber - 1) return `昨天 ${clock}`;
  if (then.year === today.year) return `${then.month}月${then.day}日 ${clock}`;
  return `${then.year}年${then.month}月${then.day}日`;
}

/** Formats an instant as `2025-03-05 14:05` in Beijing time, or returns '' for a value that is not a date. */
export function formatDateTime(iso: string): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '';
  const time = shanghaiWallTime(at);
  const month = String(time.month).padStart(2, '0');
  const day = String(time.day).padStart(2, '0');
  return `${time.year}-${month}-${day} ${time.hours}:${time.minutes}`;
}

/** How to open a message's page: tab pages need switchTab, every other page navigateTo. */
export interface MessageTarget {
  method: 'switchTab' | 'navigateTo';
  url: string;
}

/**
 * Decides how to open the page a message links to. Returns null for an empty
 * page or a web address, which a mini-program cannot open. A path without the
 * leading '/' gets one, because navigateTo would read it relative to the inbox.
 */
export function messageTarget(page: string): MessageTarget | null {
  const trimmed = page.trim();
  if (trimmed === '' || trimmed.includes('://')) return null;

  const url = trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
  const path = url.split('?')[0] ?? url;
  // switchTab rejects a query string, so a tab page opens without one.
  if (TAB_PAGES.includes(path)) return { method: 'switchTab', url: path };
  return { method: 'navigateTo', url };
}

/** Text of the unread badge on the 我的 tab, or null to remove it. WeChat shows at most 4 characters. */
export function unreadBadgeText(count: number): string | null {
  if (!Number.isFinite(count) || count <= 0) return null;
  return count > 99 ? '99+' : String(Math.floor(count));
}

/**
 * An in-memory cache of public shop and street pages, kept per warm instance.
 *
 * Tourists open the same few pages again and again; serving them from memory
 * means no SQL and no Redis on a warm request. An edit clears this instance's
 * entries at once; other instances show it within `SHOP_CACHE_SECONDS`
 * (30 s by default), the staleness we accept for a shop page.
 */
import { config } from '../../config';

const MAX_ENTRIES = 500;

interface Entry {
  /** The response body, already serialised, so a hit costs no JSON.stringify. */
  json: string;
  expiresAt: number;
}

const entries = new Map<string, Entry>();

export function cachedPage(key: string, now = Date.now()): string | undefined {
  const entry = entries.get(key);
  if (!entry) return undefined;
  if (entry.expiresAt <= now) {
    entries.delete(key);
    return undefined;
  }
  return entry.json;
}

export function storePage(key: string, json: string, now = Date.now()): void {
  const ttlMs = config().shopCacheSeconds * 1000;
  if (ttlMs === 0) return;

  // Maps iterate in insertion order, so the first key is the oldest entry.
  if (entries.size >= MAX_ENTRIES) {
    const oldest = entries.keys().next().value;
    if (oldest !== undefined) entries.delete(oldest);
  }
  entries.set(key, { json, expiresAt: now + ttlMs });
}

/** Drops every page of a shop and every street list, which show shop summaries too. */
export function invalidateShop(shopId: string, shortCode: string): void {
  entries.delete(`shop:id:${shopId}`);
  entries.delete(`shop:code:${shortCode}`);
  for (const key of entries.keys()) {
    if (key.startsWith('street:')) entries.delete(key);
  }
}

export function clearPageCache(): void {
  entries.clear();
}

export const cacheKeys = {
  shopById: (id: string) => `shop:id:${id}`,
  shopByCode: (code: string) => `shop:code:${code}`,
  street: (code: string, category: string | undefined) => `street:${code}:${category ?? 'all'}`,
};

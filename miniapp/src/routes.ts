/** Page paths, kept in one place so a moved page breaks the build here rather than a link at run time. */
export const ROUTES = {
  home: '/pages/index/index',
  scan: '/pages/scan/index',
  invalidCode: '/pages/invalid-code/index',
  mine: '/pages/mine/index',
  privacy: '/legal/pages/privacy/index',
  shopDetail: '/shop/pages/detail/index',
  ownerShops: '/owner/pages/shops/index',
  ownerEdit: '/owner/pages/edit/index',
  ownerStats: '/owner/pages/stats/index',
  ownerCode: '/owner/pages/code/index',
  adminOwners: '/admin/pages/owners/index',
  adminDeadLetters: '/admin/pages/dead-letters/index',
  inbox: '/inbox/pages/list/index',
} as const;

/** Pages in the tab bar, which open with switchTab only; keep in step with tabBar.list in app.config.ts. */
export const TAB_PAGES: readonly string[] = [ROUTES.home, ROUTES.mine];

/** Appends URL-encoded query parameters to a page path, skipping empty values. */
export function withQuery(path: string, params: Record<string, string | number | undefined>): string {
  const pairs = Object.entries(params)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  return pairs.length === 0 ? path : `${path}?${pairs.join('&')}`;
}

/**
 * Reads a text parameter that withQuery encoded. Page parameters can arrive
 * still percent-encoded, so it is decoded once; a value that is not valid
 * percent-encoding is returned as it is.
 */
export function readTextParam(value: string | undefined): string {
  if (!value) return '';
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

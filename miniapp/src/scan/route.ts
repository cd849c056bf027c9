import { decodeScene, SHORT_CODE_PATTERN, type DecodedScene } from '@shared/scene';
import { ROUTES, withQuery } from '../routes';

/** Page parameters as `useRouter().params` delivers them. */
export type PageParams = Record<string, string | undefined>;

/** The scan page's next step for a code. */
export type ScanTarget =
  | { action: 'openShop'; url: string }
  | { action: 'openStreet'; url: string }
  | { action: 'comingSoon'; kind: 'traceBatch' | 'meeting' }
  | { action: 'invalid'; reason: Extract<DecodedScene, { ok: false }>['reason'] };

/**
 * Finds the `scene` parameter inside the `q` value of an ordinary QR link
 * (扫普通链接二维码打开小程序), which carries the whole URL percent-encoded.
 * The scene value itself is returned as found, for decodeScene to decode.
 */
export function sceneFromQrLink(q: string | undefined): string | undefined {
  if (!q) return undefined;

  let link: string;
  try {
    link = decodeURIComponent(q);
  } catch {
    return undefined;
  }

  const match = /[?&]scene=([^&#]*)/.exec(link);
  return match?.[1];
}

/** Returns the raw scene of a scan: the `scene` parameter of a 小程序码, else one inside an ordinary QR link. */
export function rawSceneFromParams(params: PageParams): string | undefined {
  return params.scene ?? sceneFromQrLink(params.q);
}

/** Maps the parameters of the scan page to where the person goes next. */
export function resolveScanTarget(params: PageParams): ScanTarget {
  const decoded = decodeScene(rawSceneFromParams(params));
  if (!decoded.ok) return { action: 'invalid', reason: decoded.reason };

  switch (decoded.kind) {
    case 'shop':
      return { action: 'openShop', url: withQuery(ROUTES.shopDetail, { code: decoded.code, from: 'scan' }) };
    case 'street':
      return { action: 'openStreet', url: withQuery(ROUTES.home, { street: decoded.code }) };
    case 'traceBatch':
    case 'meeting':
      return { action: 'comingSoon', kind: decoded.kind };
  }
}

/** The shop page's lookup (by code or id) and whether opening it counts as a scan. */
export type ShopLookup =
  | { by: 'code'; code: string; fromScan: boolean }
  | { by: 'id'; id: string; fromScan: false }
  | { by: 'invalid' }
  | { by: 'unsupported'; kind: 'street' | 'traceBatch' | 'meeting' };

const SHOP_ID = /^[0-9A-Za-z-]{1,64}$/;

/**
 * Reads the shop page parameters: `code` (from the list or the scan page),
 * `id` (from the owner pages) or `scene` (a shop code printed for the detail
 * page itself). A scene or `from=scan` marks the visit as a scan.
 */
export function resolveShopLookup(params: PageParams): ShopLookup {
  if (params.scene !== undefined) {
    const decoded = decodeScene(params.scene);
    if (!decoded.ok) return { by: 'invalid' };
    if (decoded.kind !== 'shop') return { by: 'unsupported', kind: decoded.kind };
    return { by: 'code', code: decoded.code, fromScan: true };
  }

  if (params.code !== undefined) {
    return SHORT_CODE_PATTERN.test(params.code)
      ? { by: 'code', code: params.code, fromScan: params.from === 'scan' }
      : { by: 'invalid' };
  }

  if (params.id !== undefined && SHOP_ID.test(params.id)) {
    return { by: 'id', id: params.id, fromScan: false };
  }
  return { by: 'invalid' };
}

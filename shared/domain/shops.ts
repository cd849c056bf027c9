/**
 * Domain constants and wire types of the shops module (一街一码 street code,
 * 一铺一码 shop code). Free of zod, so that pages importing only these stay small.
 */

export const SHOP_CATEGORIES = ['food', 'lodging', 'grocery', 'study_tour', 'entertainment', 'specialty'] as const;
export type ShopCategory = (typeof SHOP_CATEGORIES)[number];

/** Chinese names of the categories, in the order the street filter shows them. */
export const SHOP_CATEGORY_LABELS: Record<ShopCategory, string> = {
  food: '特色餐饮',
  lodging: '住宿',
  grocery: '超市',
  study_tour: '研学',
  entertainment: '娱乐',
  specialty: '特产',
};

/** Which side of the street a shop stands on. */
export const STREET_SIDES = ['north', 'south'] as const;
export type StreetSide = (typeof STREET_SIDES)[number];

export const MAX_SHOP_PHOTOS = 9;

/** Largest photo the API accepts, in bytes. Vercel rejects bodies over about 4.5 MB before the function runs. */
export const MAX_PHOTO_BYTES = 4 * 1024 * 1024;
export const PHOTO_MIME_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

export interface GeoPoint {
  /** Latitude in degrees, GCJ-02 as WeChat's map expects. */
  lat: number;
  lng: number;
}

export interface ShopPhoto {
  id: string;
  url: string;
}

export interface ShopSummary {
  id: string;
  shortCode: string;
  name: string;
  category: ShopCategory;
  intro: string;
  openingHours: string;
  coverUrl: string | null;
  /** 1-based order along the street, west to east. */
  position: number;
  side: StreetSide;
  location: GeoPoint;
  isDemo: boolean;
}

export interface ShopDetail extends ShopSummary {
  phone: string;
  photos: ShopPhoto[];
  street: { code: string; name: string };
  /** ISO 8601 with offset; also the concurrency token for edits. */
  updatedAt: string;
}

export interface StreetDetail {
  code: string;
  name: string;
  townCode: string;
  townName: string;
  intro: string;
  center: GeoPoint;
  isDemo: boolean;
  shops: ShopSummary[];
}

export interface ScanStatsDay {
  day: string;
  views: number;
  visitors: number;
}

export interface ShopStats {
  shopId: string;
  from: string;
  to: string;
  totalViews: number;
  /** Sum of the daily unique visitors: one person scanning on two days counts twice. */
  totalVisitors: number;
  days: ScanStatsDay[];
}

export interface ShopCode {
  shopId: string;
  scene: string;
  page: string;
  imageUrl: string;
  createdAt: string;
}

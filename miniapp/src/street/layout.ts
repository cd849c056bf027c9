import type { ShopSummary } from '@shared/domain/shops';

export interface StreetSides {
  north: ShopSummary[];
  south: ShopSummary[];
}

/** Splits shops by side of the street, each side ordered west to east by position. */
export function splitBySide(shops: readonly ShopSummary[]): StreetSides {
  const byPosition = [...shops].sort((a, b) => a.position - b.position);
  return {
    north: byPosition.filter((shop) => shop.side === 'north'),
    south: byPosition.filter((shop) => shop.side === 'south'),
  };
}

/** Shops in street order, the order of the list on the home page. */
export function sortByPosition(shops: readonly ShopSummary[]): ShopSummary[] {
  return [...shops].sort((a, b) => a.position - b.position);
}

const SIDE_LABELS = { north: '北侧', south: '南侧' } as const;

/** Formats a shop's place on the street for visitors, e.g. "金元街北侧 · 第 3 号". */
export function describePosition(streetName: string, shop: Pick<ShopSummary, 'side' | 'position'>): string {
  return `${streetName}${SIDE_LABELS[shop.side]} · 第 ${shop.position} 号`;
}

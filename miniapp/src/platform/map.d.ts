// Type surface of map.weapp.tsx (WeChat map with markers) and map.h5.tsx (a drawn street strip).
import type { GeoPoint, ShopSummary } from '@shared/domain/shops';

export interface StreetMapProps {
  streetName: string;
  center: GeoPoint;
  shops: ShopSummary[];
  onOpenShop: (shop: ShopSummary) => void;
}

export declare function StreetMap(props: StreetMapProps): JSX.Element;

import { Map } from '@tarojs/components';
import { useMemo } from 'react';
import type { ShopSummary } from '@shared/domain/shops';
import type { StreetMapProps } from './map';
import './map.css';

// Copied to the package root by config/index.ts; markers need a local file
// path, and an inlined data URI is not accepted there.
const MARKER_ICON = '/assets/marker.png';

export function StreetMap({ center, shops, onOpenShop }: StreetMapProps): JSX.Element {
  const markers = useMemo(
    () =>
      shops.map((shop: ShopSummary, index: number) => ({
        // Marker ids must be numbers; the index maps a tap back to the shop.
        id: index,
        latitude: shop.location.lat,
        longitude: shop.location.lng,
        title: shop.name,
        iconPath: MARKER_ICON,
        width: 28,
        height: 28,
        anchor: { x: 0.5, y: 1 },
        callout: {
          content: `${shop.position} ${shop.name}`,
          display: 'BYCLICK' as const,
          padding: 6,
          borderRadius: 4,
          fontSize: 12,
          color: '#333333',
          bgColor: '#ffffff',
          textAlign: 'center' as const,
          anchorX: 0,
          anchorY: 0,
          borderWidth: 0,
          borderColor: '#ffffff',
        },
      })),
    [shops],
  );

  const openByMarkerId = (markerId: number | string) => {
    const shop = shops[Number(markerId)];
    if (shop) onOpenShop(shop);
  };

  return (
    <Map
      className="street-map"
      latitude={center.lat}
      longitude={center.lng}
      scale={17}
      markers={markers}
      showLocation={false}
      onMarkerTap={(event) => openByMarkerId(event.detail.markerId)}
      onCalloutTap={(event) => openByMarkerId(event.detail.markerId)}
      onError={(event) => console.warn('Map failed to load', event.detail)}
    />
  );
}

import { Text, View } from '@tarojs/components';
import type { ShopSummary } from '@shared/domain/shops';
import { splitBySide } from '../street/layout';
import type { StreetMapProps } from './map';
import './map.css';

/**
 * Draws the street as a strip: north-side shops above the road, south-side
 * below, west to east. H5 has no WeChat map component, and a web map would
 * need a third-party map service.
 */
export function StreetMap({ streetName, shops, onOpenShop }: StreetMapProps): JSX.Element {
  const { north, south } = splitBySide(shops);

  const renderSide = (side: ShopSummary[], label: string) => (
    <View className="street-strip__side">
      <Text className="street-strip__side-label">{label}</Text>
      <View className="street-strip__lots">
        {side.map((shop) => (
          <View
            key={shop.id}
            className={`street-strip__lot street-strip__lot--${shop.category}`}
            onClick={() => onOpenShop(shop)}
          >
            <Text className="street-strip__number">{shop.position}</Text>
            <Text className="street-strip__name">{shop.name}</Text>
          </View>
        ))}
      </View>
    </View>
  );

  return (
    <View className="street-strip">
      {renderSide(north, '北')}
      <View className="street-strip__road">
        <Text className="street-strip__road-end">西</Text>
        <Text className="street-strip__road-name">{streetName}</Text>
        <Text className="street-strip__road-end">东</Text>
      </View>
      {renderSide(south, '南')}
    </View>
  );
}

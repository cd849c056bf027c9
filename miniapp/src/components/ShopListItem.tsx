import { Image, Text, View } from '@tarojs/components';
import { SHOP_CATEGORY_LABELS, type ShopSummary } from '@shared/domain/shops';
import { absoluteUrl } from '../api';
import './ShopListItem.css';

const SIDE_LABELS = { north: '北侧', south: '南侧' } as const;

/** Renders one row of a shop list: cover, name, category, hours and place on the street. */
export function ShopListItem({ shop, onClick }: { shop: ShopSummary; onClick: () => void }) {
  return (
    <View className="shop-item" onClick={onClick}>
      {shop.coverUrl ? (
        <Image className="shop-item__cover" src={absoluteUrl(shop.coverUrl)} mode="aspectFill" lazyLoad />
      ) : (
        <View className="shop-item__cover shop-item__cover--empty">
          <Text>{shop.name.slice(0, 1)}</Text>
        </View>
      )}
      <View className="shop-item__body">
        <View className="shop-item__title-row">
          <Text className="shop-item__name">{shop.name}</Text>
          <Text className="shop-item__category">{SHOP_CATEGORY_LABELS[shop.category]}</Text>
        </View>
        <Text className="shop-item__hours">营业时间：{shop.openingHours || '未填写'}</Text>
        <Text className="shop-item__place">
          {SIDE_LABELS[shop.side]} · 第 {shop.position} 号
        </Text>
      </View>
    </View>
  );
}

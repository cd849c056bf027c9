import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { ScrollView, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { useMemo, useState } from 'react';
import { SHOP_CATEGORIES, SHOP_CATEGORY_LABELS, type ShopCategory, type ShopSummary } from '@shared/domain/shops';
import { SHORT_CODE_PATTERN } from '@shared/scene';
import { isApiError } from '../../api/errors';
import { fetchStreet } from '../../api/shops';
import { EmptyState, ErrorState, LoadingSkeleton } from '../../components/StateViews';
import { ShopListItem } from '../../components/ShopListItem';
import { DEFAULT_STREET_CODE } from '../../config';
import { useRemoteData } from '../../hooks/useRemoteData';
import { StreetMap } from '../../platform/map';
import { ROUTES, withQuery } from '../../routes';
import { sortByPosition } from '../../street/layout';
import './index.css';

type CategoryFilter = 'all' | ShopCategory;

const FILTERS: Array<{ value: CategoryFilter; label: string }> = [
  { value: 'all', label: '全部' },
  ...SHOP_CATEGORIES.map((category) => ({ value: category, label: SHOP_CATEGORY_LABELS[category] })),
];

export default function StreetPage() {
  const { params } = useRouter();
  const requestedCode = params.street && SHORT_CODE_PATTERN.test(params.street) ? params.street : DEFAULT_STREET_CODE;
  // A requested code the API did not find, once the person has been moved on to the default street.
  // The tab page keeps its query while it lives, so without this it would ask for the missing street again.
  const [abandonedCode, setAbandonedCode] = useState<string | null>(null);
  const streetCode = requestedCode === abandonedCode ? DEFAULT_STREET_CODE : requestedCode;
  const [filter, setFilter] = useState<CategoryFilter>('all');

  // The street is loaded once and filtered here: a street has a few dozen
  // shops, and local filtering keeps tab switches instant.
  const { state, reload } = useRemoteData(streetCode, () => fetchStreet(streetCode));
  const street = state.data;
  const streetMissing =
    !street &&
    state.status === 'error' &&
    isApiError(state.error, 'STREET_NOT_FOUND') &&
    streetCode !== DEFAULT_STREET_CODE;

  const showDefaultStreet = () => setAbandonedCode(requestedCode);

  // Coming back to the tab after the not-found message shows the default street, not the message again.
  useDidShow(() => {
    if (streetMissing) showDefaultStreet();
  });

  const shops = useMemo(() => {
    const all = sortByPosition(street?.shops ?? []);
    return filter === 'all' ? all : all.filter((shop) => shop.category === filter);
  }, [street, filter]);

  const openShop = (shop: ShopSummary) => {
    void Taro.navigateTo({ url: withQuery(ROUTES.shopDetail, { code: shop.shortCode }) });
  };

  if (state.status === 'loading') {
    return (
      <View className="page">
        <LoadingSkeleton rows={5} />
      </View>
    );
  }

  if (streetMissing) {
    return (
      <View className="page">
        <EmptyState
          title="没有找到这条街区"
          description="这个街区码没有对应的街区，可能已停用或印错了。"
          action={
            <Button className="state-view__button" type="primary" size="small" onClick={showDefaultStreet}>
              查看金元街
            </Button>
          }
        />
      </View>
    );
  }

  if (!street) {
    return (
      <View className="page">
        <ErrorState error={state.error} onRetry={reload} />
      </View>
    );
  }

  return (
    <View className="page street-page">
      <View className="street-header">
        <View className="street-header__title-row">
          <Text className="street-header__name">{street.name}</Text>
          {street.isDemo && <Text className="street-header__badge">演示数据</Text>}
        </View>
        <Text className="street-header__town">鄂托克前旗 · {street.townName}</Text>
        {street.intro && <Text className="street-header__intro">{street.intro}</Text>}
      </View>

      <View className="street-map-card">
        <StreetMap streetName={street.name} center={street.center} shops={shops} onOpenShop={openShop} />
      </View>

      <ScrollView className="category-tabs" scrollX enhanced showScrollbar={false}>
        {FILTERS.map((item) => (
          <View
            key={item.value}
            className={`category-tabs__item ${filter === item.value ? 'category-tabs__item--active' : ''}`}
            onClick={() => setFilter(item.value)}
          >
            {item.label}
          </View>
        ))}
      </ScrollView>

      {state.status === 'error' && (
        <View className="street-page__stale" onClick={reload}>
          刷新失败，显示的是之前的内容，点此重试
        </View>
      )}

      {shops.length === 0 ? (
        <EmptyState
          title={filter === 'all' ? '这条街还没有店铺' : `暂无${SHOP_CATEGORY_LABELS[filter]}店铺`}
          description={filter === 'all' ? undefined : '换个类别看看吧'}
        />
      ) : (
        <View className="shop-list">
          {shops.map((shop) => (
            <ShopListItem key={shop.id} shop={shop} onClick={() => openShop(shop)} />
          ))}
        </View>
      )}
    </View>
  );
}

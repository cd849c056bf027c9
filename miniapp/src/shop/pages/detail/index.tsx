import Taro, { useRouter } from '@tarojs/taro';
import { Image, Swiper, SwiperItem, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { useEffect, useMemo, useRef } from 'react';
import { SHOP_CATEGORY_LABELS, type ShopDetail } from '@shared/domain/shops';
import { absoluteUrl } from '../../../api';
import { errorMessage, isApiError } from '../../../api/errors';
import { fetchShop, fetchShopByCode, recordScan } from '../../../api/shops';
import { EmptyState, ErrorState, LoadingSkeleton } from '../../../components/StateViews';
import { useRemoteData } from '../../../hooks/useRemoteData';
import { canOpenLocation, openShopLocation } from '../../../platform/device';
import { ROUTES } from '../../../routes';
import { resolveShopLookup, type ShopLookup } from '../../../scan/route';
import { getVisitorId } from '../../../session/visitor';
import { describePosition } from '../../../street/layout';
import './index.css';

function isNotFound(error: unknown): boolean {
  return isApiError(error, 'SHOP_NOT_FOUND') || isApiError(error, 'NOT_FOUND');
}

/** The key that reloads the shop when the lookup changes, or null when there is nothing to load. */
function lookupKey(lookup: ShopLookup): string | null {
  if (lookup.by === 'code') return `code:${lookup.code}`;
  if (lookup.by === 'id') return `id:${lookup.id}`;
  return null;
}

function backToStreet() {
  void Taro.switchTab({ url: ROUTES.home });
}

export default function ShopDetailPage() {
  const { params } = useRouter();
  const lookup = useMemo(() => resolveShopLookup(params), [params]);

  const key = lookupKey(lookup);
  const { state, reload } = useRemoteData<ShopDetail>(key, () => {
    if (lookup.by === 'code') return fetchShopByCode(lookup.code);
    if (lookup.by === 'id') return fetchShop(lookup.id);
    return Promise.reject(new Error('No shop to load'));
  });
  const shop = state.data;

  // One scan per page visit: the ref survives pull-to-refresh and re-renders.
  const scanRecorded = useRef(false);
  useEffect(() => {
    if (lookup.by !== 'code' || !lookup.fromScan || scanRecorded.current) return;
    scanRecorded.current = true;
    recordScan(lookup.code, getVisitorId()).catch((error: unknown) => {
      console.warn('Recording the scan failed', { shopCode: lookup.code, error });
    });
  }, [lookup]);

  useEffect(() => {
    if (shop) void Taro.setNavigationBarTitle({ title: shop.name });
  }, [shop]);

  const previewPhoto = (url: string) => {
    if (!shop) return;
    void Taro.previewImage({ current: url, urls: shop.photos.map((photo) => absoluteUrl(photo.url)) });
  };

  const callShop = () => {
    if (!shop?.phone) return;
    Taro.makePhoneCall({ phoneNumber: shop.phone }).catch((error: unknown) => {
      // Closing the call sheet also lands here; only log it.
      console.info('makePhoneCall ended without a call', error);
    });
  };

  const navigate = () => {
    if (!shop) return;
    openShopLocation({
      name: shop.name,
      address: describePosition(shop.street.name, shop),
      location: shop.location,
    }).catch((error: unknown) => {
      void Taro.showToast({ title: error instanceof Error ? error.message : errorMessage(error), icon: 'none' });
    });
  };

  if (lookup.by === 'invalid' || lookup.by === 'unsupported') {
    return (
      <View className="page">
        <EmptyState
          title={lookup.by === 'invalid' ? '二维码无效' : '这不是店铺二维码'}
          description="无法识别要打开的店铺，请重新扫描店铺门口的二维码，或在街区中查找。"
          action={
            <Button type="primary" onClick={backToStreet}>
              返回金元街
            </Button>
          }
        />
      </View>
    );
  }

  if (state.status === 'loading') {
    return (
      <View className="page">
        <View className="shop-detail__photo-skeleton" />
        <LoadingSkeleton rows={3} withImage={false} />
      </View>
    );
  }

  if (!shop) {
    if (isNotFound(state.error)) {
      return (
        <View className="page">
          <EmptyState
            title="店铺不存在"
            description="这家店铺可能已经停止展示，去街区看看其他店铺吧。"
            action={
              <Button type="primary" onClick={backToStreet}>
                返回金元街
              </Button>
            }
          />
        </View>
      );
    }
    return (
      <View className="page">
        <ErrorState error={state.error} onRetry={reload} />
      </View>
    );
  }

  return (
    <View className="page shop-detail">
      {shop.photos.length > 0 ? (
        <Swiper className="shop-detail__photos" indicatorDots={shop.photos.length > 1} circular>
          {shop.photos.map((photo) => (
            <SwiperItem key={photo.id}>
              <Image
                className="shop-detail__photo"
                src={absoluteUrl(photo.url)}
                mode="aspectFill"
                onClick={() => previewPhoto(absoluteUrl(photo.url))}
              />
            </SwiperItem>
          ))}
        </Swiper>
      ) : (
        <View className="shop-detail__photos shop-detail__photos--empty">
          <Text>{shop.name.slice(0, 1)}</Text>
          <Text className="shop-detail__no-photo">店主还没有上传照片</Text>
        </View>
      )}

      <View className="card shop-detail__summary">
        <View className="shop-detail__title-row">
          <Text className="shop-detail__name">{shop.name}</Text>
          <Text className="shop-detail__category">{SHOP_CATEGORY_LABELS[shop.category]}</Text>
        </View>
        {shop.isDemo && <Text className="shop-detail__demo">演示店铺，信息仅供参考</Text>}
        <Text className="shop-detail__intro">{shop.intro || '店主还没有填写介绍。'}</Text>
      </View>

      <View className="card shop-detail__facts">
        <View className="shop-detail__fact">
          <Text className="shop-detail__label">营业时间</Text>
          <Text className="shop-detail__value">{shop.openingHours || '未填写'}</Text>
        </View>
        <View className="shop-detail__fact">
          <Text className="shop-detail__label">联系电话</Text>
          <Text className="shop-detail__value">{shop.phone || '未填写'}</Text>
          {shop.phone && (
            <Button size="small" type="primary" fill="outline" onClick={callShop}>
              拨打电话
            </Button>
          )}
        </View>
        <View className="shop-detail__fact">
          <Text className="shop-detail__label">店铺位置</Text>
          <Text className="shop-detail__value">{describePosition(shop.street.name, shop)}</Text>
          {canOpenLocation && (
            <Button size="small" type="primary" fill="outline" onClick={navigate}>
              导航
            </Button>
          )}
        </View>
      </View>

      {state.status === 'error' && (
        <Text className="shop-detail__stale" onClick={reload}>
          刷新失败：{errorMessage(state.error)}，点此重试
        </Text>
      )}
    </View>
  );
}

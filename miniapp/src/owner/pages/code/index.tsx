import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { useState } from 'react';
import type { ShopCode } from '@shared/domain/shops';
import { absoluteUrl } from '../../../api';
import { errorMessage } from '../../../api/errors';
import { generateShopCode } from '../../../api/shops';
import { ErrorState, LoadingSkeleton } from '../../../components/StateViews';
import { useRemoteData } from '../../../hooks/useRemoteData';
import { canSaveToAlbum, saveImageToAlbum } from '../../../platform/device';
import { PrivacyPopup } from '../../../platform/privacy';
import { OwnerShopGate } from '../../components/OwnerShopGate';
import './index.css';

function ShopCodeView({ shopId, shopName }: { shopId: string; shopName: string }) {
  // POST without regenerate returns the stored image, making it only the first time.
  const { state, reload, setData } = useRemoteData<ShopCode>(shopId, () => generateShopCode(shopId));
  const [working, setWorking] = useState<'regenerate' | 'save' | null>(null);
  const code = state.data;

  const regenerate = async () => {
    const { confirm } = await Taro.showModal({
      title: '重新生成',
      content: '将重新生成小程序码图片。已张贴的小程序码扫码后仍打开本店铺，不受影响。',
      confirmText: '重新生成',
    });
    if (!confirm) return;

    setWorking('regenerate');
    try {
      setData(await generateShopCode(shopId, true));
      void Taro.showToast({ title: '已重新生成', icon: 'success' });
    } catch (error) {
      void Taro.showToast({ title: errorMessage(error), icon: 'none' });
    } finally {
      setWorking(null);
    }
  };

  const save = async () => {
    if (!code) return;
    setWorking('save');
    try {
      if (await saveImageToAlbum(absoluteUrl(code.imageUrl))) {
        void Taro.showToast({ title: '已保存到相册', icon: 'success' });
      }
    } catch (error) {
      void Taro.showToast({ title: error instanceof Error ? error.message : errorMessage(error), icon: 'none' });
    } finally {
      setWorking(null);
    }
  };

  const preview = () => {
    if (code) void Taro.previewImage({ urls: [absoluteUrl(code.imageUrl)] });
  };

  if (state.status === 'loading') return <LoadingSkeleton rows={2} withImage={false} />;
  if (!code) return <ErrorState title="小程序码获取失败" error={state.error} onRetry={reload} />;

  return (
    <View className="shop-code">
      <View className="card shop-code__card">
        <Text className="shop-code__name">{shopName || '本店铺'}</Text>
        <Image
          className="shop-code__image"
          src={absoluteUrl(code.imageUrl)}
          mode="aspectFit"
          showMenuByLongpress
          onClick={preview}
        />
        <Text className="muted shop-code__hint">微信扫一扫，打开店铺页面</Text>
      </View>

      <View className="shop-code__actions">
        {canSaveToAlbum ? (
          <Button
            type="primary"
            block
            loading={working === 'save'}
            disabled={working !== null}
            onClick={() => void save()}
          >
            保存到相册
          </Button>
        ) : (
          <Text className="muted shop-code__hint">长按或右键点击图片即可保存</Text>
        )}
        <Button block loading={working === 'regenerate'} disabled={working !== null} onClick={() => void regenerate()}>
          重新生成
        </Button>
      </View>

      <PrivacyPopup />
    </View>
  );
}

export default function OwnerCodePage() {
  return (
    <View className="page">
      <OwnerShopGate>{(shopId, shopName) => <ShopCodeView shopId={shopId} shopName={shopName} />}</OwnerShopGate>
    </View>
  );
}

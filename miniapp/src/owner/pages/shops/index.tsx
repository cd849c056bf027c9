import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { ShopSummary } from '@shared/domain/shops';
import { fetchMyShops } from '../../../api/shops';
import { LoginRequired } from '../../../components/LoginRequired';
import { ShopListItem } from '../../../components/ShopListItem';
import { SubscribeButton } from '../../../components/SubscribeButton';
import { EmptyState, ErrorState, LoadingSkeleton } from '../../../components/StateViews';
import { OPERATOR_NAME } from '../../../config';
import { useRemoteData } from '../../../hooks/useRemoteData';
import { ROUTES, withQuery } from '../../../routes';
import type { StoredSession } from '../../../session/stored';
import './index.css';

function MyShops({ session }: { session: StoredSession }) {
  const { state, reload } = useRemoteData(session.user.id, fetchMyShops);

  const open = (path: string, shop: ShopSummary) => {
    void Taro.navigateTo({ url: withQuery(path, { id: shop.id, name: shop.name }) });
  };

  if (state.status === 'loading') return <LoadingSkeleton rows={3} />;
  if (!state.data) return <ErrorState error={state.error} onRetry={reload} />;

  if (state.data.length === 0) {
    return (
      <EmptyState
        title="还没有绑定店铺"
        description={`店铺由${OPERATOR_NAME}为店主绑定。绑定后，您可以在这里编辑店铺资料、查看扫码统计。`}
      />
    );
  }

  return (
    <View>
      {state.data.map((shop) => (
        <View key={shop.id} className="my-shop">
          <ShopListItem shop={shop} onClick={() => open(ROUTES.shopDetail, shop)} />
          <View className="my-shop__actions">
            <Button size="small" type="primary" onClick={() => open(ROUTES.ownerEdit, shop)}>
              编辑资料
            </Button>
            <Button size="small" onClick={() => open(ROUTES.ownerStats, shop)}>
              扫码统计
            </Button>
            <Button size="small" onClick={() => open(ROUTES.ownerCode, shop)}>
              小程序码
            </Button>
          </View>
        </View>
      ))}
      <Text className="my-shop__hint">下拉可刷新列表</Text>
    </View>
  );
}

export default function OwnerShopsPage() {
  return (
    <View className="page">
      <LoginRequired>
        {(session) => (
          <>
            <SubscribeButton hint="开启后，您被绑定为新店铺的店主时会收到微信通知。" />
            <MyShops session={session} />
          </>
        )}
      </LoginRequired>
    </View>
  );
}

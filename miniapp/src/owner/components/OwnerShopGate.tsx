import { useRouter } from '@tarojs/taro';
import type { ReactNode } from 'react';
import { LoginRequired } from '../../components/LoginRequired';
import { ErrorState } from '../../components/StateViews';
import { readTextParam } from '../../routes';

/**
 * Renders an owner page for the shop in the page's `id` parameter once someone
 * is logged in. The `name` parameter is the shop name the opening page passed.
 */
export function OwnerShopGate({ children }: { children: (shopId: string, shopName: string) => ReactNode }) {
  const { params } = useRouter();
  const shopId = params.id ?? '';

  if (shopId === '') return <ErrorState title="缺少店铺" error={new Error('missing id')} />;
  return <LoginRequired>{() => children(shopId, readTextParam(params.name))}</LoginRequired>;
}

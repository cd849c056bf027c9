import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { useEffect, useMemo } from 'react';
import { ROUTES, withQuery } from '../../routes';
import { resolveScanTarget } from '../../scan/route';
import './index.css';

const COMING_SOON_TITLES = {
  traceBatch: '农产品溯源',
  meeting: '会议签到',
} as const;

/**
 * Decodes the scene of every printed code and sends the person on. Only codes
 * of modules that are not built yet stay on this page.
 */
export default function ScanPage() {
  const { params } = useRouter();
  const target = useMemo(() => resolveScanTarget(params), [params]);

  useEffect(() => {
    if (target.action === 'openShop') {
      void Taro.redirectTo({ url: target.url });
    } else if (target.action === 'openStreet') {
      // The street is a tab page; reLaunch is the navigation that can pass it a query.
      void Taro.reLaunch({ url: target.url });
    } else if (target.action === 'invalid') {
      console.warn('Scan page received an invalid scene', target.reason);
      void Taro.redirectTo({ url: withQuery(ROUTES.invalidCode, { reason: target.reason }) });
    }
  }, [target]);

  const goToStreet = () => {
    void Taro.switchTab({ url: ROUTES.home });
  };

  if (target.action !== 'comingSoon') {
    return (
      <View className="page scan-page">
        <Text className="scan-page__text">正在打开…</Text>
      </View>
    );
  }

  return (
    <View className="page scan-page">
      <View className="scan-page__badge">即将开放</View>
      <Text className="scan-page__title">{COMING_SOON_TITLES[target.kind]}</Text>
      <Text className="scan-page__text">此类二维码的功能即将开放，敬请期待。</Text>
      <Button type="primary" onClick={goToStreet}>
        先去金元街逛逛
      </Button>
    </View>
  );
}

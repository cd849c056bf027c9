import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { useEffect, useState } from 'react';
import { fetchSubscribeTemplates, recordSubscribeConsents, type SubscribeTemplate } from '../api/notifications';
import { errorMessage } from '../api/errors';
import {
  acceptedAny,
  classifySubscribeFailure,
  cleanSubscribeResults,
  subscribeTemplateIds,
} from '../notifications/subscribe';
import { requestSubscribe, subscribeSupported } from '../platform/subscribe';
import { useSession } from '../session/store';
import './SubscribeButton.css';

// Templates are configuration, the same for every user, so one load serves
// the whole run of the app. They load before the tap on purpose: WeChat opens
// the subscribe panel only from a tap handler with nothing awaited before it.
let templatesCache: SubscribeTemplate[] | null = null;
let templatesLoading: Promise<SubscribeTemplate[]> | null = null;

function loadTemplates(): Promise<SubscribeTemplate[]> {
  if (templatesCache) return Promise.resolve(templatesCache);
  templatesLoading ??= fetchSubscribeTemplates()
    .then((templates) => {
      templatesCache = templates;
      return templates;
    })
    .finally(() => {
      templatesLoading = null;
    });
  return templatesLoading;
}

function toast(title: string) {
  void Taro.showToast({ title, icon: 'none' });
}

/**
 * A hint and a 接收店铺通知 button that requests consent to WeChat subscribe
 * messages and records the result on the API. Renders nothing on H5, without
 * a session, or when the API has no template configured.
 */
export function SubscribeButton({ hint, className = '' }: { hint: string; className?: string }) {
  const session = useSession();
  const loggedIn = session !== null;
  const [templates, setTemplates] = useState<SubscribeTemplate[] | null>(templatesCache);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!subscribeSupported || !loggedIn || templates) return;
    loadTemplates()
      .then(setTemplates)
      .catch((error: unknown) => console.warn('Loading subscribe templates failed; a tap loads them again', error));
  }, [loggedIn, templates]);

  const reportPanelFailure = (error: unknown) => {
    const failure = classifySubscribeFailure(error);
    if (failure === 'cancelled') return;
    if (failure === 'switchedOff') {
      toast('通知已关闭，请在右上角“···”的设置中打开');
    } else if (failure === 'needsTap') {
      toast('请再点一次按钮开启通知');
    } else {
      console.warn('wx.requestSubscribeMessage failed', error);
      toast('通知开启失败，请稍后再试');
    }
  };

  const askConsent = async (ids: string[]) => {
    // Started before any await, so WeChat still counts the call as part of the tap.
    const panel = requestSubscribe(ids);
    setBusy(true);

    let results: Record<string, string>;
    try {
      results = cleanSubscribeResults(await panel, ids);
    } catch (error) {
      setBusy(false);
      reportPanelFailure(error);
      return;
    }

    try {
      if (Object.keys(results).length > 0) await recordSubscribeConsents(results);
      toast(acceptedAny(results) ? '已开启通知' : '未开启通知');
    } catch (error) {
      console.warn('Recording subscribe consents failed', error);
      toast(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const handleTap = () => {
    if (busy) return;
    if (templates) {
      void askConsent(subscribeTemplateIds(templates));
      return;
    }

    // The load before the tap failed or is still running. After this await
    // WeChat may refuse the panel, and the person is then asked to tap again.
    setBusy(true);
    loadTemplates()
      .then((loaded) => {
        setTemplates(loaded);
        setBusy(false);
        const ids = subscribeTemplateIds(loaded);
        if (ids.length > 0) void askConsent(ids);
      })
      .catch((error: unknown) => {
        setBusy(false);
        toast(errorMessage(error));
      });
  };

  if (!subscribeSupported || !loggedIn) return null;
  if (templates && subscribeTemplateIds(templates).length === 0) return null;

  return (
    <View className={`card subscribe-card ${className}`}>
      <Text className="subscribe-card__hint">{hint}</Text>
      <Button type="primary" size="small" fill="outline" loading={busy} onClick={handleTap}>
        接收店铺通知
      </Button>
    </View>
  );
}

import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { useEffect, useSyncExternalStore } from 'react';
import { ROUTES } from '../routes';
import './privacy.css';

/** WeChat checks that the agree call names a button with open-type="agreePrivacyAuthorization" that was tapped. */
const AGREE_BUTTON_ID = 'agree-privacy-button';

type ResolvePrivacy = (option: Taro.onNeedPrivacyAuthorization.ResolveOption) => void;

// One popup state for the whole app: WeChat keeps a single
// onNeedPrivacyAuthorization listener, and any page may need consent.
let visible = false;
let mountedPopups = 0;
let pendingWechatResolve: ResolvePrivacy | null = null;
let waitingCallers: Array<(agreed: boolean) => void> = [];
const listeners = new Set<() => void>();

function setVisible(next: boolean): void {
  visible = next;
  listeners.forEach((listener) => listener());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function decide(agreed: boolean): void {
  pendingWechatResolve?.(agreed ? { event: 'agree', buttonId: AGREE_BUTTON_ID } : { event: 'disagree' });
  pendingWechatResolve = null;

  const callers = waitingCallers;
  waitingCallers = [];
  callers.forEach((resolve) => resolve(agreed));
  setVisible(false);
}

export function ensurePrivacyConsent(): Promise<boolean> {
  return new Promise((resolve) => {
    // Base libraries before 2.32.3 have no privacy check, and without a
    // mounted popup there is nothing to ask with; WeChat then applies its own rules.
    if (typeof Taro.getPrivacySetting !== 'function' || mountedPopups === 0) {
      resolve(true);
      return;
    }

    Taro.getPrivacySetting({
      success: ({ needAuthorization }) => {
        if (!needAuthorization) {
          resolve(true);
          return;
        }
        waitingCallers.push(resolve);
        setVisible(true);
      },
      fail: (error) => {
        console.warn('getPrivacySetting failed; leaving the check to the privacy API itself', error);
        resolve(true);
      },
    });
  });
}

export function PrivacyPopup(): JSX.Element | null {
  const isVisible = useSyncExternalStore(
    subscribe,
    () => visible,
    () => visible,
  );

  useEffect(() => {
    mountedPopups += 1;
    return () => {
      mountedPopups -= 1;
    };
  }, []);

  // A privacy API called without prior consent pauses until resolve is called.
  // The listener is global, so each page that shows the popup takes it over when shown.
  useDidShow(() => {
    if (typeof Taro.onNeedPrivacyAuthorization !== 'function') return;
    Taro.onNeedPrivacyAuthorization((resolve) => {
      pendingWechatResolve = resolve;
      setVisible(true);
    });
  });

  const openContract = () => {
    Taro.openPrivacyContract({
      fail: () => Taro.navigateTo({ url: ROUTES.privacy }),
    });
  };

  if (!isVisible) return null;

  return (
    <View className="privacy-popup">
      <View className="privacy-popup__panel">
        <Text className="privacy-popup__title">用户隐私保护提示</Text>
        <View className="privacy-popup__body">
          <Text>上传店铺照片、保存小程序码需要访问相册或相机。使用前请阅读</Text>
          <Text className="privacy-popup__link" onClick={openContract}>
            《数字乡村隐私保护指引》
          </Text>
          <Text>。同意后才能使用这些功能。</Text>
        </View>
        <View className="privacy-popup__actions">
          <Button className="privacy-popup__button" onClick={() => decide(false)}>
            不同意
          </Button>
          <Button
            id={AGREE_BUTTON_ID}
            className="privacy-popup__button privacy-popup__button--agree"
            openType="agreePrivacyAuthorization"
            onAgreePrivacyAuthorization={() => decide(true)}
          >
            同意
          </Button>
        </View>
      </View>
    </View>
  );
}

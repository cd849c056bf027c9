import Taro, { useDidShow } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { useState, type ReactNode } from 'react';
import { ROUTES } from '../routes';
import { ensureWechatLogin } from '../session/login';
import { useSession } from '../session/store';
import type { StoredSession } from '../session/stored';
import { EmptyState, ErrorState, LoadingSkeleton } from './StateViews';

/**
 * Renders `children` once someone is logged in. On weapp it logs in with
 * wx.login first; on H5 it points to the demo login on 我的.
 */
export function LoginRequired({
  children,
  description = '登录后才能管理店铺',
}: {
  children: (session: StoredSession) => ReactNode;
  /** Line under 请先登录 naming what logging in unlocks. */
  description?: string;
}) {
  const session = useSession();
  const [attempt, setAttempt] = useState<{ status: 'idle' | 'working' } | { status: 'failed'; error: unknown }>({
    status: 'idle',
  });

  const login = () => {
    setAttempt({ status: 'working' });
    ensureWechatLogin()
      .then(() => setAttempt({ status: 'idle' }))
      .catch((error: unknown) => setAttempt({ status: 'failed', error }));
  };

  useDidShow(() => {
    if (!session) login();
  });

  if (session) return <>{children(session)}</>;
  if (attempt.status === 'working') return <LoadingSkeleton rows={3} />;
  if (attempt.status === 'failed') return <ErrorState title="登录失败" error={attempt.error} onRetry={login} />;

  return (
    <EmptyState
      title="请先登录"
      description={description}
      action={
        <View>
          <Button type="primary" onClick={() => void Taro.switchTab({ url: ROUTES.mine })}>
            去登录
          </Button>
        </View>
      }
    />
  );
}

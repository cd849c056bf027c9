import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, Cell } from '@nutui/nutui-react-taro';
import { useEffect, useRef, useState } from 'react';
import { ROLE_LABELS, type DemoUser } from '@shared/domain/auth';
import { fetchDemoUsers } from '../../api/auth';
import { errorMessage, isApiError } from '../../api/errors';
import { ErrorState, LoadingSkeleton } from '../../components/StateViews';
import { SubscribeButton } from '../../components/SubscribeButton';
import { OPERATOR_NAME } from '../../config';
import { useRemoteData } from '../../hooks/useRemoteData';
import { refreshUnreadCount, useUnreadCount } from '../../notifications/unread';
import { wechatLoginAvailable } from '../../platform/login';
import { ROUTES } from '../../routes';
import { ensureWechatLogin, loginAsDemoUser, logout, refreshCurrentUser } from '../../session/login';
import { canManageShops, isCountyAdmin } from '../../session/roles';
import { useSession } from '../../session/store';
import './index.css';

function reloadUnreadCount() {
  refreshUnreadCount().catch((error: unknown) => console.warn('Reloading the unread count failed', error));
}

type LoginState = { status: 'idle' } | { status: 'working' } | { status: 'failed'; error: unknown };

/** Demo users to pick from where wx.login is missing (H5, local testing). */
function DemoLogin({ onPick, busy }: { onPick: (user: DemoUser) => void; busy: boolean }) {
  const { state, reload } = useRemoteData('demo-users', fetchDemoUsers);

  if (state.status === 'loading') return <LoadingSkeleton rows={3} withImage={false} />;
  if (state.status === 'error' && isApiError(state.error, 'DEV_LOGIN_DISABLED')) {
    return <Text className="mine-page__note">演示登录仅在开发环境可用，请在微信中打开小程序登录。</Text>;
  }
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={reload} title="演示用户加载失败" />;

  return (
    <View className="card">
      <Text className="mine-page__card-title">演示登录</Text>
      <Text className="mine-page__note">网页版无法使用微信登录，请选择一个演示身份：</Text>
      {state.data.map((user) => (
        <Cell
          key={user.id}
          className="mine-page__demo-user"
          title={user.nickname}
          description={user.description}
          extra={busy ? '' : '登录'}
          onClick={() => !busy && onPick(user)}
        />
      ))}
    </View>
  );
}

export default function MinePage() {
  const session = useSession();
  const user = session?.user ?? null;
  const [login, setLogin] = useState<LoginState>({ status: 'idle' });
  const unreadCount = useUnreadCount();
  const userId = user?.id ?? null;

  const runLogin = async (task: () => Promise<void>, successToast?: string) => {
    setLogin({ status: 'working' });
    try {
      await task();
      setLogin({ status: 'idle' });
      if (successToast) void Taro.showToast({ title: successToast, icon: 'success' });
    } catch (error) {
      console.warn('Login failed', error);
      setLogin({ status: 'failed', error });
    }
  };

  useDidShow(() => {
    if (!session && wechatLoginAvailable) {
      void runLogin(ensureWechatLogin);
      return;
    }
    // Roles change when an admin binds a shop; reload them quietly on each visit.
    refreshCurrentUser().catch((error: unknown) => console.warn('Reloading the current user failed', error));
    reloadUnreadCount();
  });

  // Logging in or out happens on this page without a new show, so the count follows the user too.
  const shownUser = useRef(userId);
  useEffect(() => {
    if (shownUser.current === userId) return;
    shownUser.current = userId;
    reloadUnreadCount();
  }, [userId]);

  const confirmLogout = async () => {
    const { confirm } = await Taro.showModal({
      title: '退出登录',
      content: '退出后需要重新登录才能管理店铺，确定退出吗？',
      confirmText: '退出',
      confirmColor: '#c8322a',
    });
    if (!confirm) return;
    await logout();
    void Taro.showToast({ title: '已退出登录', icon: 'none' });
  };

  const open = (url: string) => {
    void Taro.navigateTo({ url });
  };

  return (
    <View className="page mine-page">
      <View className="mine-page__header">
        <View className="mine-page__avatar">{user ? user.nickname.slice(0, 1) : '游'}</View>
        <View className="mine-page__identity">
          <Text className="mine-page__name">{user ? user.nickname : '未登录'}</Text>
          <Text className="mine-page__roles">
            {user
              ? user.roles
                  .map((grant) => ROLE_LABELS[grant.role])
                  .filter((label, index, all) => all.indexOf(label) === index)
                  .join('、') || '游客'
              : '登录后可管理店铺'}
          </Text>
        </View>
        {user?.isDemo && <Text className="mine-page__demo">演示账号</Text>}
      </View>

      {!user && login.status === 'working' && (
        <Text className="mine-page__note mine-page__note--center">正在登录…</Text>
      )}

      {!user && login.status === 'failed' && (
        <View className="card mine-page__failed">
          <Text className="mine-page__note">登录失败：{errorMessage(login.error)}</Text>
          {wechatLoginAvailable && (
            <Button type="primary" size="small" onClick={() => void runLogin(ensureWechatLogin)}>
              重新登录
            </Button>
          )}
        </View>
      )}

      {!user && !wechatLoginAvailable && (
        <DemoLogin
          busy={login.status === 'working'}
          onPick={(demo) => void runLogin(() => loginAsDemoUser(demo.id), '登录成功')}
        />
      )}

      {user && <SubscribeButton hint="开启后，您被绑定为店主时会收到微信通知。" />}

      <View className="card mine-page__links">
        {user && (
          <Cell
            title="消息"
            extra={unreadCount > 0 ? <Text className="mine-page__unread">{unreadCount} 条未读</Text> : ''}
            clickable
            onClick={() => open(ROUTES.inbox)}
          />
        )}
        {canManageShops(user) && (
          <Cell title="我的店铺" extra="编辑资料 · 查看统计" clickable onClick={() => open(ROUTES.ownerShops)} />
        )}
        {isCountyAdmin(user) && (
          <Cell title="店主管理" extra="绑定或解绑店主" clickable onClick={() => open(ROUTES.adminOwners)} />
        )}
        {isCountyAdmin(user) && (
          <Cell title="发送失败的消息" extra="查看并重新发送" clickable onClick={() => open(ROUTES.adminDeadLetters)} />
        )}
        <Cell title="隐私保护指引" clickable onClick={() => open(ROUTES.privacy)} />
        {user && <Cell title="退出登录" clickable onClick={() => void confirmLogout()} />}
      </View>

      <Text className="mine-page__footer">数字乡村 · 由{OPERATOR_NAME}运营</Text>
    </View>
  );
}

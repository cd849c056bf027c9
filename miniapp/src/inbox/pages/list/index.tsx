import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { useState } from 'react';
import type { InboxMessage } from '../../../api/notifications';
import { errorMessage } from '../../../api/errors';
import { LoginRequired } from '../../../components/LoginRequired';
import { EmptyState, ErrorState, LoadingSkeleton } from '../../../components/StateViews';
import { formatMessageTime, messageTarget } from '../../../notifications/messages';
import { useUnreadCount } from '../../../notifications/unread';
import type { StoredSession } from '../../../session/stored';
import { useInbox, type MoreStatus } from '../../hooks/useInbox';
import './index.css';

function toast(title: string) {
  void Taro.showToast({ title, icon: 'none' });
}

function MessageItem({ message, now, onOpen }: { message: InboxMessage; now: Date; onOpen: () => void }) {
  return (
    <View className={`inbox-item ${message.read ? '' : 'inbox-item--unread'}`} onClick={onOpen}>
      <View className="inbox-item__head">
        {!message.read && <View className="inbox-item__dot" aria-label="未读" />}
        <Text className="inbox-item__title">{message.title}</Text>
        <Text className="inbox-item__time">{formatMessageTime(message.createdAt, now)}</Text>
      </View>
      <Text className="inbox-item__body">{message.body}</Text>
    </View>
  );
}

function ListFooter({ hasMore, more, onLoadMore }: { hasMore: boolean; more: MoreStatus; onLoadMore: () => void }) {
  if (!hasMore) return <Text className="inbox-footer">没有更多消息了</Text>;
  if (more === 'loading') return <Text className="inbox-footer">加载中…</Text>;
  return (
    <Text className="inbox-footer inbox-footer--action" onClick={onLoadMore}>
      {more === 'failed' ? '加载失败，点击重试' : '加载更多'}
    </Text>
  );
}

function Inbox({ session }: { session: StoredSession }) {
  const { state, reload, loadMore, markRead, markAllRead } = useInbox(session.user.id);
  const unreadCount = useUnreadCount();
  const [markingAll, setMarkingAll] = useState(false);

  usePullDownRefresh(() => {
    reload(false)
      .catch((error: unknown) => toast(errorMessage(error)))
      .finally(() => Taro.stopPullDownRefresh());
  });

  useReachBottom(() => {
    if (state.status === 'ready' && state.more === 'idle') loadMore();
  });

  // A failed retry shows the error view again, so the rejection needs no other handling.
  const retryFirstLoad = () => {
    reload(true).catch((error: unknown) => console.warn('Loading the inbox failed again', error));
  };

  const openMessage = (message: InboxMessage) => {
    markRead(message).catch((error: unknown) => toast(`标记已读失败：${errorMessage(error)}`));

    const target = messageTarget(message.page);
    if (!target) return;
    const navigation =
      target.method === 'switchTab' ? Taro.switchTab({ url: target.url }) : Taro.navigateTo({ url: target.url });
    navigation.catch((error: unknown) => {
      console.warn('Opening the page of a message failed', message.page, error);
      toast('页面打开失败，请稍后再试');
    });
  };

  const confirmMarkAllRead = async () => {
    const { confirm } = await Taro.showModal({
      title: '全部已读',
      content: `将 ${unreadCount} 条未读消息全部标记为已读吗？`,
      confirmText: '全部已读',
      confirmColor: '#c8322a',
    });
    if (!confirm) return;

    setMarkingAll(true);
    try {
      await markAllRead();
      void Taro.showToast({ title: '已全部标记为已读', icon: 'none' });
    } catch (error) {
      toast(errorMessage(error));
    } finally {
      setMarkingAll(false);
    }
  };

  if (state.status === 'loading') return <LoadingSkeleton rows={5} withImage={false} />;
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={retryFirstLoad} />;
  if (state.messages.length === 0) {
    return <EmptyState title="暂无消息" description="店铺绑定、小程序码生成等通知会显示在这里。" />;
  }

  const now = new Date();
  return (
    <View>
      <View className="inbox-toolbar">
        <Text className="inbox-toolbar__count">{unreadCount > 0 ? `${unreadCount} 条未读` : '没有未读消息'}</Text>
        {unreadCount > 0 && (
          <Button size="small" fill="outline" loading={markingAll} onClick={() => void confirmMarkAllRead()}>
            全部已读
          </Button>
        )}
      </View>
      <View className="inbox-list">
        {state.messages.map((message) => (
          <MessageItem key={message.id} message={message} now={now} onOpen={() => openMessage(message)} />
        ))}
      </View>
      <ListFooter hasMore={state.nextCursor !== null} more={state.more} onLoadMore={loadMore} />
    </View>
  );
}

export default function InboxPage() {
  return (
    <View className="page">
      <LoginRequired description="登录后可以查看消息">{(session) => <Inbox session={session} />}</LoginRequired>
    </View>
  );
}

import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { useState } from 'react';
import { errorMessage, isApiError } from '../../../api/errors';
import { fetchDeadLetters, retryDeadLetters, type DeadLetter } from '../../../api/notifications';
import { LoginRequired } from '../../../components/LoginRequired';
import { EmptyState, ErrorState, LoadingSkeleton } from '../../../components/StateViews';
import { useRemoteData } from '../../../hooks/useRemoteData';
import { formatDateTime } from '../../../notifications/messages';
import { isCountyAdmin } from '../../../session/roles';
import type { StoredSession } from '../../../session/stored';
import { deadLetterChannelLabel, deadLetterKindLabel, shortErrorNote } from '../../lib/deadLetters';
import './index.css';

/** Rows one load shows. The API accepts up to 50, and a retry takes up to 100 ids, so one page always fits. */
const DEAD_LETTER_LIMIT = 50;

function toast(title: string) {
  void Taro.showToast({ title, icon: 'none' });
}

function DeadLetterItem({
  letter,
  selected,
  onToggle,
}: {
  letter: DeadLetter;
  selected: boolean;
  onToggle: () => void;
}) {
  return (
    <View className={`dead-letter ${selected ? 'dead-letter--selected' : ''}`} onClick={onToggle}>
      <View className={`dead-letter__check ${selected ? 'dead-letter__check--on' : ''}`} aria-checked={selected}>
        {selected ? '✓' : ''}
      </View>
      <View className="dead-letter__content">
        <View className="dead-letter__head">
          <Text className="dead-letter__kind">{deadLetterKindLabel(letter.kind)}</Text>
          <Text className="dead-letter__channel">{deadLetterChannelLabel(letter.channel)}</Text>
        </View>
        <Text className="dead-letter__meta">
          收件人：{letter.nickname} · 已尝试 {letter.attempts} 次 · {formatDateTime(letter.createdAt)}
        </Text>
        <Text className="dead-letter__error">{shortErrorNote(letter.lastError)}</Text>
      </View>
    </View>
  );
}

function DeadLetterList({ session }: { session: StoredSession }) {
  const { state, reload } = useRemoteData(session.user.id, () => fetchDeadLetters(DEAD_LETTER_LIMIT));
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [retrying, setRetrying] = useState(false);

  const letters = state.data ?? [];
  // Selections of rows that a reload removed are ignored.
  const selectedIds = letters.filter((letter) => selected.has(letter.id)).map((letter) => letter.id);

  const toggle = (id: string) => {
    setSelected((previous) => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  };

  const retry = async (ids: string[], all: boolean) => {
    const { confirm } = await Taro.showModal({
      title: all ? '重试全部' : '重试所选',
      content: `确定重新发送${all ? '全部' : '所选的'} ${ids.length} 条消息吗？收件人会收到原来的通知。`,
      confirmText: '重试',
      confirmColor: '#c8322a',
    });
    if (!confirm) return;

    setRetrying(true);
    try {
      const retried = await retryDeadLetters(ids);
      void Taro.showToast({ title: `已提交重试：${retried} 条`, icon: 'none' });
      setSelected(new Set());
    } catch (error) {
      toast(errorMessage(error));
      // NOT_FOUND means another admin retried them first; the reload below shows what is left.
      if (!isApiError(error, 'NOT_FOUND')) return;
    } finally {
      setRetrying(false);
    }
    await reload();
  };

  if (state.status === 'loading') return <LoadingSkeleton rows={4} withImage={false} />;
  if (!state.data) return <ErrorState error={state.error} onRetry={reload} />;
  if (letters.length === 0) {
    return <EmptyState title="没有发送失败的消息" description="无法送达的通知会列在这里，可以重新发送。" />;
  }

  return (
    <View>
      <View className="dead-letters-toolbar">
        <Text className="dead-letters-toolbar__count">
          {letters.length >= DEAD_LETTER_LIMIT ? `显示最近 ${DEAD_LETTER_LIMIT} 条` : `共 ${letters.length} 条`}
        </Text>
        <Button
          size="small"
          fill="outline"
          disabled={retrying || selectedIds.length === 0}
          onClick={() => void retry(selectedIds, false)}
        >
          重试所选{selectedIds.length > 0 ? `（${selectedIds.length}）` : ''}
        </Button>
        <Button
          size="small"
          type="primary"
          loading={retrying}
          onClick={() =>
            void retry(
              letters.map((letter) => letter.id),
              true,
            )
          }
        >
          重试全部
        </Button>
      </View>
      <View className="dead-letters-list">
        {letters.map((letter) => (
          <DeadLetterItem
            key={letter.id}
            letter={letter}
            selected={selected.has(letter.id)}
            onToggle={() => toggle(letter.id)}
          />
        ))}
      </View>
    </View>
  );
}

function DeadLetterAdmin({ session }: { session: StoredSession }) {
  if (!isCountyAdmin(session.user)) {
    return <EmptyState title="没有权限" description="只有大数据中心管理员可以查看发送失败的消息。" />;
  }
  return <DeadLetterList session={session} />;
}

export default function DeadLettersPage() {
  return (
    <View className="page">
      <LoginRequired description="登录后可以查看发送失败的消息">
        {(session) => <DeadLetterAdmin session={session} />}
      </LoginRequired>
    </View>
  );
}

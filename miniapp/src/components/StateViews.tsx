import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { ReactNode } from 'react';
import { errorMessage } from '../api/errors';
import './StateViews.css';

/** Grey placeholder rows shown while a list or detail loads. */
export function LoadingSkeleton({ rows = 4, withImage = true }: { rows?: number; withImage?: boolean }) {
  return (
    <View className="skeleton" aria-label="加载中">
      {Array.from({ length: rows }, (_, index) => (
        <View key={index} className="skeleton__row">
          {withImage && <View className="skeleton__image" />}
          <View className="skeleton__lines">
            <View className="skeleton__line skeleton__line--wide" />
            <View className="skeleton__line" />
          </View>
        </View>
      ))}
    </View>
  );
}

export function ErrorState({
  error,
  onRetry,
  title = '加载失败',
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}) {
  return (
    <View className="state-view">
      <Text className="state-view__title">{title}</Text>
      <Text className="state-view__text">{errorMessage(error)}</Text>
      {onRetry && (
        <Button className="state-view__button" type="primary" size="small" onClick={onRetry}>
          重试
        </Button>
      )}
    </View>
  );
}

export function EmptyState({
  title,
  description,
  action,
}: {
  title: string;
  description?: string;
  action?: ReactNode;
}) {
  return (
    <View className="state-view">
      <View className="state-view__icon" />
      <Text className="state-view__title">{title}</Text>
      {description && <Text className="state-view__text">{description}</Text>}
      {action}
    </View>
  );
}

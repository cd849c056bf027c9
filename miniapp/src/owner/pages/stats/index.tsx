import { Text, View } from '@tarojs/components';
import { useMemo, useState } from 'react';
import { businessDay } from '@shared/time';
import { fetchShopStats } from '../../../api/shops';
import { EmptyState, ErrorState, LoadingSkeleton } from '../../../components/StateViews';
import { useRemoteData } from '../../../hooks/useRemoteData';
import { barPercent, fillStatsDays, STATS_RANGES, statsRange, type StatsRangeDays } from '../../lib/stats';
import { OwnerShopGate } from '../../components/OwnerShopGate';
import './index.css';

function ShopStatsView({ shopId }: { shopId: string }) {
  const [days, setDays] = useState<StatsRangeDays>(7);
  // NOTE: businessDay uses dayjs's timezone plugin, which needs Intl time zone
  // support; a mini-program engine without it would throw here.
  const range = useMemo(() => statsRange(days, businessDay()), [days]);
  const { state, reload } = useRemoteData(`${shopId}:${range.from}:${range.to}`, () =>
    fetchShopStats(shopId, range.from, range.to),
  );

  const rows = useMemo(() => (state.data ? fillStatsDays(state.data).reverse() : []), [state.data]);
  const maxViews = rows.reduce((max, row) => Math.max(max, row.views), 0);

  return (
    <View>
      <View className="stats-range">
        {STATS_RANGES.map((option) => (
          <View
            key={option}
            className={`stats-range__item ${option === days ? 'stats-range__item--active' : ''}`}
            onClick={() => setDays(option)}
          >
            最近 {option} 天
          </View>
        ))}
      </View>

      {state.status === 'loading' && <LoadingSkeleton rows={4} withImage={false} />}
      {state.status === 'error' && !state.data && <ErrorState error={state.error} onRetry={reload} />}

      {state.data && (
        <>
          <View className="stats-totals">
            <View className="stats-totals__item">
              <Text className="stats-totals__value">{state.data.totalViews}</Text>
              <Text className="stats-totals__label">浏览量</Text>
            </View>
            <View className="stats-totals__item">
              <Text className="stats-totals__value">{state.data.totalVisitors}</Text>
              <Text className="stats-totals__label">访客数</Text>
            </View>
          </View>
          <Text className="stats-note">
            {range.from} 至 {range.to}。浏览量是扫码打开店铺的次数；同一访客一天内多次扫码，只计一位访客。
          </Text>

          {state.data.totalViews === 0 ? (
            <EmptyState
              title="这段时间还没有人扫码"
              description="把店铺小程序码张贴在显眼的位置，方便游客扫码了解您的店铺。"
            />
          ) : (
            <View className="card stats-days">
              {rows.map((row) => (
                <View key={row.day} className="stats-days__row">
                  <Text className="stats-days__date">{row.day.slice(5)}</Text>
                  <View className="stats-days__bar-track">
                    <View className="stats-days__bar" style={{ width: `${barPercent(row.views, maxViews)}%` }} />
                  </View>
                  <Text className="stats-days__numbers">
                    {row.views} 次 / {row.visitors} 人
                  </Text>
                </View>
              ))}
            </View>
          )}
        </>
      )}
    </View>
  );
}

export default function OwnerStatsPage() {
  return (
    <View className="page">
      <OwnerShopGate>
        {(shopId, shopName) => (
          <>
            {shopName && <Text className="section-title">{shopName}</Text>}
            <ShopStatsView shopId={shopId} />
          </>
        )}
      </OwnerShopGate>
    </View>
  );
}

import type { ScanStatsDay, ShopStats } from '@shared/domain/shops';
import { addDays, daysBetween } from '@shared/time';

export const STATS_RANGES = [7, 30] as const;
export type StatsRangeDays = (typeof STATS_RANGES)[number];

/** Computes the range of the last `days` business days, up to and including `today` (YYYY-MM-DD). */
export function statsRange(days: StatsRangeDays, today: string): { from: string; to: string } {
  return { from: addDays(today, -(days - 1)), to: today };
}

/**
 * Gives one row per day of the range, oldest first, with zeros for days the
 * API left out, so the chart has no gaps.
 */
export function fillStatsDays(stats: ShopStats): ScanStatsDay[] {
  const byDay = new Map(stats.days.map((day) => [day.day, day]));
  return daysBetween(stats.from, stats.to).map((day) => byDay.get(day) ?? { day, views: 0, visitors: 0 });
}

/** Bar width in percent of the busiest day, at least 2 so that a day with views stays visible. */
export function barPercent(value: number, max: number): number {
  if (value <= 0 || max <= 0) return 0;
  return Math.max(2, Math.round((value / max) * 100));
}

/**
 * Business time is Asia/Shanghai whatever the server's own zone (Vercel runs in
 * UTC). Timestamps travel as ISO 8601 with an offset.
 */
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

export const BUSINESS_TIME_ZONE = 'Asia/Shanghai';

/** The business day (YYYY-MM-DD in Asia/Shanghai) that an instant falls on. */
export function businessDay(instant: Date | string | number = new Date()): string {
  return dayjs(instant).tz(BUSINESS_TIME_ZONE).format('YYYY-MM-DD');
}

/** An instant as ISO 8601 with the +08:00 offset, for the wire. */
export function toBusinessIso(instant: Date | string | number): string {
  return dayjs(instant).tz(BUSINESS_TIME_ZONE).format('YYYY-MM-DDTHH:mm:ss.SSSZ');
}

/** Adds days to a YYYY-MM-DD business day. */
export function addDays(day: string, days: number): string {
  return dayjs.tz(day, BUSINESS_TIME_ZONE).add(days, 'day').format('YYYY-MM-DD');
}

/** Lists the business days from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const start = dayjs.tz(from, BUSINESS_TIME_ZONE);
  const count = dayjs.tz(to, BUSINESS_TIME_ZONE).diff(start, 'day') + 1;
  // Counting days rather than comparing strings: '10000-01-01' sorts before '9999-12-31'.
  if (!Number.isFinite(count) || count > MAX_DAYS_BETWEEN) {
    throw new Error(`Range ${from} to ${to} is invalid or longer than ${MAX_DAYS_BETWEEN} days`);
  }
  return Array.from({ length: Math.max(0, count) }, (_, index) => start.add(index, 'day').format('YYYY-MM-DD'));
}

/** Longest range `daysBetween` lists, a guard against runaway loops: about ten years. */
export const MAX_DAYS_BETWEEN = 3700;

/** Whether a YYYY-MM-DD string names a real calendar day (no 02-30) between years 2000 and 2099. */
export function isCalendarDay(value: string): boolean {
  const match = /^(20\d{2})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;

  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

/** The instant of a wall-clock time on a business day in Asia/Shanghai, e.g. ('2026-12-05', '20:00'). */
export function businessInstant(day: string, time: string): Date {
  const text = `${day} ${time}`;
  const instant = dayjs.tz(text, 'YYYY-MM-DD HH:mm', BUSINESS_TIME_ZONE);
  // dayjs rolls 02-30 over to 03-02 instead of failing, so the value must format back to itself.
  if (!instant.isValid() || instant.format('YYYY-MM-DD HH:mm') !== text) {
    throw new Error(`"${text}" is not a valid Asia/Shanghai date and time (YYYY-MM-DD HH:mm)`);
  }
  return instant.toDate();
}

/**
 * When to remind someone of something that happens at `start`: `hoursBefore`
 * earlier, but never during the night (22:00–08:00 in Asia/Shanghai), when a
 * reminder moves to 20:00 the evening before.
 */
export function reminderTime(start: Date | string, hoursBefore: number): Date {
  const target = dayjs(start).subtract(hoursBefore, 'hour').tz(BUSINESS_TIME_ZONE);
  const hour = target.hour();
  if (hour >= 8 && hour < 22) return target.toDate();

  // 22:00–23:59 belongs to the same evening; 00:00–07:59 to the evening before.
  const evening = hour >= 22 ? target : target.subtract(1, 'day');
  return businessInstant(evening.format('YYYY-MM-DD'), '20:00');
}

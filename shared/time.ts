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
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}

import { addDays, businessDay, daysBetween, toBusinessIso } from './time';

test('business day follows Shanghai, not UTC', () => {
  // 2026-03-01 17:30 UTC is already 01:30 on 03-02 in Shanghai.
  expect(businessDay(new Date('2026-03-01T17:30:00Z'))).toBe('2026-03-02');
});

test('iso string carries the +08:00 offset', () => {
  expect(toBusinessIso(new Date('2026-03-01T17:30:00.123Z'))).toBe('2026-03-02T01:30:00.123+08:00');
});

test('days between crosses a month end', () => {
  expect(daysBetween('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
});

test('addDays crosses a year end', () => {
  expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
});

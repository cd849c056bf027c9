import { addDays, businessDay, businessInstant, daysBetween, isCalendarDay, reminderTime, toBusinessIso } from './time';

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

test('business instant is Shanghai wall time', () => {
  expect(businessInstant('2026-12-05', '20:00').toISOString()).toBe('2026-12-05T12:00:00.000Z');
});

test('invalid business instant names the value', () => {
  expect(() => businessInstant('2026-02-30', '25:00')).toThrow('not a valid Asia/Shanghai date and time');
});

test.each([
  ['daytime reminder keeps its time', '2026-12-05T06:00:00Z', 1, '2026-12-05T05:00:00.000Z'],
  ['late evening moves to 20:00', '2026-12-05T15:30:00Z', 1, '2026-12-05T12:00:00.000Z'],
  ['early morning moves to the evening before', '2026-12-05T00:30:00Z', 1, '2026-12-04T12:00:00.000Z'],
  ['a day ahead keeps the clock time', '2026-12-06T02:00:00Z', 24, '2026-12-05T02:00:00.000Z'],
])('reminder: %s', (_name, start, hours, expected) => {
  expect(reminderTime(start, hours).toISOString()).toBe(expected);
});

test('days between a reversed range is empty', () => {
  expect(daysBetween('2026-03-02', '2026-03-01')).toEqual([]);
});

test('days between far dates stops instead of looping', () => {
  expect(() => daysBetween('9999-12-31', '9999-12-31')).not.toThrow();
  expect(() => daysBetween('2000-01-01', '2099-12-31')).toThrow('longer than 3700 days');
});

test.each([
  ['2026-02-28', true],
  ['2028-02-29', true],
  ['2026-02-29', false],
  ['2026-02-30', false],
  ['2026-04-31', false],
  ['0000-01-01', false],
  ['9999-12-31', false],
  ['2026-13-01', false],
  ['2026-1-01', false],
])('isCalendarDay(%s) is %s', (value, expected) => {
  expect(isCalendarDay(value)).toBe(expected);
});

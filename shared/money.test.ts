import { formatFen, formatYuan } from './money';

test.each([
  [0, '0.00'],
  [5, '0.05'],
  [12345, '123.45'],
  [-250, '-2.50'],
])('formatFen(%d) is %s', (fen, text) => {
  expect(formatFen(fen)).toBe(text);
});

test('formatYuan adds the sign', () => {
  expect(formatYuan(9900)).toBe('¥99.00');
});

test('fractional fen is rejected', () => {
  expect(() => formatFen(1.5)).toThrow('not a whole number of fen');
});

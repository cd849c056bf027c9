/**
 * Money is integer fen (分) everywhere; yuan exists only in display strings.
 */

/** Formats fen as yuan for display, e.g. 12345 → "123.45". */
export function formatFen(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new Error(`Amount ${fen} is not a whole number of fen`);

  const sign = fen < 0 ? '-' : '';
  const absolute = Math.abs(fen);
  const yuan = Math.floor(absolute / 100);
  const rest = String(absolute % 100).padStart(2, '0');
  return `${sign}${yuan}.${rest}`;
}

/** Formats fen with the currency sign, e.g. 12345 → "¥123.45". */
export function formatYuan(fen: number): string {
  return `¥${formatFen(fen)}`;
}

import { formatDateTime, formatMessageTime, messageTarget, unreadBadgeText } from './messages';

describe('formatMessageTime', () => {
  // 2025-03-05 14:30 in Beijing.
  const now = new Date('2025-03-05T14:30:00+08:00');

  it.each([
    ['2025-03-05T14:29:30.000+08:00', '刚刚'],
    ['2025-03-05T14:30:40.000+08:00', '刚刚'],
    ['2025-03-05T14:29:00.000+08:00', '1 分钟前'],
    ['2025-03-05T13:31:00.000+08:00', '59 分钟前'],
    ['2025-03-05T13:30:00.000+08:00', '今天 13:30'],
    ['2025-03-05T00:05:00.000+08:00', '今天 00:05'],
    ['2025-03-04T23:59:00.000+08:00', '昨天 23:59'],
    ['2025-03-04T00:00:00.000+08:00', '昨天 00:00'],
    ['2025-03-03T23:59:00.000+08:00', '3月3日 23:59'],
    ['2025-01-01T08:00:00.000+08:00', '1月1日 08:00'],
    ['2024-12-31T23:00:00.000+08:00', '2024年12月31日'],
  ])('formats %s as %s', (createdAt, expected) => {
    expect(formatMessageTime(createdAt, now)).toBe(expected);
  });

  it('uses Beijing days for UTC timestamps', () => {
    // 16:10 UTC on the 4th is 00:10 on the 5th in Beijing.
    expect(formatMessageTime('2025-03-04T16:10:00Z', now)).toBe('今天 00:10');
  });

  it('shows a time well ahead of the clock as a date', () => {
    expect(formatMessageTime('2025-03-05T18:00:00+08:00', now)).toBe('今天 18:00');
  });

  it('returns empty text for an invalid date', () => {
    expect(formatMessageTime('not a date', now)).toBe('');
  });
});

describe('formatDateTime', () => {
  it('formats in Beijing time with padding', () => {
    expect(formatDateTime('2025-03-04T16:05:00Z')).toBe('2025-03-05 00:05');
  });

  it('returns empty text for an invalid date', () => {
    expect(formatDateTime('')).toBe('');
  });
});

describe('messageTarget', () => {
  it('opens a subpackage page with navigateTo and keeps the query', () => {
    expect(messageTarget('/owner/pages/code/index?id=abc')).toEqual({
      method: 'navigateTo',
      url: '/owner/pages/code/index?id=abc',
    });
  });

  it('opens a tab page with switchTab', () => {
    expect(messageTarget('/pages/mine/index')).toEqual({ method: 'switchTab', url: '/pages/mine/index' });
  });

  it('drops the query of a tab page', () => {
    expect(messageTarget('/pages/index/index?code=JYJ')).toEqual({ method: 'switchTab', url: '/pages/index/index' });
  });

  it('adds the leading slash', () => {
    expect(messageTarget('owner/pages/shops/index')).toEqual({
      method: 'navigateTo',
      url: '/owner/pages/shops/index',
    });
  });

  it('treats a non-tab main package page as navigateTo', () => {
    expect(messageTarget('/pages/scan/index?scene=s%3DJY01')?.method).toBe('navigateTo');
  });

  it.each(['', '   ', 'https://example.com/page'])('returns null for %p', (page) => {
    expect(messageTarget(page)).toBeNull();
  });
});

describe('unreadBadgeText', () => {
  it.each([
    [0, null],
    [-2, null],
    [Number.NaN, null],
    [1, '1'],
    [99, '99'],
    [100, '99+'],
  ])('shows %p as %p', (count, expected) => {
    expect(unreadBadgeText(count)).toBe(expected);
  });
});

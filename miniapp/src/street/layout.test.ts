import type { ShopSummary } from '@shared/domain/shops';
import { describePosition, sortByPosition, splitBySide } from './layout';

function shop(position: number, side: 'north' | 'south'): ShopSummary {
  return {
    id: `id-${position}`,
    shortCode: `JY${String(position).padStart(2, '0')}`,
    name: `店铺${position}`,
    category: 'food',
    intro: '',
    openingHours: '',
    coverUrl: null,
    position,
    side,
    location: { lat: 38.18, lng: 107.48 },
    isDemo: true,
  };
}

describe('splitBySide', () => {
  it('orders each side west to east', () => {
    const sides = splitBySide([shop(4, 'south'), shop(3, 'north'), shop(1, 'north'), shop(2, 'south')]);

    expect(sides.north.map((item) => item.position)).toEqual([1, 3]);
    expect(sides.south.map((item) => item.position)).toEqual([2, 4]);
  });

  it('handles an empty street', () => {
    expect(splitBySide([])).toEqual({ north: [], south: [] });
  });
});

describe('sortByPosition', () => {
  it('does not change the input', () => {
    const input = [shop(2, 'north'), shop(1, 'south')];
    const sorted = sortByPosition(input);

    expect(sorted.map((item) => item.position)).toEqual([1, 2]);
    expect(input.map((item) => item.position)).toEqual([2, 1]);
  });
});

describe('describePosition', () => {
  it('names the side and number', () => {
    expect(describePosition('金元街', { side: 'south', position: 7 })).toBe('金元街南侧 · 第 7 号');
  });
});

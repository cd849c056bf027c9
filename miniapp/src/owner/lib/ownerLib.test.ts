import type { ShopDetail, ShopStats } from '@shared/domain/shops';
import { buildShopChanges, draftFromShop, hasUnsavedChanges, placeFieldErrors, validateShopChanges } from './editForm';
import { unreadablePhotosMessage } from './photoChoice';
import { makeCover, moveDown, moveUp, reconcileOrder } from './photoOrder';
import { barPercent, fillStatsDays, statsRange } from './stats';

const shop: ShopDetail = {
  id: 'shop-1',
  shortCode: 'JY01',
  name: '金元羊肉馆',
  category: 'food',
  intro: '手把肉',
  openingHours: '09:00-21:00',
  coverUrl: null,
  position: 1,
  side: 'north',
  location: { lat: 38.18, lng: 107.48 },
  isDemo: true,
  phone: '13800000000',
  photos: [
    { id: '7c9e6679-7425-40de-944b-e07fc1f90ae7', url: '/a.jpg' },
    { id: '9b2f4c1e-3d5a-4e6f-8a7b-1c2d3e4f5a6b', url: '/b.jpg' },
  ],
  street: { code: 'JYJ', name: '金元街' },
  updatedAt: '2025-12-04T10:00:00+08:00',
};

describe('photo order', () => {
  const order = ['a', 'b', 'c'];

  it('moves a photo up', () => {
    expect(moveUp(order, 2)).toEqual(['a', 'c', 'b']);
  });

  it('leaves the first photo when moving it up', () => {
    expect(moveUp(order, 0)).toEqual(order);
  });

  it('moves a photo down', () => {
    expect(moveDown(order, 0)).toEqual(['b', 'a', 'c']);
  });

  it('leaves the last photo when moving it down', () => {
    expect(moveDown(order, 2)).toEqual(order);
  });

  it('makes a photo the cover', () => {
    expect(makeCover(order, 2)).toEqual(['c', 'a', 'b']);
  });

  it('does not change the input', () => {
    makeCover(order, 1);
    expect(order).toEqual(['a', 'b', 'c']);
  });

  it('keeps the local order and appends new photos', () => {
    expect(reconcileOrder(['c', 'a', 'b'], ['a', 'b', 'c', 'd'])).toEqual(['c', 'a', 'b', 'd']);
  });

  it('drops deleted photos', () => {
    expect(reconcileOrder(['c', 'a', 'b'], ['a', 'b'])).toEqual(['a', 'b']);
  });
});

describe('buildShopChanges', () => {
  it('returns null when nothing changed', () => {
    expect(buildShopChanges(shop, draftFromShop(shop))).toBeNull();
  });

  it('ignores whitespace the API trims', () => {
    expect(buildShopChanges(shop, { ...draftFromShop(shop), intro: '  手把肉 ' })).toBeNull();
  });

  it('sends only changed fields with the loaded updatedAt', () => {
    const changes = buildShopChanges(shop, { ...draftFromShop(shop), openingHours: ' 10:00-22:00 ' });

    expect(changes).toEqual({ openingHours: '10:00-22:00', expectedUpdatedAt: '2025-12-04T10:00:00+08:00' });
  });

  it('sends a new photo order', () => {
    const draft = draftFromShop(shop);
    const reversed = [...draft.photoOrder].reverse();
    const changes = buildShopChanges(shop, { ...draft, photoOrder: reversed });

    expect(changes?.photoOrder).toEqual(reversed);
  });

  it('reports unsaved changes', () => {
    expect(hasUnsavedChanges(shop, { ...draftFromShop(shop), phone: '0477-1234567' })).toBe(true);
    expect(hasUnsavedChanges(shop, draftFromShop(shop))).toBe(false);
    expect(hasUnsavedChanges(undefined, null)).toBe(false);
  });
});

describe('validateShopChanges', () => {
  it('accepts valid changes', () => {
    expect(validateShopChanges({ phone: '0477-1234567', expectedUpdatedAt: shop.updatedAt })).toEqual({});
  });

  it('names the phone field with its Chinese message', () => {
    const fields = validateShopChanges({ phone: '12345', expectedUpdatedAt: shop.updatedAt });

    expect(fields.phone).toContain('联系电话格式不正确');
  });

  it('rejects an empty intro', () => {
    const fields = validateShopChanges({ intro: '', expectedUpdatedAt: shop.updatedAt });

    expect(fields.intro).toBe('请填写店铺介绍');
  });

  it('rejects an intro over 500 characters', () => {
    const fields = validateShopChanges({ intro: '好'.repeat(501), expectedUpdatedAt: shop.updatedAt });

    expect(fields.intro).toBe('店铺介绍不能超过 500 个字');
  });
});

describe('placeFieldErrors', () => {
  it('keeps messages of the form fields', () => {
    const placed = placeFieldErrors({ phone: '联系电话格式不正确', openingHours: '营业时间不能超过 60 个字' });

    expect(placed).toEqual({ phone: '联系电话格式不正确', openingHours: '营业时间不能超过 60 个字' });
  });

  it('keeps a form-level message', () => {
    expect(placeFieldErrors({ form: '没有需要保存的修改' })).toEqual({ form: '没有需要保存的修改' });
  });

  it('moves a nested path to its field', () => {
    expect(placeFieldErrors({ 'photoOrder.2': '照片编号格式不正确' })).toEqual({ photoOrder: '照片编号格式不正确' });
  });

  it('shows a key without a field as the form message', () => {
    const placed = placeFieldErrors({ expectedUpdatedAt: '缺少数据版本，请刷新后重试', intro: '请填写店铺介绍' });

    expect(placed).toEqual({ form: '缺少数据版本，请刷新后重试', intro: '请填写店铺介绍' });
  });

  it('prefers the explicit form message over an unplaced key', () => {
    const placed = placeFieldErrors({ expectedUpdatedAt: '缺少数据版本，请刷新后重试', form: '没有需要保存的修改' });

    expect(placed).toEqual({ form: '没有需要保存的修改' });
  });

  it('places a whole-form problem from validateShopChanges', () => {
    const placed = placeFieldErrors(validateShopChanges({ expectedUpdatedAt: shop.updatedAt }));

    expect(placed).toEqual({ form: '没有需要保存的修改' });
  });
});

describe('unreadablePhotosMessage', () => {
  it('returns null when every file was read', () => {
    expect(unreadablePhotosMessage(3, 0)).toBeNull();
    expect(unreadablePhotosMessage(0, 0)).toBeNull();
  });

  it('names the one unreadable file of a single pick', () => {
    expect(unreadablePhotosMessage(0, 1)).toBe('无法读取这张照片，请选择 JPG、PNG 或 WebP 格式的图片');
  });

  it('counts several unreadable files when none was read', () => {
    expect(unreadablePhotosMessage(0, 3)).toBe('无法读取所选的 3 张照片，请选择 JPG、PNG 或 WebP 格式的图片');
  });

  it('says the unreadable files were skipped when others upload', () => {
    expect(unreadablePhotosMessage(2, 1)).toBe('有 1 张无法读取，已跳过。请选择 JPG、PNG 或 WebP 格式的图片');
  });
});

describe('stats helpers', () => {
  it('covers the last 7 days including today', () => {
    expect(statsRange(7, '2025-12-04')).toEqual({ from: '2025-11-28', to: '2025-12-04' });
  });

  it('crosses a month boundary for 30 days', () => {
    expect(statsRange(30, '2025-03-01')).toEqual({ from: '2025-01-31', to: '2025-03-01' });
  });

  it('fills days the API left out with zeros', () => {
    const stats: ShopStats = {
      shopId: 'shop-1',
      from: '2025-12-01',
      to: '2025-12-03',
      totalViews: 5,
      totalVisitors: 3,
      days: [{ day: '2025-12-02', views: 5, visitors: 3 }],
    };

    expect(fillStatsDays(stats)).toEqual([
      { day: '2025-12-01', views: 0, visitors: 0 },
      { day: '2025-12-02', views: 5, visitors: 3 },
      { day: '2025-12-03', views: 0, visitors: 0 },
    ]);
  });

  it('keeps small bars visible', () => {
    expect(barPercent(1, 1000)).toBe(2);
    expect(barPercent(0, 10)).toBe(0);
    expect(barPercent(5, 10)).toBe(50);
    expect(barPercent(3, 0)).toBe(0);
  });
});

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ShopDetail, StreetDetail } from '../../shared/contracts/shops';
import { businessDay } from '../../shared/time';
import { startTestApp, type TestApp } from '../helpers/app';
import { photoForm, sampleJpeg, samplePng } from '../helpers/images';

let app: TestApp;
let tokens: Record<'admin' | 'foodOwner' | 'lodgingOwner' | 'tourist', string>;
let street: StreetDetail;

const shopByCode = (code: string) => street.shops.find((shop) => shop.shortCode === code)!;

beforeAll(async () => {
  app = await startTestApp();
  tokens = {
    admin: (await app.loginAs('admin')).accessToken,
    foodOwner: (await app.loginAs('foodOwner')).accessToken,
    lodgingOwner: (await app.loginAs('lodgingOwner')).accessToken,
    tourist: (await app.loginAs('tourist')).accessToken,
  };
  street = (await app.request<StreetDetail>('GET', '/api/v1/shops/streets/JYJ')).body;
}, 60000);

afterAll(async () => {
  await app?.close();
});

async function loadShop(code: string): Promise<ShopDetail> {
  return (await app.request<ShopDetail>('GET', `/api/v1/shops/by-code/${code}`)).body;
}

describe('street', () => {
  test('lists demo shops by position', async () => {
    expect(street.name).toBe('金元街');
    expect(street.townName).toBe('城川镇');
    expect(street.shops).toHaveLength(13);
    expect(street.shops.map((shop) => shop.position)).toEqual([...Array(13).keys()].map((i) => i + 1));
    expect(street.shops.every((shop) => shop.isDemo)).toBe(true);
    expect(street.shops.every((shop) => shop.coverUrl?.startsWith(app.url))).toBe(true);
  });

  test('covers all six categories', () => {
    expect(new Set(street.shops.map((shop) => shop.category))).toEqual(
      new Set(['food', 'lodging', 'grocery', 'study_tour', 'entertainment', 'specialty']),
    );
  });

  test('filters by category', async () => {
    const response = await app.request<StreetDetail>('GET', '/api/v1/shops/streets/JYJ?category=lodging');
    expect(response.status).toBe(200);
    expect(response.body.shops.map((shop) => shop.shortCode)).toEqual(['JY04', 'JY05']);
  });

  test('bad category is a 400 naming the field', async () => {
    const response = await app.request('GET', '/api/v1/shops/streets/JYJ?category=bar');
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(response.body.error.message).toBe('店铺类别不正确');
    expect(response.body.error.details.fields.category).toBe('店铺类别不正确');
  });

  test('unknown street is a 404', async () => {
    const response = await app.request('GET', '/api/v1/shops/streets/NOPE');
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('STREET_NOT_FOUND');
    expect(response.body.error.message).toBe('街区不存在');
  });
});

describe('shop page', () => {
  test('by code returns the detail', async () => {
    const response = await app.request<ShopDetail>('GET', '/api/v1/shops/by-code/JY01');
    expect(response.status).toBe(200);
    expect(response.body.name).toBe('草原手把肉馆');
    expect(response.body.phone).toBe('0477-0000101');
    expect(response.body.photos).toHaveLength(1);
    expect(response.body.street).toEqual({ code: 'JYJ', name: '金元街' });
    expect(response.body.updatedAt).toMatch(/\+08:00$/);
  });

  test('by id matches by code', async () => {
    const byId = await app.request<ShopDetail>('GET', `/api/v1/shops/${shopByCode('JY02').id}`);
    expect(byId.status).toBe(200);
    expect(byId.body.shortCode).toBe('JY02');
  });

  test('unknown code is a 404', async () => {
    const response = await app.request('GET', '/api/v1/shops/by-code/ZZ99');
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('SHOP_NOT_FOUND');
  });

  test('malformed id is a 400, not a 500', async () => {
    const response = await app.request('GET', '/api/v1/shops/not-a-uuid');
    expect(response.status).toBe(400);
    expect(response.body.error.details.fields.id).toBe('店铺编号格式不正确');
  });

  test('broken escape in the path is a 404', async () => {
    const response = await app.request('GET', '/api/v1/shops/by-code/%E4%');
    expect(response.status).toBe(404);
  });

  test('seeded photo file is served', async () => {
    const shop = await loadShop('JY01');
    const response = await fetch(shop.photos[0]!.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
  });
});

describe('owner editing', () => {
  test('owner changes hours and tourists see them at once', async () => {
    const before = await loadShop('JY01');
    const response = await app.request<ShopDetail>('PATCH', `/api/v1/shops/${before.id}`, {
      token: tokens.foodOwner,
      json: { openingHours: '09:00-22:00', expectedUpdatedAt: before.updatedAt },
    });
    expect(response.status).toBe(200);
    expect(response.body.openingHours).toBe('09:00-22:00');

    const after = await loadShop('JY01');
    expect(after.openingHours).toBe('09:00-22:00');
    const list = await app.request<StreetDetail>('GET', '/api/v1/shops/streets/JYJ');
    expect(list.body.shops.find((shop) => shop.shortCode === 'JY01')!.openingHours).toBe('09:00-22:00');
  });

  test('POST with method override edits like PATCH', async () => {
    const shop = await loadShop('JY01');
    const response = await app.request<ShopDetail>('POST', `/api/v1/shops/${shop.id}`, {
      token: tokens.foodOwner,
      headers: { 'x-http-method-override': 'PATCH' },
      json: { openingHours: '09:30-22:00', expectedUpdatedAt: shop.updatedAt },
    });
    expect(response.status).toBe(200);
    expect(response.body.openingHours).toBe('09:30-22:00');
  });

  test('stale version is a 409 and changes nothing', async () => {
    const shop = await loadShop('JY01');
    const first = await app.request('PATCH', `/api/v1/shops/${shop.id}`, {
      token: tokens.foodOwner,
      json: { intro: '第一次保存的介绍', expectedUpdatedAt: shop.updatedAt },
    });
    expect(first.status).toBe(200);

    const second = await app.request('PATCH', `/api/v1/shops/${shop.id}`, {
      token: tokens.admin,
      json: { intro: '覆盖别人的介绍', expectedUpdatedAt: shop.updatedAt },
    });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('CONFLICT');
    expect((await loadShop('JY01')).intro).toBe('第一次保存的介绍');
  });

  test('another shop owner gets 403', async () => {
    const shop = await loadShop('JY01');
    const response = await app.request('PATCH', `/api/v1/shops/${shop.id}`, {
      token: tokens.lodgingOwner,
      json: { openingHours: '全天', expectedUpdatedAt: shop.updatedAt },
    });
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('FORBIDDEN');
    expect((await loadShop('JY01')).openingHours).not.toBe('全天');
  });

  test('invalid phone names the field', async () => {
    const shop = await loadShop('JY04');
    const response = await app.request('PATCH', `/api/v1/shops/${shop.id}`, {
      token: tokens.lodgingOwner,
      json: { phone: '12345', expectedUpdatedAt: shop.updatedAt },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.details.fields.phone).toContain('联系电话');
  });

  test('too long hours names the field', async () => {
    const shop = await loadShop('JY04');
    const response = await app.request('PATCH', `/api/v1/shops/${shop.id}`, {
      token: tokens.lodgingOwner,
      json: { openingHours: '很'.repeat(61), expectedUpdatedAt: shop.updatedAt },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe('营业时间不能超过 60 个字');
  });

  test('empty change is a 400', async () => {
    const shop = await loadShop('JY04');
    const response = await app.request('PATCH', `/api/v1/shops/${shop.id}`, {
      token: tokens.lodgingOwner,
      json: { expectedUpdatedAt: shop.updatedAt },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe('没有需要保存的修改');
  });

  test('malformed JSON is a 400', async () => {
    const shop = await loadShop('JY04');
    const response = await app.request('PATCH', `/api/v1/shops/${shop.id}`, {
      token: tokens.lodgingOwner,
      headers: { 'content-type': 'application/json' },
      rawBody: '{"intro": ',
    });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('INVALID_JSON');
  });

  test('rejected intro is a 422 and not saved', async () => {
    const shop = await loadShop('JY04');
    const response = await app.request('PATCH', `/api/v1/shops/${shop.id}`, {
      token: tokens.lodgingOwner,
      json: { intro: '本店提供赌博服务', expectedUpdatedAt: shop.updatedAt },
    });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('CONTENT_REJECTED');
    expect((await loadShop('JY04')).intro).toBe(shop.intro);
  });

  test('content check outage refuses the edit', async () => {
    const shop = await loadShop('JY04');
    app.wechat.failNext('msg_sec_check', { httpStatus: 503 });
    const response = await app.request('PATCH', `/api/v1/shops/${shop.id}`, {
      token: tokens.lodgingOwner,
      json: { intro: '新的介绍', expectedUpdatedAt: shop.updatedAt },
    });
    expect(response.status).toBe(502);
    expect(response.body.error.code).toBe('WECHAT_UNAVAILABLE');
    expect((await loadShop('JY04')).intro).toBe(shop.intro);
  });
});

describe('photos', () => {
  test('owner uploads a PNG', async () => {
    const shop = await loadShop('JY04');
    const response = await app.request('POST', `/api/v1/shops/${shop.id}/photos`, {
      token: tokens.lodgingOwner,
      form: photoForm(samplePng()),
    });
    expect(response.status).toBe(201);
    expect(response.body.shop.photos).toHaveLength(2);

    const stored = await fetch(response.body.photo.url);
    expect(Buffer.from(await stored.arrayBuffer()).equals(samplePng())).toBe(true);
  });

  test('type comes from the bytes, not the name', async () => {
    const shop = await loadShop('JY04');
    const response = await app.request('POST', `/api/v1/shops/${shop.id}/photos`, {
      token: tokens.lodgingOwner,
      form: photoForm(Buffer.from('<html>not an image</html>'), 'photo.jpg', 'image/jpeg'),
    });
    expect(response.status).toBe(415);
    expect(response.body.error.message).toBe('只能上传 JPG、PNG 或 WebP 格式的照片');
  });

  test('file over 4 MB is a 413', async () => {
    const shop = await loadShop('JY04');
    const response = await app.request('POST', `/api/v1/shops/${shop.id}/photos`, {
      token: tokens.lodgingOwner,
      form: photoForm(sampleJpeg(4 * 1024 * 1024 + 10), 'big.jpg', 'image/jpeg'),
    });
    expect(response.status).toBe(413);
    expect(response.body.error.message).toContain('4 MB');
  });

  test('missing file field names it', async () => {
    const shop = await loadShop('JY04');
    const response = await app.request('POST', `/api/v1/shops/${shop.id}/photos`, {
      token: tokens.lodgingOwner,
      form: photoForm(samplePng(), 'photo.png', 'image/png', 'image'),
    });
    expect(response.status).toBe(400);
    expect(response.body.error.details.fields.photo).toBe('请选择要上传的照片');
  });

  test('tenth photo is refused', async () => {
    const shop = await loadShop('JY05');
    for (let i = shop.photos.length; i < 9; i += 1) {
      const added = await app.request('POST', `/api/v1/shops/${shop.id}/photos`, {
        token: tokens.admin,
        form: photoForm(sampleJpeg()),
      });
      expect(added.status).toBe(201);
    }
    const response = await app.request('POST', `/api/v1/shops/${shop.id}/photos`, {
      token: tokens.admin,
      form: photoForm(sampleJpeg()),
    });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('PHOTO_LIMIT_REACHED');
  });

  test('reorder sets the cover', async () => {
    const shop = await loadShop('JY04');
    const last = shop.photos[shop.photos.length - 1]!;
    const response = await app.request<ShopDetail>('PATCH', `/api/v1/shops/${shop.id}`, {
      token: tokens.lodgingOwner,
      json: { photoOrder: [last.id], expectedUpdatedAt: shop.updatedAt },
    });
    expect(response.status).toBe(200);
    expect(response.body.photos[0]!.id).toBe(last.id);
    expect(response.body.coverUrl).toBe(last.url);
  });

  test('delete keeps shared demo files', async () => {
    const shop = await loadShop('JY02');
    const seeded = shop.photos[0]!;
    const response = await app.request<ShopDetail>('DELETE', `/api/v1/shops/${shop.id}/photos/${seeded.id}`, {
      token: tokens.admin,
    });
    expect(response.status).toBe(200);
    expect(response.body.photos).toHaveLength(0);

    // JY01 and JY03 show the same placeholder file.
    const other = await loadShop('JY03');
    expect((await fetch(other.photos[0]!.url)).status).toBe(200);
  });

  test('deleting an unknown photo is a 404', async () => {
    const shop = await loadShop('JY04');
    const response = await app.request(
      'DELETE',
      `/api/v1/shops/${shop.id}/photos/00000000-0000-4000-8000-0000000000ff`,
      {
        token: tokens.lodgingOwner,
      },
    );
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('PHOTO_NOT_FOUND');
  });
});

describe('shop code', () => {
  test('admin generates and reuses the code', async () => {
    const shop = await loadShop('JY06');
    const before = app.wechat.calls('getwxacodeunlimit').length;

    const first = await app.request('POST', `/api/v1/shops/${shop.id}/code`, { token: tokens.admin });
    expect(first.status).toBe(200);
    expect(first.body.scene).toBe('s=JY06');
    expect(first.body.page).toBe('pages/scan/index');

    const image = Buffer.from(await (await fetch(first.body.imageUrl)).arrayBuffer());
    expect(image.subarray(1, 4).toString('ascii')).toBe('PNG');

    const second = await app.request('POST', `/api/v1/shops/${shop.id}/code`, { token: tokens.admin });
    expect(second.body.imageUrl).toBe(first.body.imageUrl);
    expect(app.wechat.calls('getwxacodeunlimit').length).toBe(before + 1);
  });

  test('regenerate calls WeChat again', async () => {
    const shop = await loadShop('JY06');
    const before = app.wechat.calls('getwxacodeunlimit').length;
    const response = await app.request('POST', `/api/v1/shops/${shop.id}/code`, {
      token: tokens.admin,
      json: { regenerate: true },
    });
    expect(response.status).toBe(200);
    expect(app.wechat.calls('getwxacodeunlimit').length).toBe(before + 1);
  });

  test('WeChat error saves no image', async () => {
    const shop = await loadShop('JY07');
    app.wechat.failNext('getwxacodeunlimit', { errcode: 45009, errmsg: 'reach max api daily quota limit' });
    const failed = await app.request('POST', `/api/v1/shops/${shop.id}/code`, { token: tokens.admin });
    expect(failed.status).toBe(502);
    expect(failed.body.error.message).toBe('生成小程序码失败，请稍后再试');

    // The next call must go to WeChat again: nothing was stored for the failed one.
    const before = app.wechat.calls('getwxacodeunlimit').length;
    const retried = await app.request('POST', `/api/v1/shops/${shop.id}/code`, { token: tokens.admin });
    expect(retried.status).toBe(200);
    expect(app.wechat.calls('getwxacodeunlimit').length).toBe(before + 1);
  });

  test('owner makes the code of its own shop', async () => {
    const shop = await loadShop('JY01');
    const response = await app.request('POST', `/api/v1/shops/${shop.id}/code`, { token: tokens.foodOwner });
    expect(response.status).toBe(200);
    expect(response.body.scene).toBe('s=JY01');
  });
});

describe('owners', () => {
  test('admin binds and unbinds an owner', async () => {
    const shop = await loadShop('JY08');
    const tourist = (await app.loginAs('tourist')).user;

    const bound = await app.request('POST', `/api/v1/shops/${shop.id}/owners`, {
      token: tokens.admin,
      json: { userId: tourist.id },
    });
    expect(bound.status).toBe(201);
    expect(bound.body.owners.map((owner: { id: string }) => owner.id)).toEqual([tourist.id]);

    const edit = await app.request('PATCH', `/api/v1/shops/${shop.id}`, {
      token: tokens.tourist,
      json: { openingHours: '08:00-18:00', expectedUpdatedAt: shop.updatedAt },
    });
    expect(edit.status).toBe(200);

    const mine = await app.request('GET', '/api/v1/shops/mine', { token: tokens.tourist });
    expect(mine.body.shops.map((item: { shortCode: string }) => item.shortCode)).toEqual(['JY08']);

    const unbound = await app.request('DELETE', `/api/v1/shops/${shop.id}/owners/${tourist.id}`, {
      token: tokens.admin,
    });
    expect(unbound.status).toBe(200);
    expect(unbound.body.owners).toEqual([]);

    const denied = await app.request('PATCH', `/api/v1/shops/${shop.id}`, {
      token: tokens.tourist,
      json: { openingHours: '全天', expectedUpdatedAt: edit.body.updatedAt },
    });
    expect(denied.status).toBe(403);
  });

  test('binding twice keeps one grant', async () => {
    const shop = await loadShop('JY09');
    const tourist = (await app.loginAs('tourist')).user;
    await app.request('POST', `/api/v1/shops/${shop.id}/owners`, { token: tokens.admin, json: { userId: tourist.id } });
    const again = await app.request('POST', `/api/v1/shops/${shop.id}/owners`, {
      token: tokens.admin,
      json: { userId: tourist.id },
    });
    expect(again.status).toBe(201);
    expect(again.body.owners).toHaveLength(1);
  });

  test('unknown user is a 404', async () => {
    const shop = await loadShop('JY09');
    const response = await app.request('POST', `/api/v1/shops/${shop.id}/owners`, {
      token: tokens.admin,
      json: { userId: '00000000-0000-4000-8000-0000000000ee' },
    });
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('USER_NOT_FOUND');
  });

  test('unbinding a non-owner is a 404', async () => {
    const shop = await loadShop('JY10');
    const tourist = (await app.loginAs('tourist')).user;
    const response = await app.request('DELETE', `/api/v1/shops/${shop.id}/owners/${tourist.id}`, {
      token: tokens.admin,
    });
    expect(response.status).toBe(404);
  });
});

describe('scan statistics', () => {
  test('counts views and unique visitors per day', async () => {
    const shop = await loadShop('JY11');
    for (const visitorId of ['visitor-aaaa-1', 'visitor-aaaa-1', 'visitor-bbbb-2']) {
      const response = await app.request('POST', '/api/v1/shops/scans', { json: { shopCode: 'JY11', visitorId } });
      expect(response.status).toBe(204);
    }

    const today = businessDay();
    const stats = await app.request('GET', `/api/v1/shops/${shop.id}/stats?from=${today}&to=${today}`, {
      token: tokens.admin,
    });
    expect(stats.status).toBe(200);
    expect(stats.body.days).toEqual([{ day: today, views: 3, visitors: 2 }]);
    expect(stats.body.totalViews).toBe(3);
  });

  test('fills days without scans with zeros', async () => {
    const shop = await loadShop('JY12');
    const stats = await app.request('GET', `/api/v1/shops/${shop.id}/stats?from=2026-01-30&to=2026-02-02`, {
      token: tokens.admin,
    });
    expect(stats.body.days.map((day: { day: string }) => day.day)).toEqual([
      '2026-01-30',
      '2026-01-31',
      '2026-02-01',
      '2026-02-02',
    ]);
    expect(stats.body.totalViews).toBe(0);
  });

  test('reversed range is a 400', async () => {
    const shop = await loadShop('JY12');
    const stats = await app.request('GET', `/api/v1/shops/${shop.id}/stats?from=2026-02-02&to=2026-01-30`, {
      token: tokens.admin,
    });
    expect(stats.status).toBe(400);
    expect(stats.body.error.message).toBe('开始日期不能晚于结束日期');
  });

  test('scan of unknown shop is a 404', async () => {
    const response = await app.request('POST', '/api/v1/shops/scans', {
      json: { shopCode: 'ZZ99', visitorId: 'visitor-cccc-3' },
    });
    expect(response.status).toBe(404);
  });

  test('scan without visitor names the field', async () => {
    const response = await app.request('POST', '/api/v1/shops/scans', { json: { shopCode: 'JY11' } });
    expect(response.status).toBe(400);
    expect(response.body.error.details.fields.visitorId).toBe('缺少访客标识');
  });
});

describe('my shops', () => {
  test('owner sees its own shop', async () => {
    const response = await app.request('GET', '/api/v1/shops/mine', { token: tokens.foodOwner });
    expect(response.body.shops.map((shop: { shortCode: string }) => shop.shortCode)).toEqual(['JY01']);
  });

  test('admin sees every shop', async () => {
    const response = await app.request('GET', '/api/v1/shops/mine', { token: tokens.admin });
    expect(response.body.shops).toHaveLength(13);
  });

  test('anonymous caller gets 401', async () => {
    const response = await app.request('GET', '/api/v1/shops/mine');
    expect(response.status).toBe(401);
    expect(response.body.error.message).toBe('请先登录');
  });
});

test('unknown route is a 404 in Chinese', async () => {
  const response = await app.request('GET', '/api/v1/shops/streets/JYJ/extra');
  expect(response.status).toBe(404);
  expect(response.body.error.message).toBe('接口不存在');
});

test('wrong method is a 405', async () => {
  const response = await app.request('PUT', '/api/v1/shops/streets/JYJ');
  expect(response.status).toBe(405);
  expect(response.headers.get('allow')).toBe('GET');
});

test('division codes are listed by parent', async () => {
  const towns = await app.request('GET', '/api/v1/regions');
  expect(towns.body.regions).toHaveLength(5);
  const villages = await app.request('GET', '/api/v1/regions?parent=150623102');
  expect(villages.body.regions).toHaveLength(32);
  expect(villages.body.regions.find((region: { code: string }) => region.code === '150623102201').shortName).toBe(
    '希里嘎查',
  );

  const csv = await readFile(
    path.join(__dirname, '..', '..', 'functions', '_lib', 'seed', 'data', 'otog-front-banner-divisions-2021.csv'),
    'utf8',
  );
  expect(csv.trim().split('\n')).toHaveLength(93);
});

describe('input errors', () => {
  test('wrong type is not called missing', async () => {
    const shop = await loadShop('JY13');
    const response = await app.request('PATCH', `/api/v1/shops/${shop.id}`, {
      token: tokens.admin,
      json: { intro: 5, expectedUpdatedAt: shop.updatedAt },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.details.fields.intro).toBe('店铺介绍应为文字');
  });

  test('unknown field is named', async () => {
    const shop = await loadShop('JY13');
    const response = await app.request('PATCH', `/api/v1/shops/${shop.id}`, {
      token: tokens.admin,
      json: { name: '新名字', openingHours: '全天', expectedUpdatedAt: shop.updatedAt },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.details.fields.form).toBe('不支持的字段：name');
    expect((await loadShop('JY13')).openingHours).toBe(shop.openingHours);
  });

  test('array body asks for an object', async () => {
    const response = await app.request('POST', '/api/v1/shops/scans', { json: [1, 2] });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe('请求内容应为 JSON 对象');
  });

  test('impossible date is a 400', async () => {
    const shop = await loadShop('JY13');
    for (const day of ['2026-02-30', '2026-02-29', '0000-01-01', '9999-12-31']) {
      const response = await app.request('GET', `/api/v1/shops/${shop.id}/stats?from=${day}&to=${day}`, {
        token: tokens.admin,
      });
      expect(response.status).toBe(400);
      expect(response.body.error.details.fields.from).toContain('不是有效日期');
    }
  });

  test('truncated upload is a 400 and the server lives on', async () => {
    const shop = await loadShop('JY13');
    const body = Buffer.concat([
      Buffer.from(
        '--XYZ\r\nContent-Disposition: form-data; name="photo"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n',
      ),
      Buffer.from([0xff, 0xd8, 0xff]),
    ]);
    const response = await app.request('POST', `/api/v1/shops/${shop.id}/photos`, {
      token: tokens.admin,
      headers: { 'content-type': 'multipart/form-data; boundary=XYZ' },
      rawBody: body,
    });
    expect(response.status).toBe(400);
    expect((await app.request('GET', '/api/v1/shops/by-code/JY13')).status).toBe(200);
  });
});

/**
 * HTTP routes of the shops module (一街一码 / 一铺一码), mounted at /api/v1/shops.
 */
import { z } from 'zod';
import {
  bindOwnerInput,
  MAX_PHOTO_BYTES,
  scanInput,
  shopCodeInput,
  shopUpdateInput,
  statsQuery,
  streetQuery,
} from '../../../../shared/contracts/shops';
import { AppError } from '../../../../shared/errors';
import { anyone, countyAdmin, shopManager, signedIn } from '../../http/access';
import { readSingleFile, sniffImageType } from '../../http/multipart';
import { route, type RouteResult } from '../../http/router';
import { parseInput } from '../../http/validate';
import { enforceLimit, LIMITS } from '../../redis/ratelimit';
import { shopCode } from './codes';
import { recordScan, shopStats } from './scans';
import * as shops from './service';

const shopParams = z.object({ id: z.string().uuid('店铺编号格式不正确') });
const photoParams = shopParams.extend({ photoId: z.string().uuid('照片编号格式不正确') });
const ownerParams = shopParams.extend({ userId: z.string().uuid('用户编号格式不正确') });
const codeParams = z.object({ code: z.string().regex(/^[0-9A-Za-z]{2,24}$/, '编码格式不正确') });

/**
 * Public pages are cached per instance only (see cache.ts), not by the CDN, so
 * an owner's edit shows everywhere within that one stated time.
 */
function publicJson(json: string): RouteResult {
  return { raw: json, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-cache' } };
}

export const shopRoutes = [
  route('GET', '/shops/streets/:code', anyone, async ({ params, query }) => {
    const { code } = parseInput(codeParams, params);
    const { category } = parseInput(streetQuery, query);
    return publicJson(await shops.streetJson(code, category));
  }),

  route('GET', '/shops/by-code/:code', anyone, async ({ params }) => {
    const { code } = parseInput(codeParams, params);
    return publicJson(await shops.shopJson({ shortCode: code }));
  }),

  route('GET', '/shops/mine', signedIn, async ({ requireCaller }) => {
    return { body: { shops: await shops.myShops(requireCaller()) } };
  }),

  route('POST', '/shops/scans', anyone, async ({ body, log }) => {
    const input = parseInput(scanInput, body());
    await enforceLimit(LIMITS.scanPerVisitor, input.visitorId, log);
    await recordScan(input.shopCode, input.visitorId);
  }),

  route('GET', '/shops/:id', anyone, async ({ params }) => {
    const { id } = parseInput(shopParams, params);
    return publicJson(await shops.shopJson({ id }));
  }),

  route('PATCH', '/shops/:id', shopManager(), async ({ params, body, requireCaller, log }) => {
    const { id } = parseInput(shopParams, params);
    const input = parseInput(shopUpdateInput, body());
    return { body: await shops.updateShop(requireCaller(), id, input, log) };
  }),

  route('POST', '/shops/:id/photos', shopManager(), async ({ params, req, requireCaller, log }) => {
    const { id } = parseInput(shopParams, params);
    const caller = requireCaller();
    await enforceLimit(LIMITS.uploadPerUser, caller.userId, log);

    const file = await readSingleFile(req, 'photo', MAX_PHOTO_BYTES);
    const type = sniffImageType(file.bytes);
    if (!type) {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', '只能上传 JPG、PNG 或 WebP 格式的照片', {
        fields: { photo: '文件不是 JPG、PNG 或 WebP 图片' },
      });
    }
    return { status: 201, body: await shops.addPhoto(caller, id, file.bytes, type, log) };
  }),

  route('DELETE', '/shops/:id/photos/:photoId', shopManager(), async ({ params, log }) => {
    const { id, photoId } = parseInput(photoParams, params);
    return { body: await shops.deletePhoto(id, photoId, log) };
  }),

  route('POST', '/shops/:id/code', shopManager(), async ({ params, body, log }) => {
    const { id } = parseInput(shopParams, params);
    const { regenerate } = parseInput(shopCodeInput, body());
    return { body: await shopCode(id, regenerate === true, log) };
  }),

  route('GET', '/shops/:id/stats', shopManager(), async ({ params, query }) => {
    const { id } = parseInput(shopParams, params);
    const { from, to } = parseInput(statsQuery, query);
    return { body: await shopStats(id, from, to) };
  }),

  route('GET', '/shops/:id/owners', countyAdmin, async ({ params }) => {
    const { id } = parseInput(shopParams, params);
    return { body: { owners: await shops.listOwners(id) } };
  }),

  route('POST', '/shops/:id/owners', countyAdmin, async ({ params, body, requireCaller, log }) => {
    const { id } = parseInput(shopParams, params);
    const { userId } = parseInput(bindOwnerInput, body());
    return { status: 201, body: { owners: await shops.bindOwner(requireCaller(), id, userId, log) } };
  }),

  route('DELETE', '/shops/:id/owners/:userId', countyAdmin, async ({ params, log }) => {
    const { id, userId } = parseInput(ownerParams, params);
    return { body: { owners: await shops.unbindOwner(id, userId, log) } };
  }),
];

/**
 * Shop pages for tourists and their editing by owners. Knows nothing about HTTP.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Caller } from '../../http/access';
import { isCountyAdmin } from '../../http/access';
import {
  MAX_SHOP_PHOTOS,
  type ShopCategory,
  type ShopDetail,
  type ShopPhoto,
  type ShopSummary,
  type ShopUpdateInput,
} from '../../../../shared/contracts/shops';
import type { UserListItem } from '../../../../shared/contracts/auth';
import { AppError } from '../../../../shared/errors';
import { toBusinessIso } from '../../../../shared/time';
import { getDb, type Executor } from '../../db/client';
import { roleGrants, shopPhotos, shops, users } from '../../db/schema';
import type { ImageType } from '../../http/multipart';
import type { Logger } from '../../logger';
import { getStorage } from '../../storage/storage';
import { deliverAfterCommit, notify } from '../../notifications/outbox';
import { checkText, WechatApiError } from '../../wechat/client';
import { cachedPage, cacheKeys, invalidateShop, storePage } from './cache';
import { findShop, findStreet, listShopSummaries } from './queries';

/** Returns the public street page as serialised JSON, from this instance's cache when warm. */
export async function streetJson(code: string, category?: ShopCategory): Promise<string> {
  const key = cacheKeys.street(code, category);
  const cached = cachedPage(key);
  if (cached !== undefined) return cached;

  const json = JSON.stringify(await findStreet(await getDb(), code, category));
  storePage(key, json);
  return json;
}

/** Returns the public shop page as serialised JSON, from this instance's cache when warm. */
export async function shopJson(by: { id: string } | { shortCode: string }): Promise<string> {
  const key = 'id' in by ? cacheKeys.shopById(by.id) : cacheKeys.shopByCode(by.shortCode);
  const cached = cachedPage(key);
  if (cached !== undefined) return cached;

  const json = JSON.stringify(await findShop(await getDb(), by));
  storePage(key, json);
  return json;
}

/** Shops the caller manages: all of them for a county admin, else those it owns. */
export async function myShops(caller: Caller): Promise<ShopSummary[]> {
  const db = await getDb();
  if (isCountyAdmin(caller)) return listShopSummaries(db, 'all');

  const owned = caller.roles.filter((grant) => grant.role === 'shop_owner').map((grant) => grant.scopeId);
  return listShopSummaries(db, owned);
}

async function openidOf(db: Executor, userId: string): Promise<string | null> {
  const [row] = await db.select({ openid: users.openid }).from(users).where(eq(users.id, userId));
  return row?.openid ?? null;
}

/**
 * Runs WeChat content security on text that other people will read. Fails
 * closed: when WeChat cannot be reached the edit is refused, because showing
 * unchecked text to the public is the worse outcome for a county platform.
 */
async function assertTextAllowed(
  db: Executor,
  caller: Caller,
  text: string,
  field: string,
  log: Logger,
): Promise<void> {
  const openid = await openidOf(db, caller.userId);
  if (openid === null) {
    // Staff accounts created without WeChat cannot be checked by openid; only
    // county admins exist that way, and they are accountable for what they write.
    if (isCountyAdmin(caller)) return;
    throw new AppError('FORBIDDEN', '请使用微信登录后再修改店铺介绍');
  }

  let verdict;
  try {
    verdict = await checkText(text, openid, log);
  } catch (error) {
    if (!(error instanceof WechatApiError)) throw error;
    log.error({ errcode: error.errcode, errmsg: error.errmsg, field }, 'msg_sec_check failed');
    throw new AppError(
      'WECHAT_UNAVAILABLE',
      '内容安全检查暂时不可用，请稍后再试',
      { errcode: error.errcode },
      { cause: error },
    );
  }
  if (verdict !== 'pass') {
    log.info({ verdict, field }, 'content security rejected text');
    throw new AppError('CONTENT_REJECTED', undefined, { fields: { [field]: '内容未通过安全检查，请修改后再提交' } });
  }
}

export async function updateShop(
  caller: Caller,
  shopId: string,
  input: ShopUpdateInput,
  log: Logger,
): Promise<ShopDetail> {
  const db = await getDb();
  const current = await findShop(db, { id: shopId });

  if (input.intro !== undefined && input.intro !== current.intro) {
    await assertTextAllowed(db, caller, input.intro, 'intro', log);
  }

  const expected = new Date(input.expectedUpdatedAt);
  if (Number.isNaN(expected.getTime())) {
    throw new AppError('VALIDATION_FAILED', '数据版本格式不正确，请刷新后重试', {
      fields: { expectedUpdatedAt: '数据版本格式不正确' },
    });
  }

  const detail = await db.transaction(async (tx) => {
    const changes: Partial<typeof shops.$inferInsert> = {};
    if (input.intro !== undefined) changes.intro = input.intro;
    if (input.openingHours !== undefined) changes.openingHours = input.openingHours;
    if (input.phone !== undefined) changes.phone = input.phone;

    // The version check and the write are one statement, so two editors cannot both pass it.
    // Timestamps travel with millisecond precision, so the stored one is kept at that precision.
    const updated = await tx
      .update(shops)
      .set({ ...changes, updatedAt: sql`date_trunc('milliseconds', now())` })
      .where(
        and(
          eq(shops.id, shopId),
          sql`date_trunc('milliseconds', ${shops.updatedAt}) = ${expected.toISOString()}::timestamptz`,
        ),
      )
      .returning({ id: shops.id });
    if (updated.length === 0) {
      throw new AppError('CONFLICT', '店铺信息已被其他人修改，请刷新后重试', { currentUpdatedAt: current.updatedAt });
    }

    if (input.photoOrder !== undefined) await reorderPhotos(tx, shopId, input.photoOrder);
    return findShop(tx, { id: shopId });
  });

  invalidateShop(detail.id, detail.shortCode);
  log.info({ shopId, fields: Object.keys(input).filter((key) => key !== 'expectedUpdatedAt') }, 'shop updated');
  return detail;
}

/** Puts the listed photos first, in the given order; photos not listed keep their relative order after them. */
async function reorderPhotos(tx: Executor, shopId: string, order: string[]): Promise<void> {
  const existing = await tx
    .select({ id: shopPhotos.id })
    .from(shopPhotos)
    .where(eq(shopPhotos.shopId, shopId))
    .orderBy(asc(shopPhotos.sortOrder), asc(shopPhotos.createdAt));
  const known = new Set(existing.map((photo) => photo.id));

  const unknown = order.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new AppError('PHOTO_NOT_FOUND', '照片不存在或不属于该店铺，请刷新后重试', { photoIds: unknown });
  }
  if (new Set(order).size !== order.length) {
    throw new AppError('VALIDATION_FAILED', '照片顺序中有重复的照片', {
      fields: { photoOrder: '照片顺序中有重复的照片' },
    });
  }

  const listed = new Set(order);
  const finalOrder = [...order, ...existing.map((photo) => photo.id).filter((id) => !listed.has(id))];
  for (const [index, id] of finalOrder.entries()) {
    await tx.update(shopPhotos).set({ sortOrder: index }).where(eq(shopPhotos.id, id));
  }
}

const EXTENSIONS: Record<ImageType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

export async function addPhoto(
  caller: Caller,
  shopId: string,
  bytes: Buffer,
  type: ImageType,
  log: Logger,
): Promise<{ photo: ShopPhoto; shop: ShopDetail }> {
  const db = await getDb();
  const shop = await findShop(db, { id: shopId });
  if (shop.photos.length >= MAX_SHOP_PHOTOS) {
    throw new AppError('PHOTO_LIMIT_REACHED', `每个店铺最多 ${MAX_SHOP_PHOTOS} 张照片，请先删除不需要的照片`);
  }

  // Stored first, then recorded: a failed insert leaves an orphan file (removed below),
  // never a row pointing at nothing.
  const key = `shops/${shopId}/${randomUUID()}.${EXTENSIONS[type]}`;
  const stored = await getStorage().put(key, bytes, type);

  try {
    const photo = await db.transaction(async (tx) => {
      // Locks the shop row so that concurrent uploads count photos one at a time.
      await tx.execute(sql`select id from ${shops} where ${shops.id} = ${shopId} for update`);
      const [{ total } = { total: 0 }] = await tx
        .select({ total: count() })
        .from(shopPhotos)
        .where(eq(shopPhotos.shopId, shopId));
      if (total >= MAX_SHOP_PHOTOS) {
        throw new AppError('PHOTO_LIMIT_REACHED', `每个店铺最多 ${MAX_SHOP_PHOTOS} 张照片，请先删除不需要的照片`);
      }

      const [row] = await tx
        .insert(shopPhotos)
        .values({ shopId, storageKey: stored.key, url: stored.url, sortOrder: total, uploadedBy: caller.userId })
        .returning({ id: shopPhotos.id, url: shopPhotos.url });
      await tx
        .update(shops)
        .set({ updatedAt: sql`date_trunc('milliseconds', now())` })
        .where(eq(shops.id, shopId));
      if (!row) throw new Error('Photo insert returned no row');
      return row;
    });

    invalidateShop(shop.id, shop.shortCode);
    log.info({ shopId, photoId: photo.id, bytes: bytes.length, type }, 'shop photo added');
    return { photo, shop: await findShop(db, { id: shopId }) };
  } catch (error) {
    await getStorage()
      .delete(stored.key)
      .catch((cleanupError: unknown) => log.warn({ err: cleanupError, key: stored.key }, 'orphan photo not removed'));
    throw error;
  }
}

export async function deletePhoto(shopId: string, photoId: string, log: Logger): Promise<ShopDetail> {
  const db = await getDb();
  const [removed] = await db.transaction(async (tx) => {
    const rows = await tx
      .delete(shopPhotos)
      .where(and(eq(shopPhotos.id, photoId), eq(shopPhotos.shopId, shopId)))
      .returning({ storageKey: shopPhotos.storageKey });
    if (rows.length > 0) {
      await tx
        .update(shops)
        .set({ updatedAt: sql`date_trunc('milliseconds', now())` })
        .where(eq(shops.id, shopId));
    }
    return rows;
  });
  if (!removed) throw new AppError('PHOTO_NOT_FOUND', undefined, { photoId });

  // Demo shops share placeholder files, so a file goes only when no row points at it.
  // The row is gone either way; a leftover file costs storage, not correctness.
  const [stillUsed] = await db
    .select({ id: shopPhotos.id })
    .from(shopPhotos)
    .where(eq(shopPhotos.storageKey, removed.storageKey))
    .limit(1);
  if (!stillUsed) {
    await getStorage()
      .delete(removed.storageKey)
      .catch((error: unknown) => log.warn({ err: error, key: removed.storageKey }, 'photo file not removed'));
  }

  const shop = await findShop(db, { id: shopId });
  invalidateShop(shop.id, shop.shortCode);
  log.info({ shopId, photoId }, 'shop photo deleted');
  return shop;
}

export async function listOwners(shopId: string): Promise<UserListItem[]> {
  const db = await getDb();
  await findShop(db, { id: shopId });

  const rows = await db
    .select({ id: users.id, nickname: users.nickname, isDemo: users.isDemo, createdAt: users.createdAt })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .where(and(eq(roleGrants.role, 'shop_owner'), eq(roleGrants.scopeId, shopId)))
    .orderBy(asc(roleGrants.createdAt));
  return rows.map((row) => ({ ...row, createdAt: toBusinessIso(row.createdAt) }));
}

/** Makes a user an owner of a shop. Binding an existing owner again changes nothing. */
export async function bindOwner(admin: Caller, shopId: string, userId: string, log: Logger): Promise<UserListItem[]> {
  const db = await getDb();
  const shop = await findShop(db, { id: shopId });

  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.id, userId));
  if (!user) throw new AppError('USER_NOT_FOUND', '要绑定的用户不存在', { fields: { userId: '用户不存在' } });

  const eventIds = await db.transaction(async (tx) => {
    const granted = await tx
      .insert(roleGrants)
      .values({ userId, role: 'shop_owner', scopeId: shopId, grantedBy: admin.userId })
      .onConflictDoNothing()
      .returning({ createdAt: roleGrants.createdAt });
    const grant = granted[0];
    if (!grant) return [];

    const payload = { shopId, shopName: shop.name, boundAt: toBusinessIso(grant.createdAt) };
    return [await notify(tx, 'shopOwnerBound', payload, [userId])];
  });
  deliverAfterCommit(eventIds, log);

  log.info({ shopId, ownerId: userId, newlyBound: eventIds.length > 0 }, 'shop owner bound');
  return listOwners(shopId);
}

export async function unbindOwner(shopId: string, userId: string, log: Logger): Promise<UserListItem[]> {
  const db = await getDb();
  const removed = await db
    .delete(roleGrants)
    .where(and(eq(roleGrants.userId, userId), eq(roleGrants.role, 'shop_owner'), eq(roleGrants.scopeId, shopId)))
    .returning({ id: roleGrants.id });
  if (removed.length === 0) throw new AppError('NOT_FOUND', '该用户不是此店铺的店主');

  log.info({ shopId, ownerId: userId }, 'shop owner unbound');
  return listOwners(shopId);
}

/**
 * 一铺一码 (one code per shop): the shop's 小程序码, made once through
 * wxacode.getUnlimited and reused, so reprinting a door plate costs no API quota.
 */
import { and, eq } from 'drizzle-orm';
import type { ShopCode } from '../../../../shared/contracts/shops';
import { AppError } from '../../../../shared/errors';
import { assertValidScene, encodeScene } from '../../../../shared/scene';
import { toBusinessIso } from '../../../../shared/time';
import { config } from '../../config';
import { getDb } from '../../db/client';
import { miniProgramCodes, roleGrants } from '../../db/schema';
import type { Logger } from '../../logger';
import { deliverAfterCommit, notify } from '../../notifications/outbox';
import { getStorage } from '../../storage/storage';
import { getUnlimitedCode, WechatApiError } from '../../wechat/client';
import { findShop } from './queries';

/** The one scan entry page; it decodes every kind of printed code. */
export const SCAN_PAGE = 'pages/scan/index';

export async function shopCode(shopId: string, regenerate: boolean, log: Logger): Promise<ShopCode> {
  const db = await getDb();
  const shop = await findShop(db, { id: shopId });
  const scene = encodeScene('shop', shop.shortCode);
  assertValidScene(scene);

  if (!regenerate) {
    const [existing] = await db.select().from(miniProgramCodes).where(eq(miniProgramCodes.scene, scene));
    if (existing) return toShopCode(shopId, existing);
  }

  let image: Buffer;
  try {
    image = await getUnlimitedCode(
      // WeChat can only check the path against a released version, so other versions skip the check.
      { scene, page: SCAN_PAGE, checkPath: config().wechat.envVersion === 'release' },
      log,
    );
  } catch (error) {
    if (error instanceof WechatApiError) {
      log.error({ errcode: error.errcode, errmsg: error.errmsg, scene }, 'getwxacodeunlimit failed');
      throw new AppError(
        'WECHAT_UNAVAILABLE',
        '生成小程序码失败，请稍后再试',
        { errcode: error.errcode },
        { cause: error },
      );
    }
    throw error;
  }

  const stored = await getStorage().put(`codes/${scene.replace(/[^0-9A-Za-z]/g, '-')}.png`, image, 'image/png');
  const { row, eventId } = await db.transaction(async (tx) => {
    const [saved] = await tx
      .insert(miniProgramCodes)
      .values({ scene, kind: 'shop', targetId: shopId, page: SCAN_PAGE, storageKey: stored.key, url: stored.url })
      .onConflictDoUpdate({
        target: miniProgramCodes.scene,
        set: { page: SCAN_PAGE, storageKey: stored.key, url: stored.url, createdAt: new Date() },
      })
      .returning();
    if (!saved) throw new Error('Code upsert returned no row');

    const owners = await tx
      .select({ userId: roleGrants.userId })
      .from(roleGrants)
      .where(and(eq(roleGrants.role, 'shop_owner'), eq(roleGrants.scopeId, shopId)));
    const payload = { shopId, shopName: shop.name };
    const announced = await notify(
      tx,
      'shopCodeGenerated',
      payload,
      owners.map((owner) => owner.userId),
    );
    return { row: saved, eventId: announced };
  });
  deliverAfterCommit([eventId], log);

  log.info({ shopId, scene, bytes: image.length }, 'shop code generated');
  return toShopCode(shopId, row);
}

function toShopCode(shopId: string, row: typeof miniProgramCodes.$inferSelect): ShopCode {
  return { shopId, scene: row.scene, page: row.page, imageUrl: row.url, createdAt: toBusinessIso(row.createdAt) };
}

/**
 * Scan statistics: each shop-page open from a printed code counts as a view,
 * and each visitor once per business day (Asia/Shanghai) as a unique visitor.
 */
import { and, asc, eq, gte, lte, sql } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import type { ShopStats } from '../../../../shared/contracts/shops';
import { AppError } from '../../../../shared/errors';
import { businessDay, daysBetween } from '../../../../shared/time';
import { getDb } from '../../db/client';
import { shops, shopScanDaily, shopScanVisitors } from '../../db/schema';
import { findShop } from './queries';

export async function recordScan(shopCode: string, visitorId: string, at = new Date()): Promise<void> {
  const db = await getDb();
  const [shop] = await db.select({ id: shops.id }).from(shops).where(eq(shops.shortCode, shopCode));
  if (!shop) throw new AppError('SHOP_NOT_FOUND', undefined, { shopCode });

  const day = businessDay(at);
  // Hashed so the table holds no identifier that the client could recognise later.
  const visitorKey = createHash('sha256').update(visitorId).digest('base64url').slice(0, 22);

  await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(shopScanVisitors)
      .values({ shopId: shop.id, day, visitorKey })
      .onConflictDoNothing()
      .returning({ shopId: shopScanVisitors.shopId });
    const newVisitor = inserted.length > 0 ? 1 : 0;

    // One upsert per scan: concurrent scans add up without a read-then-write race.
    await tx
      .insert(shopScanDaily)
      .values({ shopId: shop.id, day, views: 1, visitors: newVisitor })
      .onConflictDoUpdate({
        target: [shopScanDaily.shopId, shopScanDaily.day],
        set: {
          views: sql`${shopScanDaily.views} + 1`,
          visitors: sql`${shopScanDaily.visitors} + ${newVisitor}`,
        },
      });
  });
}

export async function shopStats(shopId: string, from: string, to: string): Promise<ShopStats> {
  const db = await getDb();
  await findShop(db, { id: shopId });

  const rows = await db
    .select({ day: shopScanDaily.day, views: shopScanDaily.views, visitors: shopScanDaily.visitors })
    .from(shopScanDaily)
    .where(and(eq(shopScanDaily.shopId, shopId), gte(shopScanDaily.day, from), lte(shopScanDaily.day, to)))
    .orderBy(asc(shopScanDaily.day));
  const byDay = new Map(rows.map((row) => [row.day, row]));

  // Days without scans are listed with zeros so a chart has no gaps.
  const days = daysBetween(from, to).map((day) => ({
    day,
    views: byDay.get(day)?.views ?? 0,
    visitors: byDay.get(day)?.visitors ?? 0,
  }));
  return {
    shopId,
    from,
    to,
    totalViews: days.reduce((sum, day) => sum + day.views, 0),
    totalVisitors: days.reduce((sum, day) => sum + day.visitors, 0),
    days,
  };
}

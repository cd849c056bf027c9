/**
 * Read queries of the shops module, mapped to the wire types of the contract.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type {
  ShopCategory,
  ShopDetail,
  ShopSummary,
  StreetDetail,
  StreetSide,
} from '../../../../shared/contracts/shops';
import { AppError } from '../../../../shared/errors';
import { toBusinessIso } from '../../../../shared/time';
import type { Executor } from '../../db/client';
import { regions, shopPhotos, shops, streets } from '../../db/schema';

type ShopRow = typeof shops.$inferSelect;

function toSummary(row: ShopRow, coverUrl: string | null): ShopSummary {
  return {
    id: row.id,
    shortCode: row.shortCode,
    name: row.name,
    category: row.category as ShopCategory,
    intro: row.intro,
    openingHours: row.openingHours,
    coverUrl,
    position: row.position,
    side: row.side as StreetSide,
    location: { lat: row.lat, lng: row.lng },
    isDemo: row.isDemo,
  };
}

/** First photo of each shop, by sort order. */
async function coverUrls(db: Executor, shopIds: string[]): Promise<Map<string, string>> {
  const covers = new Map<string, string>();
  if (shopIds.length === 0) return covers;

  const rows = await db
    .select({ shopId: shopPhotos.shopId, url: shopPhotos.url })
    .from(shopPhotos)
    .where(inArray(shopPhotos.shopId, shopIds))
    .orderBy(asc(shopPhotos.shopId), asc(shopPhotos.sortOrder), asc(shopPhotos.createdAt));
  for (const row of rows) if (!covers.has(row.shopId)) covers.set(row.shopId, row.url);
  return covers;
}

export async function findStreet(db: Executor, code: string, category?: ShopCategory): Promise<StreetDetail> {
  const [street] = await db
    .select({ street: streets, townName: regions.name })
    .from(streets)
    .innerJoin(regions, eq(regions.code, streets.townCode))
    .where(eq(streets.code, code));
  if (!street) throw new AppError('STREET_NOT_FOUND', undefined, { code });

  const filter = category
    ? and(eq(shops.streetId, street.street.id), eq(shops.category, category))
    : eq(shops.streetId, street.street.id);
  const rows = await db.select().from(shops).where(filter).orderBy(asc(shops.position), asc(shops.name));
  const covers = await coverUrls(
    db,
    rows.map((row) => row.id),
  );

  return {
    code: street.street.code,
    name: street.street.name,
    townCode: street.street.townCode,
    townName: street.townName,
    intro: street.street.intro,
    center: { lat: street.street.centerLat, lng: street.street.centerLng },
    isDemo: street.street.isDemo,
    shops: rows.map((row) => toSummary(row, covers.get(row.id) ?? null)),
  };
}

export async function findShop(db: Executor, by: { id: string } | { shortCode: string }): Promise<ShopDetail> {
  const condition = 'id' in by ? eq(shops.id, by.id) : eq(shops.shortCode, by.shortCode);
  const [row] = await db
    .select({ shop: shops, streetCode: streets.code, streetName: streets.name })
    .from(shops)
    .innerJoin(streets, eq(streets.id, shops.streetId))
    .where(condition);
  if (!row) throw new AppError('SHOP_NOT_FOUND', undefined, 'id' in by ? { id: by.id } : { shortCode: by.shortCode });

  const photos = await db
    .select({ id: shopPhotos.id, url: shopPhotos.url })
    .from(shopPhotos)
    .where(eq(shopPhotos.shopId, row.shop.id))
    .orderBy(asc(shopPhotos.sortOrder), asc(shopPhotos.createdAt));

  return {
    ...toSummary(row.shop, photos[0]?.url ?? null),
    phone: row.shop.phone,
    photos,
    street: { code: row.streetCode, name: row.streetName },
    updatedAt: toBusinessIso(row.shop.updatedAt),
  };
}

export async function listShopSummaries(db: Executor, shopIds: string[] | 'all'): Promise<ShopSummary[]> {
  if (shopIds !== 'all' && shopIds.length === 0) return [];

  const query = db.select().from(shops);
  const rows = await (shopIds === 'all' ? query : query.where(inArray(shops.id, shopIds))).orderBy(
    asc(shops.position),
    asc(shops.name),
  );
  const covers = await coverUrls(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => toSummary(row, covers.get(row.id) ?? null));
}

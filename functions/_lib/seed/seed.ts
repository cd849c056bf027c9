/**
 * Seeds the database: the county's division codes always (official data,
 * upserted), and the 金元街 demo street, shops and users once. Demo rows are
 * written only when the street is missing, so a restart never overwrites
 * what an owner has edited since.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { regions, roleGrants, shopPhotos, shops, streets, users } from '../db/schema';
import { COUNTY_CODE } from '../http/access';
import type { Logger } from '../logger';
import type { FileStorage } from '../storage/storage';
import { DEMO_OWNERSHIP, DEMO_SHOPS, DEMO_STREET, DEMO_USERS, demoShopLocation } from './demo';
import { readRegions } from './regions';

const PHOTOS_DIR = path.join(__dirname, 'photos');

export async function seedRegions(db: Database): Promise<number> {
  const rows = readRegions();
  await db
    .insert(regions)
    .values(rows)
    .onConflictDoUpdate({
      target: regions.code,
      set: {
        name: sql`excluded.name`,
        shortName: sql`excluded.short_name`,
        level: sql`excluded.level`,
        parentCode: sql`excluded.parent_code`,
      },
    });
  return rows.length;
}

export async function seedDemo(db: Database, storage: FileStorage, log: Logger): Promise<boolean> {
  const [existing] = await db.select({ id: streets.id }).from(streets).where(eq(streets.code, DEMO_STREET.code));
  if (existing) return false;

  // Placeholder photos are stored before the transaction: storage is not transactional,
  // and a file without a row is harmless while a row without a file is not.
  const photoUrls = new Map<string, { key: string; url: string }>();
  for (const category of new Set(DEMO_SHOPS.map((shop) => shop.category))) {
    const bytes = await readFile(path.join(PHOTOS_DIR, `${category}.png`));
    photoUrls.set(category, await storage.put(`demo/${category}.png`, bytes, 'image/png'));
  }

  await db.transaction(async (tx) => {
    await tx
      .insert(users)
      .values(
        Object.values(DEMO_USERS).map((user) => ({
          id: user.id,
          openid: user.openid,
          nickname: user.nickname,
          isDemo: true,
          demoDescription: user.description,
        })),
      )
      .onConflictDoNothing();
    await tx
      .insert(roleGrants)
      .values({ userId: DEMO_USERS.admin.id, role: 'county_admin', scopeId: COUNTY_CODE })
      .onConflictDoNothing();

    const [street] = await tx
      .insert(streets)
      .values({ ...DEMO_STREET, isDemo: true })
      .returning({ id: streets.id });
    if (!street) throw new Error('Street insert returned no row');

    const inserted = await tx
      .insert(shops)
      .values(DEMO_SHOPS.map((shop) => ({ ...shop, ...demoShopLocation(shop), streetId: street.id, isDemo: true })))
      .returning({ id: shops.id, shortCode: shops.shortCode, category: shops.category });

    await tx.insert(shopPhotos).values(
      inserted.map((shop) => {
        const photo = photoUrls.get(shop.category);
        if (!photo) throw new Error(`No placeholder photo for category ${shop.category}`);
        return { shopId: shop.id, storageKey: photo.key, url: photo.url, sortOrder: 0 };
      }),
    );

    const idByCode = new Map(inserted.map((shop) => [shop.shortCode, shop.id]));
    await tx
      .insert(roleGrants)
      .values(
        DEMO_OWNERSHIP.map((grant) => ({
          userId: grant.userId,
          role: 'shop_owner',
          scopeId: idByCode.get(grant.shortCode) ?? '',
        })),
      )
      .onConflictDoNothing();
  });

  log.info({ street: DEMO_STREET.code, shops: DEMO_SHOPS.length }, 'demo data seeded');
  return true;
}

/**
 * Division codes of the county (统计用区划代码), mounted at /api/v1/regions.
 */
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '../../db/client';
import { regions } from '../../db/schema';
import { anyone, COUNTY_CODE } from '../../http/access';
import { route } from '../../http/router';
import { parseInput } from '../../http/validate';

const regionQuery = z.object({
  parent: z
    .string()
    .regex(/^\d{6}(\d{3})?$/, '上级区划代码应为 6 位或 9 位数字')
    .default(COUNTY_CODE),
});

export const regionRoutes = [
  route('GET', '/regions', anyone, async ({ query }) => {
    const { parent } = parseInput(regionQuery, query);
    const db = await getDb();
    const rows = await db
      .select({ code: regions.code, name: regions.name, shortName: regions.shortName, level: regions.level })
      .from(regions)
      .where(eq(regions.parentCode, parent))
      .orderBy(asc(regions.code));
    return {
      body: { parent, regions: rows },
      headers: { 'cache-control': 'public, max-age=3600, s-maxage=86400' },
    };
  }),
];

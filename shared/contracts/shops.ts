/**
 * Request contracts of the shops module: zod schemas whose messages name the
 * field in Chinese. The domain constants and wire types are re-exported.
 */
import { z } from 'zod';
import { MAX_SHOP_PHOTOS, SHOP_CATEGORIES } from '../domain/shops';
import { day, phone, text, typeError, uuid } from './fields';

export * from '../domain/shops';

export const streetQuery = z.object({
  category: z.enum(SHOP_CATEGORIES, { error: '店铺类别不正确' }).optional(),
});
export type StreetQuery = z.infer<typeof streetQuery>;

/** What an owner may change on the shop page. Every field is optional; send only what changed. */
// Strict, so that a field an owner cannot change (the name, say) is rejected rather than silently dropped.
export const shopUpdateInput = z
  .strictObject({
    intro: text('店铺介绍', { max: 500 }).optional(),
    openingHours: text('营业时间', { max: 60 }).optional(),
    phone: phone('联系电话').optional(),
    /** Photo ids in display order; the first is the cover. Omitted photos stay where they are. */
    photoOrder: z.array(uuid('照片编号'), { error: '照片顺序格式不正确' }).max(MAX_SHOP_PHOTOS).optional(),
    /** The `updatedAt` the editor loaded; a newer row means someone else saved first. */
    expectedUpdatedAt: z
      .string({ error: typeError('缺少数据版本，请刷新后重试', '数据版本格式不正确，请刷新后重试') })
      .min(1, '缺少数据版本，请刷新后重试'),
  })
  .refine(
    (input) =>
      input.intro !== undefined ||
      input.openingHours !== undefined ||
      input.phone !== undefined ||
      input.photoOrder !== undefined,
    { message: '没有需要保存的修改' },
  );
export type ShopUpdateInput = z.infer<typeof shopUpdateInput>;

export const bindOwnerInput = z.object({
  userId: uuid('用户编号'),
});
export type BindOwnerInput = z.infer<typeof bindOwnerInput>;

export const scanInput = z.object({
  shopCode: z
    .string({ error: typeError('缺少店铺编码', '店铺编码格式不正确') })
    .regex(/^[0-9A-Za-z]{2,24}$/, '店铺编码格式不正确'),
  /** A random id the client keeps in storage, for counting unique visitors without logging in. */
  visitorId: z
    .string({ error: typeError('缺少访客标识', '访客标识格式不正确') })
    .regex(/^[0-9A-Za-z_-]{8,64}$/, '访客标识格式不正确'),
});
export type ScanInput = z.infer<typeof scanInput>;

export const statsQuery = z
  .object({
    from: day('开始日期'),
    to: day('结束日期'),
  })
  .refine((query) => query.from <= query.to, { message: '开始日期不能晚于结束日期', path: ['from'] })
  .refine((query) => (Date.parse(query.to) - Date.parse(query.from)) / 86_400_000 <= 92, {
    message: '统计范围最长 93 天',
    path: ['to'],
  });
export type StatsQuery = z.infer<typeof statsQuery>;

export const shopCodeInput = z.object({
  /** Makes a new image even when one is stored, after a page path change for example. */
  regenerate: z.boolean({ error: '重新生成标记必须是布尔值' }).optional(),
});

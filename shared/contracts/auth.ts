/**
 * Request contracts of the identity module: WeChat login, refresh, demo login
 * and user search. The domain constants and wire types are re-exported.
 */
import { z } from 'zod';
import { typeError } from './fields';

export * from '../domain/auth';

export const wechatLoginInput = z.object({
  code: z
    .string({ error: typeError('缺少微信登录凭证', '微信登录凭证格式不正确') })
    .trim()
    .min(1, '缺少微信登录凭证')
    .max(128, '微信登录凭证格式不正确'),
});

export const refreshInput = z.object({
  refreshToken: z
    .string({ error: typeError('缺少刷新凭证', '刷新凭证格式不正确') })
    .min(20, '刷新凭证格式不正确')
    .max(200, '刷新凭证格式不正确'),
});

export const devLoginInput = z.object({
  userId: z.string({ error: typeError('请选择演示用户', '演示用户编号格式不正确') }).uuid('演示用户编号格式不正确'),
});

export const userSearchQuery = z.object({
  q: z.string().trim().max(30, '搜索词不能超过 30 个字').optional(),
});

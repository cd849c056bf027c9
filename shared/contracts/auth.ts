/**
 * Contracts of the identity module: WeChat login, sessions, roles.
 */
import { z } from 'zod';

export const ROLES = ['county_admin', 'shop_owner'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  county_admin: '大数据中心管理员',
  shop_owner: '店主',
};

/** A role with the scope it applies to: the county code for admins, a shop id for owners. */
export interface RoleGrant {
  role: Role;
  scopeId: string;
}

export interface SessionUser {
  id: string;
  nickname: string;
  avatarUrl: string | null;
  roles: RoleGrant[];
  isDemo: boolean;
}

export interface SessionTokens {
  accessToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  refreshToken: string;
  user: SessionUser;
}

export const wechatLoginInput = z.object({
  code: z.string({ error: '缺少微信登录凭证' }).trim().min(1, '缺少微信登录凭证').max(128, '微信登录凭证格式不正确'),
});

export const refreshInput = z.object({
  refreshToken: z.string({ error: '缺少刷新凭证' }).min(20, '刷新凭证格式不正确').max(200, '刷新凭证格式不正确'),
});

export const devLoginInput = z.object({
  userId: z.string({ error: '请选择演示用户' }).uuid('演示用户编号格式不正确'),
});

export interface DemoUser {
  id: string;
  nickname: string;
  description: string;
}

export const userSearchQuery = z.object({
  q: z.string().trim().max(30, '搜索词不能超过 30 个字').optional(),
});

export interface UserListItem {
  id: string;
  nickname: string;
  isDemo: boolean;
  createdAt: string;
}

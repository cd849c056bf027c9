/**
 * Domain constants and wire types of the identity module: roles, sessions,
 * users. Free of zod, so that pages importing only these stay small.
 */
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

export interface DemoUser {
  id: string;
  nickname: string;
  description: string;
}

export interface UserListItem {
  id: string;
  nickname: string;
  isDemo: boolean;
  createdAt: string;
}

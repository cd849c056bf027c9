import type { SessionUser } from '@shared/domain/auth';

export function isCountyAdmin(user: SessionUser | null | undefined): boolean {
  return user?.roles.some((grant) => grant.role === 'county_admin') ?? false;
}

/** Ids of the shops a user owns, from the shop_owner grants. */
export function ownedShopIds(user: SessionUser | null | undefined): string[] {
  return user?.roles.filter((grant) => grant.role === 'shop_owner').map((grant) => grant.scopeId) ?? [];
}

/** Checks whether the 我的店铺 pages are of use to the user, which is true for owners and county admins. */
export function canManageShops(user: SessionUser | null | undefined): boolean {
  return isCountyAdmin(user) || ownedShopIds(user).length > 0;
}

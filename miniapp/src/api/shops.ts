import type { UserListItem } from '@shared/domain/auth';
import type { ShopCategory, ShopCode, ShopDetail, ShopStats, ShopSummary, StreetDetail } from '@shared/domain/shops';
import { api } from './index';

const SHOPS = '/api/v1/shops';

export function fetchStreet(code: string, category?: ShopCategory): Promise<StreetDetail> {
  return api.get<StreetDetail>(`${SHOPS}/streets/${encodeURIComponent(code)}`, { query: { category } });
}

export function fetchShopByCode(shortCode: string): Promise<ShopDetail> {
  return api.get<ShopDetail>(`${SHOPS}/by-code/${encodeURIComponent(shortCode)}`);
}

export function fetchShop(id: string): Promise<ShopDetail> {
  return api.get<ShopDetail>(`${SHOPS}/${encodeURIComponent(id)}`);
}

export async function fetchMyShops(): Promise<ShopSummary[]> {
  const { shops } = await api.get<{ shops: ShopSummary[] }>(`${SHOPS}/mine`, { auth: true });
  return shops;
}

/** The fields an owner may change; send only the changed ones with the `updatedAt` the editor loaded. */
export interface ShopChanges {
  intro?: string;
  openingHours?: string;
  phone?: string;
  photoOrder?: string[];
  expectedUpdatedAt: string;
}

export function updateShop(id: string, changes: ShopChanges): Promise<ShopDetail> {
  return api.patch<ShopDetail>(`${SHOPS}/${encodeURIComponent(id)}`, { auth: true, body: changes });
}

export function deleteShopPhoto(shopId: string, photoId: string): Promise<ShopDetail> {
  return api.delete<ShopDetail>(`${SHOPS}/${encodeURIComponent(shopId)}/photos/${encodeURIComponent(photoId)}`, {
    auth: true,
  });
}

export function generateShopCode(shopId: string, regenerate = false): Promise<ShopCode> {
  return api.post<ShopCode>(`${SHOPS}/${encodeURIComponent(shopId)}/code`, { auth: true, body: { regenerate } });
}

export async function fetchShopOwners(shopId: string): Promise<UserListItem[]> {
  const { owners } = await api.get<{ owners: UserListItem[] }>(`${SHOPS}/${encodeURIComponent(shopId)}/owners`, {
    auth: true,
  });
  return owners;
}

/** Binds a user as owner and returns the shop's owners after the change. */
export async function bindShopOwner(shopId: string, userId: string): Promise<UserListItem[]> {
  const { owners } = await api.post<{ owners: UserListItem[] }>(`${SHOPS}/${encodeURIComponent(shopId)}/owners`, {
    auth: true,
    body: { userId },
  });
  return owners;
}

/** Removes an owner and returns the shop's owners after the change. */
export async function unbindShopOwner(shopId: string, userId: string): Promise<UserListItem[]> {
  const { owners } = await api.delete<{ owners: UserListItem[] }>(
    `${SHOPS}/${encodeURIComponent(shopId)}/owners/${encodeURIComponent(userId)}`,
    { auth: true },
  );
  return owners;
}

export function recordScan(shopCode: string, visitorId: string): Promise<void> {
  return api.post<void>(`${SHOPS}/scans`, { body: { shopCode, visitorId } });
}

export function fetchShopStats(shopId: string, from: string, to: string): Promise<ShopStats> {
  return api.get<ShopStats>(`${SHOPS}/${encodeURIComponent(shopId)}/stats`, { auth: true, query: { from, to } });
}

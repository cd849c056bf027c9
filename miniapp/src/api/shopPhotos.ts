import type { ShopDetail, ShopPhoto } from '@shared/domain/shops';
import { createPhotoUploadTransport, type LocalPhoto } from '../platform/photo';
import { api } from './index';

// Kept apart from api/shops.ts so that the photo and privacy adapters load
// with the owner subpackage instead of the size-limited main package.

/** Uploads one compressed photo as multipart field `photo` and returns it with the updated shop. */
export function uploadShopPhoto(
  shopId: string,
  photo: LocalPhoto,
  onProgress: (percent: number) => void,
): Promise<{ photo: ShopPhoto; shop: ShopDetail }> {
  return api.execute(
    'POST',
    `/api/v1/shops/${encodeURIComponent(shopId)}/photos`,
    { auth: true },
    createPhotoUploadTransport(photo, onProgress),
  );
}

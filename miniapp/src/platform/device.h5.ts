import type { GeoPoint } from '@shared/domain/shops';

// Browsers have no map hand-off or album API; the pages hide those buttons.
export const canOpenLocation = false;

export async function openShopLocation(_place: { name: string; address: string; location: GeoPoint }): Promise<void> {
  throw new Error('导航仅在微信小程序中可用');
}

export const canSaveToAlbum = false;

export async function saveImageToAlbum(_url: string): Promise<boolean> {
  throw new Error('请长按图片保存');
}

import Taro from '@tarojs/taro';
import type { GeoPoint } from '@shared/domain/shops';
import { ensurePrivacyConsent } from './privacy';

export const canOpenLocation = true;

export async function openShopLocation(place: { name: string; address: string; location: GeoPoint }): Promise<void> {
  await Taro.openLocation({
    latitude: place.location.lat,
    longitude: place.location.lng,
    name: place.name,
    address: place.address,
    scale: 18,
  });
}

export const canSaveToAlbum = true;

function errMsg(error: unknown): string {
  return typeof error === 'object' && error !== null ? String((error as { errMsg?: unknown }).errMsg ?? '') : '';
}

export async function saveImageToAlbum(url: string): Promise<boolean> {
  if (!(await ensurePrivacyConsent())) return false;

  const download = await Taro.downloadFile({ url });
  if (download.statusCode !== 200) {
    throw new Error('图片下载失败，请稍后再试');
  }

  try {
    await Taro.saveImageToPhotosAlbum({ filePath: download.tempFilePath });
    return true;
  } catch (error) {
    const message = errMsg(error);
    if (message.includes('cancel')) return false;
    if (message.includes('auth deny') || message.includes('authorize')) {
      // Once refused, WeChat does not ask again; only the settings page can re-enable it.
      const { confirm } = await Taro.showModal({
        title: '需要相册权限',
        content: '保存小程序码需要写入相册，请在设置中允许“添加到相册”。',
        confirmText: '去设置',
      });
      if (confirm) await Taro.openSetting();
      return false;
    }
    throw new Error('保存失败，请稍后再试');
  }
}

import Taro from '@tarojs/taro';
import type { Transport } from '../api/client';
import type { LocalPhoto } from './photo';
import { ensurePrivacyConsent } from './privacy';

const UPLOAD_TIMEOUT_MS = 60_000;
/** Maximum width or height after compression in pixels, enough for a phone screen at 3×. */
const MAX_EDGE_PX = 1600;
const JPEG_QUALITY = 80;

function errMsg(error: unknown): string {
  return typeof error === 'object' && error !== null ? String((error as { errMsg?: unknown }).errMsg ?? '') : '';
}

function fileSize(path: string, fallback: number): number {
  try {
    const stats = Taro.getFileSystemManager().statSync(path) as { size?: number };
    return typeof stats.size === 'number' ? stats.size : fallback;
  } catch {
    return fallback;
  }
}

async function compress(file: {
  tempFilePath: string;
  size: number;
  width?: number;
  height?: number;
}): Promise<LocalPhoto> {
  try {
    const wide = (file.width ?? 0) >= (file.height ?? 0);
    const { tempFilePath } = await Taro.compressImage({
      src: file.tempFilePath,
      quality: JPEG_QUALITY,
      // compressedWidth/Height need base library 2.26.0; older ones ignore them and only lower the quality.
      ...(wide ? { compressedWidth: MAX_EDGE_PX } : { compressedHeight: MAX_EDGE_PX }),
    } as Taro.compressImage.Option);
    return { path: tempFilePath, size: fileSize(tempFilePath, file.size) };
  } catch (error) {
    // Some formats (GIF, HEIC on older phones) cannot be compressed; the API
    // still checks the type and size of the original.
    console.warn('compressImage failed; uploading the original', errMsg(error));
    return { path: file.tempFilePath, size: file.size };
  }
}

export async function chooseCompressedPhotos(maxCount: number): Promise<LocalPhoto[]> {
  if (maxCount <= 0) return [];
  if (!(await ensurePrivacyConsent())) {
    throw new Error('需要同意隐私保护指引后才能选择照片');
  }

  let files: Taro.chooseMedia.ChooseMedia[];
  try {
    const result = await Taro.chooseMedia({
      count: maxCount,
      mediaType: ['image'],
      sourceType: ['album', 'camera'],
      sizeType: ['compressed'],
    });
    files = result.tempFiles;
  } catch (error) {
    const message = errMsg(error);
    if (message.includes('cancel')) return [];
    if (message.includes('privacy')) throw new Error('需要同意隐私保护指引后才能选择照片');
    if (message.includes('auth')) throw new Error('请在设置中允许访问相册和相机');
    throw new Error('选择照片失败，请重试');
  }

  const photos: LocalPhoto[] = [];
  for (const file of files) {
    photos.push(await compress(file));
  }
  return photos;
}

export function createPhotoUploadTransport(photo: LocalPhoto, onProgress: (percent: number) => void): Transport {
  return async (request) => {
    const task = Taro.uploadFile({
      url: request.url,
      filePath: photo.path,
      name: 'photo',
      header: request.headers,
      timeout: UPLOAD_TIMEOUT_MS,
    });
    // Taro adds progress() to the returned promise on both weapp and H5.
    task.progress((update) => onProgress(update.progress));

    const response = await task;
    return { status: response.statusCode, body: response.data };
  };
}

export function releaseLocalPhoto(_photo: LocalPhoto): void {
  // WeChat deletes temp files itself when the mini-program closes.
}

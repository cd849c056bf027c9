import Taro from '@tarojs/taro';
import type { Transport } from '../api/client';
import type { LocalPhoto, PhotoChoice } from './photo';
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

/** Compresses one picked photo, or returns null when compressImage cannot read it. */
async function compress(file: {
  tempFilePath: string;
  size: number;
  width?: number;
  height?: number;
}): Promise<LocalPhoto | null> {
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
    // compressImage fails on files it cannot decode (GIF, HEIC on older phones,
    // broken files). The API accepts only JPEG, PNG and WebP, so it would
    // reject those originals as well.
    console.warn('compressImage failed; skipping the photo', file.tempFilePath, errMsg(error));
    return null;
  }
}

export async function chooseCompressedPhotos(maxCount: number): Promise<PhotoChoice> {
  const choice: PhotoChoice = { photos: [], unreadableCount: 0 };
  if (maxCount <= 0) return choice;
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
    if (message.includes('cancel')) return choice;
    if (message.includes('privacy')) throw new Error('需要同意隐私保护指引后才能选择照片');
    if (message.includes('auth')) throw new Error('请在设置中允许访问相册和相机');
    throw new Error('选择照片失败，请重试');
  }

  for (const file of files) {
    const photo = await compress(file);
    if (photo) choice.photos.push(photo);
    else choice.unreadableCount += 1;
  }
  return choice;
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

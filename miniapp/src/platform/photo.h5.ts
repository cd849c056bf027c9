import Taro from '@tarojs/taro';
import type { Transport } from '../api/client';
import type { LocalPhoto } from './photo';

const UPLOAD_TIMEOUT_MS = 60_000;
/** Maximum width or height after compression in pixels, as on weapp. */
const MAX_EDGE_PX = 1600;
const JPEG_QUALITY = 0.8;

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error('无法读取这张照片，请换一张'));
    image.src = url;
  });
}

/** Redraws the photo on a canvas at most MAX_EDGE_PX wide or high and encodes it as JPEG. */
async function compressOnCanvas(sourceUrl: string): Promise<LocalPhoto> {
  const image = await loadImage(sourceUrl);
  const scale = Math.min(1, MAX_EDGE_PX / Math.max(image.naturalWidth, image.naturalHeight));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(image.naturalWidth * scale));
  canvas.height = Math.max(1, Math.round(image.naturalHeight * scale));

  const context = canvas.getContext('2d');
  if (!context) throw new Error('照片压缩失败，请重试');
  // JPEG has no transparency; a white ground keeps transparent PNG areas from turning black.
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);

  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', JPEG_QUALITY));
  if (!blob) throw new Error('照片压缩失败，请重试');
  return { path: URL.createObjectURL(blob), size: blob.size };
}

export async function chooseCompressedPhotos(maxCount: number): Promise<LocalPhoto[]> {
  if (maxCount <= 0) return [];

  // NOTE: browsers fire no event when the file dialog closes without a choice.
  // A cancel therefore leaves this promise pending, which blocks nothing but this call.
  let paths: string[];
  try {
    const result = await Taro.chooseImage({
      count: maxCount,
      sizeType: ['compressed'],
      sourceType: ['album', 'camera'],
    });
    paths = result.tempFilePaths;
  } catch {
    return [];
  }

  const photos: LocalPhoto[] = [];
  for (const path of paths.slice(0, maxCount)) {
    try {
      photos.push(await compressOnCanvas(path));
    } finally {
      URL.revokeObjectURL(path);
    }
  }
  return photos;
}

export function createPhotoUploadTransport(photo: LocalPhoto, onProgress: (percent: number) => void): Transport {
  return async (request) => {
    const task = Taro.uploadFile({
      url: request.url,
      filePath: photo.path,
      name: 'photo',
      // The blob has no name; the API reads the type from the part's content type.
      fileName: 'photo.jpg',
      header: request.headers,
      timeout: UPLOAD_TIMEOUT_MS,
    } as Taro.uploadFile.Option);
    // Taro adds progress() to the returned promise on both weapp and H5.
    task.progress((update) => onProgress(update.progress));

    const response = await task;
    return { status: response.statusCode, body: response.data };
  };
}

export function releaseLocalPhoto(photo: LocalPhoto): void {
  if (photo.path.startsWith('blob:')) URL.revokeObjectURL(photo.path);
}

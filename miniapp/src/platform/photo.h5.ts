import Taro from '@tarojs/taro';
import type { Transport } from '../api/client';
import type { LocalPhoto, PhotoChoice } from './photo';

const UPLOAD_TIMEOUT_MS = 60_000;
/** Maximum width or height after compression in pixels, as on weapp. */
const MAX_EDGE_PX = 1600;
const JPEG_QUALITY = 0.8;

/** Id of the hidden file input, so a picker left open is replaced rather than stacked. */
const PICKER_INPUT_ID = 'shop-photo-picker';

/**
 * Opens the browser's file picker for images. Resolves [] when the dialog
 * closes without a choice, in browsers that fire the input's cancel event
 * (Chrome 113, Firefox 91 and Safari 16.4 or later, per MDN's compatibility data).
 */
function pickImageFiles(multiple: boolean): Promise<File[]> {
  // NOTE: older browsers fire no event on cancel, so their promise stays
  // pending. That blocks nothing, because the page marks itself busy only
  // once photos arrive.
  document.getElementById(PICKER_INPUT_ID)?.remove();

  const input = document.createElement('input');
  input.id = PICKER_INPUT_ID;
  input.type = 'file';
  input.accept = 'image/*';
  input.multiple = multiple;
  input.style.cssText = 'position: fixed; left: -1000px; top: 0; opacity: 0;';

  return new Promise((resolve) => {
    const finish = (files: File[]) => {
      input.remove();
      resolve(files);
    };
    input.addEventListener('change', () => finish(Array.from(input.files ?? [])));
    input.addEventListener('cancel', () => finish([]));
    document.body.appendChild(input);
    input.click();
  });
}

/** Decodes an image, or returns null when the browser cannot decode it or it has no size (some SVGs). */
function decodeImage(url: string): Promise<HTMLImageElement | null> {
  return new Promise((resolve) => {
    const image = new Image();
    image.onload = () => resolve(image.naturalWidth > 0 && image.naturalHeight > 0 ? image : null);
    image.onerror = () => resolve(null);
    image.src = url;
  });
}

/** Redraws the image on a canvas at most MAX_EDGE_PX wide or high and encodes it as JPEG. */
async function compressOnCanvas(image: HTMLImageElement): Promise<LocalPhoto> {
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

/** Compresses one picked file, or returns null when it cannot be decoded as an image. */
async function readPickedFile(file: File): Promise<LocalPhoto | null> {
  const sourceUrl = URL.createObjectURL(file);
  try {
    const image = await decodeImage(sourceUrl);
    if (!image) {
      console.warn('Skipping a picked file the browser cannot decode as an image', {
        name: file.name,
        type: file.type,
        size: file.size,
      });
      return null;
    }
    return await compressOnCanvas(image);
  } finally {
    URL.revokeObjectURL(sourceUrl);
  }
}

export async function chooseCompressedPhotos(maxCount: number): Promise<PhotoChoice> {
  const choice: PhotoChoice = { photos: [], unreadableCount: 0 };
  if (maxCount <= 0) return choice;

  // The browser cannot limit how many files are picked, so extra files are dropped here.
  const files = (await pickImageFiles(maxCount > 1)).slice(0, maxCount);
  try {
    for (const file of files) {
      const photo = await readPickedFile(file);
      if (photo) choice.photos.push(photo);
      else choice.unreadableCount += 1;
    }
  } catch (error) {
    choice.photos.forEach(releaseLocalPhoto);
    throw error;
  }
  return choice;
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

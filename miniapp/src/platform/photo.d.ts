// Type surface of photo.weapp.ts and photo.h5.ts: choosing, compressing and uploading shop photos.
import type { Transport } from '../api/client';

/** A photo ready to upload: a local path (a temp file on weapp, a blob: URL on H5) and its size in bytes. */
export interface LocalPhoto {
  path: string;
  size: number;
}

/** Result of one pick: the photos to upload and how many picked files were skipped. */
export interface PhotoChoice {
  /** Compressed photos in the order picked. */
  photos: LocalPhoto[];
  /**
   * Picked files skipped because they could not be read as an image: the
   * browser could not decode them (H5), or compressImage failed (weapp).
   */
  unreadableCount: number;
}

/**
 * Lets the person pick up to `maxCount` photos and compresses each on the phone.
 * Resolves with no photos and unreadableCount 0 when the person cancels. Rejects
 * with an Error whose message is Chinese text to show (privacy consent refused,
 * album access denied, canvas compression failed).
 */
export declare function chooseCompressedPhotos(maxCount: number): Promise<PhotoChoice>;

/**
 * Creates a transport that sends the photo as the multipart field `photo`
 * through Taro.uploadFile, reporting progress in percent. It ignores the JSON body of the request.
 */
export declare function createPhotoUploadTransport(photo: LocalPhoto, onProgress: (percent: number) => void): Transport;

/** Releases the blob URL of a local photo on H5 once it is uploaded or dropped; does nothing on weapp. */
export declare function releaseLocalPhoto(photo: LocalPhoto): void;

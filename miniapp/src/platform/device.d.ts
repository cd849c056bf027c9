// Type surface of device.weapp.ts and device.h5.ts: phone features that only the mini-program has.
import type { GeoPoint } from '@shared/domain/shops';

/** Whether openShopLocation can hand the place to a map app. */
export declare const canOpenLocation: boolean;

/** Opens WeChat's location view with navigation for a place. */
export declare function openShopLocation(place: { name: string; address: string; location: GeoPoint }): Promise<void>;

/** Whether saveImageToAlbum can write to the photo album. */
export declare const canSaveToAlbum: boolean;

/**
 * Downloads an image and saves it to the album. Resolves false when the person
 * declined; rejects with an Error whose message is Chinese text to show.
 */
export declare function saveImageToAlbum(url: string): Promise<boolean>;

// Type surface of http.weapp.ts and http.h5.ts; Taro picks the file for the platform being built.
import type { Transport } from '../api/client';

/** Origin of the API: the same origin on H5, TARO_APP_API_BASE on weapp. */
export declare const API_BASE: string;

/** Sends JSON requests through Taro.request. */
export declare const jsonTransport: Transport;

import Taro from '@tarojs/taro';
import type { HttpResponse, Transport } from '../api/client';

/** The dev server and production serve the H5 build and the API from one origin. */
export const API_BASE = '';

const REQUEST_TIMEOUT_MS = 15_000;

export const jsonTransport: Transport = async (request): Promise<HttpResponse> => {
  const response = await Taro.request({
    url: request.url,
    method: request.method as 'GET',
    header: {
      ...request.headers,
      ...(request.body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    data: request.body,
    dataType: 'json',
    timeout: REQUEST_TIMEOUT_MS,
  });
  return { status: response.statusCode, body: response.data };
};

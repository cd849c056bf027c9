import Taro from '@tarojs/taro';
import type { HttpRequest, HttpResponse, Transport } from '../api/client';

// Replaced at build time from the TARO_APP_API_BASE environment variable (see config/index.ts).
export const API_BASE: string = process.env.TARO_APP_API_BASE || 'http://127.0.0.1:3000';

const REQUEST_TIMEOUT_MS = 15_000;

type WechatMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * wx.request accepts only OPTIONS, GET, HEAD, POST, PUT, DELETE, TRACE and
 * CONNECT, so a PATCH goes out as POST with X-HTTP-Method-Override: PATCH.
 */
function wechatMethod(request: HttpRequest): { method: WechatMethod; header: Record<string, string> } {
  if (request.method === 'PATCH') {
    return { method: 'POST', header: { 'X-HTTP-Method-Override': 'PATCH' } };
  }
  return { method: request.method, header: {} };
}

export const jsonTransport: Transport = async (request): Promise<HttpResponse> => {
  const { method, header } = wechatMethod(request);
  const response = await Taro.request({
    url: request.url,
    method,
    header: {
      ...request.headers,
      ...header,
      ...(request.body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    data: request.body,
    dataType: 'json',
    timeout: REQUEST_TIMEOUT_MS,
  });
  return { status: response.statusCode, body: response.data };
};

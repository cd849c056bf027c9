/**
 * Calls to WeChat's server APIs. The base URL comes from configuration, so in
 * development and tests the same code talks to scripts/wechat-fake.
 */
import { AppError } from '../../../shared/errors';
import { config } from '../config';
import type { Logger } from '../logger';
import { getAccessToken, invalidateAccessToken } from './accessToken';

/** WeChat normally responds within a second; past this a serverless request should give up. */
const REQUEST_TIMEOUT_MS = 5000;

/** errcodes that mean the access token is invalid (40001) or expired (42001). */
const TOKEN_ERRORS = new Set([40001, 42001]);

export interface WechatErrorBody {
  errcode: number;
  errmsg: string;
}

/** A WeChat API responded with a non-zero errcode. */
export class WechatApiError extends Error {
  constructor(
    readonly api: string,
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(`WeChat ${api} failed with errcode ${errcode}: ${errmsg}`);
    this.name = 'WechatApiError';
  }
}

function apiUrl(path: string, query: Record<string, string>): string {
  const url = new URL(path, config().wechat.apiBase);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  return url.toString();
}

async function send(api: string, url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  } catch (error) {
    throw new AppError('WECHAT_UNAVAILABLE', undefined, { api }, { cause: error });
  }
}

/** POSTs a JSON body to an API that takes the access token in its query string. */
function postWithToken(api: string, path: string, token: string, body: unknown): Promise<Response> {
  return send(api, apiUrl(path, { access_token: token }), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function readJson(api: string, response: Response): Promise<Record<string, unknown>> {
  if (!response.ok) throw new AppError('WECHAT_UNAVAILABLE', undefined, { api, httpStatus: response.status });
  try {
    return (await response.json()) as Record<string, unknown>;
  } catch (error) {
    throw new AppError('WECHAT_UNAVAILABLE', undefined, { api }, { cause: error });
  }
}

function checkErrcode(api: string, body: Record<string, unknown>): void {
  const errcode = typeof body.errcode === 'number' ? body.errcode : 0;
  if (errcode !== 0) throw new WechatApiError(api, errcode, String(body.errmsg ?? ''));
}

/**
 * Calls an API that takes the access token. A 40001/42001 answer forces one
 * token refresh and one retry, because another instance may have replaced the token.
 */
async function withAccessToken<T>(api: string, log: Logger, call: (token: string) => Promise<T>): Promise<T> {
  const token = await getAccessToken(log);
  try {
    return await call(token);
  } catch (error) {
    if (!(error instanceof WechatApiError) || !TOKEN_ERRORS.has(error.errcode)) throw error;
    log.warn({ api, errcode: error.errcode }, 'wechat access token rejected; refreshing once');
    await invalidateAccessToken(token);
    return call(await getAccessToken(log, { forceRefresh: true }));
  }
}

export interface WechatSession {
  openid: string;
  unionid?: string;
  sessionKey: string;
}

/** Exchanges a wx.login code for the user's openid (code2Session). The session_key never leaves the server. */
export async function code2Session(code: string): Promise<WechatSession> {
  const { appId, appSecret } = config().wechat;
  const url = apiUrl('/sns/jscode2session', {
    appid: appId,
    secret: appSecret,
    js_code: code,
    grant_type: 'authorization_code',
  });
  const body = await readJson('jscode2session', await send('jscode2session', url, { method: 'GET' }));
  checkErrcode('jscode2session', body);

  if (typeof body.openid !== 'string' || typeof body.session_key !== 'string') {
    throw new AppError('WECHAT_UNAVAILABLE', undefined, { api: 'jscode2session', reason: 'missing openid' });
  }
  return {
    openid: body.openid,
    unionid: typeof body.unionid === 'string' ? body.unionid : undefined,
    sessionKey: body.session_key,
  };
}

export interface UnlimitedCodeOptions {
  scene: string;
  page: string;
  /** Whether WeChat checks that the page exists in the published version. */
  checkPath: boolean;
  width?: number;
}

/** Makes a 小程序码 image with wxacode.getUnlimited. A JSON response is an error, never an image. */
export async function getUnlimitedCode(options: UnlimitedCodeOptions, log: Logger): Promise<Buffer> {
  return withAccessToken('getwxacodeunlimit', log, async (token) => {
    const response = await postWithToken('getwxacodeunlimit', '/wxa/getwxacodeunlimit', token, {
      scene: options.scene,
      page: options.page,
      check_path: options.checkPath,
      env_version: config().wechat.envVersion,
      width: options.width ?? 430,
    });

    const type = response.headers.get('content-type') ?? '';
    if (type.includes('json') || !response.ok) {
      const body = await readJson('getwxacodeunlimit', response);
      checkErrcode('getwxacodeunlimit', body);
      throw new AppError('WECHAT_UNAVAILABLE', undefined, { api: 'getwxacodeunlimit', reason: 'no image' });
    }

    const bytes = Buffer.from(await response.arrayBuffer());
    if (!isImage(bytes)) {
      throw new AppError('WECHAT_UNAVAILABLE', undefined, { api: 'getwxacodeunlimit', reason: 'not an image' });
    }
    return bytes;
  });
}

function isImage(bytes: Buffer): boolean {
  const png = bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  return png || jpeg;
}

export type ContentVerdict = 'pass' | 'review' | 'risky';

/** Checks user text with msgSecCheck (content security, version 2). */
export async function checkText(content: string, openid: string, log: Logger): Promise<ContentVerdict> {
  return withAccessToken('msg_sec_check', log, async (token) => {
    // scene 1 = 资料 (profile text), the closest of WeChat's scenes to a shop introduction.
    const response = await postWithToken('msg_sec_check', '/wxa/msg_sec_check', token, {
      content,
      version: 2,
      scene: 1,
      openid,
    });
    const body = await readJson('msg_sec_check', response);
    checkErrcode('msg_sec_check', body);

    const result = body.result as { suggest?: unknown } | undefined;
    const suggest = result?.suggest;
    if (suggest === 'pass' || suggest === 'review' || suggest === 'risky') return suggest;
    throw new AppError('WECHAT_UNAVAILABLE', undefined, { api: 'msg_sec_check', reason: 'no verdict' });
  });
}

export interface SubscribeMessage {
  openid: string;
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
}

/** The mini-program version a subscribe message opens, by configured version. */
const MINIPROGRAM_STATES = { release: 'formal', trial: 'trial', develop: 'developer' } as const;

/** Sends one subscribe message (subscribeMessage.send). Throws WechatApiError on a non-zero errcode. */
export async function sendSubscribeMessage(message: SubscribeMessage, log: Logger): Promise<void> {
  await withAccessToken('subscribe_send', log, async (token) => {
    const response = await postWithToken('subscribe_send', '/cgi-bin/message/subscribe/send', token, {
      touser: message.openid,
      template_id: message.templateId,
      page: message.page,
      data: message.data,
      miniprogram_state: MINIPROGRAM_STATES[config().wechat.envVersion],
      lang: 'zh_CN',
    });
    checkErrcode('subscribe_send', await readJson('subscribe_send', response));
  });
}

import { randomBytes } from 'node:crypto';
import type { TokenStore } from './token-store';

/** One HTTP response of the fake, before it is written. */
export interface FakeReply {
  status: number;
  contentType: string;
  body: string | Buffer;
}

/** A request body after reading: absent, parsed JSON, or text that is not JSON. */
export type ParsedBody = { kind: 'none' } | { kind: 'json'; value: unknown } | { kind: 'invalid'; text: string };

/** The parts of a request that an API handler reads. */
export interface ApiRequest {
  method: string;
  query: Record<string, string>;
  body: ParsedBody;
}

/** A subscribe message accepted by /cgi-bin/message/subscribe/send. */
export interface SentSubscribeMessage {
  // Real msgids are 19-digit integers above Number.MAX_SAFE_INTEGER, so the fake keeps the decimal text.
  msgid: string;
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogram_state?: string;
  lang?: string;
}

/** State shared by the API handlers of one fake server. */
export interface FakeState {
  appId: string;
  appSecret: string;

  // Released pages for page checks. When undefined, every page is accepted.
  pages?: ReadonlySet<string>;

  // Subscribe templates by id with the data keys each requires. When undefined, any template is accepted.
  templates?: ReadonlyMap<string, readonly string[]>;

  withUnionId: boolean;
  now: () => number;
  tokens: TokenStore;
  usedCodes: Set<string>;
  sentMessages: SentSubscribeMessage[];
}

/** The Content-Type of getwxacodeunlimit's JSON errors, used for every JSON API except jscode2session. */
export const JSON_CONTENT_TYPE = 'application/json; encoding=utf-8';

/** Openids are 28 characters of base64url, and the ones WeChat issues start with "o". */
export const OPENID_PATTERN = /^[A-Za-z0-9_-]{28}$/;

/**
 * Creates a request id in WeChat's "652d44d0-1d0af18b-5b069232" form, where the
 * first part is the Unix time in hex.
 */
export function createRid(nowMs: number): string {
  const seconds = Math.floor(nowMs / 1000)
    .toString(16)
    .padStart(8, '0');
  return `${seconds}-${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}`;
}

/** Serializes a JSON body with HTTP 200, the status WeChat uses for both success and errors. */
export function jsonReply(value: object, contentType: string = JSON_CONTENT_TYPE): FakeReply {
  return { status: 200, contentType, body: JSON.stringify(value) };
}

/**
 * Builds a WeChat error response. WeChat appends " rid: …" to every errmsg, so clients
 * that compare errmsg as a whole string fail here as they would in production.
 */
export function wechatError(
  errcode: number,
  message: string,
  nowMs: number,
  contentType: string = JSON_CONTENT_TYPE,
): FakeReply {
  return jsonReply({ errcode, errmsg: `${message} rid: ${createRid(nowMs)}` }, contentType);
}

/** Returns the error response for a bad access_token, or undefined when the token is valid. */
export function rejectBadToken(state: FakeState, request: ApiRequest): FakeReply | undefined {
  const now = state.now();

  switch (state.tokens.check(request.query.access_token)) {
    case 'ok':
      return undefined;
    case 'missing':
      return wechatError(41001, 'access_token missing', now);
    case 'expired':
      return wechatError(42001, 'access_token expired', now);
    case 'invalid':
      return wechatError(40001, 'invalid credential, access_token is invalid or not latest', now);
  }
}

/** A JSON object read from a POST body, or the error response WeChat returns instead. */
export type JsonObjectResult = { ok: true; body: Record<string, unknown> } | { ok: false; reply: FakeReply };

/**
 * Reads the JSON object of a POST body.
 *
 * WeChat returns 44002 for an empty body and 47001 "data format error" for a body
 * that is not a JSON object. Some APIs also return 47001 for fields they do not know,
 * which catches misspelled fields such as "check_page" or "version " with a space.
 */
export function readJsonObject(
  state: FakeState,
  request: ApiRequest,
  allowedKeys?: readonly string[],
): JsonObjectResult {
  const now = state.now();

  if (request.body.kind === 'none') {
    return { ok: false, reply: wechatError(44002, 'empty post data', now) };
  }
  if (request.body.kind === 'invalid' || !isPlainObject(request.body.value)) {
    return { ok: false, reply: wechatError(47001, 'data format error', now) };
  }

  const body = request.body.value;
  if (allowedKeys && Object.keys(body).some((key) => !allowedKeys.includes(key))) {
    return { ok: false, reply: wechatError(47001, 'data format error', now) };
  }
  return { ok: true, body };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

import { createHash, randomBytes } from 'node:crypto';
import {
  type ApiRequest,
  type FakeReply,
  type FakeState,
  jsonReply,
  readJsonObject,
  wechatError,
} from './wechat-reply';

/** Prefix of login codes that map to a named test user: `fake-code:<name>:<anything>`. */
export const NAMED_CODE_PREFIX = 'fake-code:';

// Real js_codes are 32 characters, so 128 leaves room for readable test codes.
const MAX_CODE_LENGTH = 128;
const VISIBLE_ASCII = /^[\x21-\x7e]+$/;

// jscode2session responds with Content-Type text/plain in production, unlike the
// cgi-bin APIs, so a client must parse the body as JSON whatever its Content-Type.
const LOGIN_CONTENT_TYPE = 'text/plain';

/**
 * Derives the openid of a user of this app: "o" and 27 base64url characters of
 * sha256(appId + key), 28 characters like real openids. The key is the name of a
 * `fake-code:<name>:…` code, or else the whole code.
 */
export function deriveOpenId(appId: string, userKey: string): string {
  const digest = createHash('sha256')
    .update(appId + userKey)
    .digest('base64url');
  return `o${digest.slice(0, 27)}`;
}

/**
 * Derives the unionid of a user. It ignores the appId because one unionid covers
 * every app of a WeChat Open Platform account.
 */
export function deriveUnionId(userKey: string): string {
  const digest = createHash('sha256').update(`union:${userKey}`).digest('base64url');
  return `o${digest.slice(0, 27)}`;
}

/** Returns the openid a login code maps to, or undefined when WeChat would reject its format. */
export function openIdForCode(appId: string, code: string): string | undefined {
  const userKey = userKeyForCode(code);
  return userKey === undefined ? undefined : deriveOpenId(appId, userKey);
}

function userKeyForCode(code: string): string | undefined {
  if (code.length > MAX_CODE_LENGTH || !VISIBLE_ASCII.test(code)) {
    return undefined;
  }
  if (!code.startsWith(NAMED_CODE_PREFIX)) {
    return code;
  }

  // Many codes of one name give one user, so dev logins and tests are reproducible.
  const rest = code.slice(NAMED_CODE_PREFIX.length);
  const separator = rest.indexOf(':');
  const name = separator === -1 ? '' : rest.slice(0, separator);
  return name === '' ? undefined : name;
}

/** Builds an error of the login and token APIs, which write "invalid appsecret, rid: …" with a comma. */
function authError(state: FakeState, errcode: number, message: string, contentType?: string): FakeReply {
  return wechatError(errcode, `${message},`, state.now(), contentType);
}

/**
 * Checks appid and secret as the login and token APIs do, returning
 * 41002/40013 for the appid and 41004/40125 for the secret.
 */
function rejectBadCredentials(
  state: FakeState,
  appId: unknown,
  secret: unknown,
  contentType?: string,
): FakeReply | undefined {
  if (typeof appId !== 'string' || appId === '') {
    return authError(state, 41002, 'appid missing', contentType);
  }
  if (appId !== state.appId) {
    return authError(state, 40013, 'invalid appid', contentType);
  }
  if (typeof secret !== 'string' || secret === '') {
    return authError(state, 41004, 'appsecret missing', contentType);
  }
  if (secret !== state.appSecret) {
    return authError(state, 40125, 'invalid appsecret', contentType);
  }
  return undefined;
}

/** GET /sns/jscode2session: exchanges a login code for openid and session_key. */
export async function handleJscode2session(state: FakeState, request: ApiRequest): Promise<FakeReply> {
  const { appid, secret, js_code: code, grant_type: grantType } = request.query;

  const credentialError = rejectBadCredentials(state, appid, secret, LOGIN_CONTENT_TYPE);
  if (credentialError) {
    return credentialError;
  }

  // NOTE: the docs mark grant_type as required but do not say what WeChat returns
  // without it. The fake uses 40002, WeChat's general code for a bad grant_type.
  if (grantType !== 'authorization_code') {
    return authError(state, 40002, 'invalid grant_type', LOGIN_CONTENT_TYPE);
  }
  if (code === undefined || code === '') {
    return authError(state, 41008, 'missing code', LOGIN_CONTENT_TYPE);
  }

  const openid = openIdForCode(state.appId, code);
  if (openid === undefined) {
    return authError(state, 40029, 'invalid code', LOGIN_CONTENT_TYPE);
  }
  if (state.usedCodes.has(code)) {
    return authError(state, 40163, 'code been used', LOGIN_CONTENT_TYPE);
  }
  state.usedCodes.add(code);

  // session_key is the base64 of a 16-byte AES key, 24 characters, as in production.
  const session = { session_key: randomBytes(16).toString('base64'), openid };
  const userKey = userKeyForCode(code) ?? code;
  const body = state.withUnionId ? { ...session, unionid: deriveUnionId(userKey) } : session;
  return jsonReply(body, LOGIN_CONTENT_TYPE);
}

/** GET /cgi-bin/token: issues a token that replaces the previous one from this API. */
export async function handleToken(state: FakeState, request: ApiRequest): Promise<FakeReply> {
  const { grant_type: grantType, appid, secret } = request.query;

  if (grantType !== 'client_credential') {
    return authError(state, 40002, 'invalid grant_type');
  }

  const credentialError = rejectBadCredentials(state, appid, secret);
  if (credentialError) {
    return credentialError;
  }

  const issued = state.tokens.issueBasic();
  return jsonReply({ access_token: issued.accessToken, expires_in: issued.expiresInSeconds });
}

/** POST /cgi-bin/stable_token: returns the stable token, renewed or force-refreshed as WeChat does. */
export async function handleStableToken(state: FakeState, request: ApiRequest): Promise<FakeReply> {
  const read = readJsonObject(state, request);
  if (!read.ok) {
    return read.reply;
  }

  const { grant_type: grantType, appid, secret, force_refresh: forceRefresh } = read.body;
  if (grantType !== 'client_credential') {
    return authError(state, 40002, 'invalid grant_type');
  }

  const credentialError = rejectBadCredentials(state, appid, secret);
  if (credentialError) {
    return credentialError;
  }

  // The docs define force_refresh as a boolean, so a string "true" does not force a refresh.
  if (forceRefresh !== undefined && typeof forceRefresh !== 'boolean') {
    return wechatError(47001, 'data format error', state.now());
  }

  const issued = state.tokens.issueStable(forceRefresh === true);
  return jsonReply({ access_token: issued.accessToken, expires_in: issued.expiresInSeconds });
}

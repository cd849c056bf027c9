import { type Rgba, drawQrPng } from './qr-png';
import {
  type ApiRequest,
  type FakeReply,
  type FakeState,
  isPlainObject,
  readJsonObject,
  rejectBadToken,
  wechatError,
} from './wechat-reply';

const SCENE_MAX_LENGTH = 32;
const SCENE_ALLOWED = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]+$/;
const ENV_VERSIONS = ['release', 'trial', 'develop'];
const WIDTH_DEFAULT = 430;
const WIDTH_MIN = 280;
const WIDTH_MAX = 1280;
const BLACK: Rgba = [0, 0, 0, 255];

const BODY_KEYS = ['scene', 'page', 'check_path', 'env_version', 'width', 'auto_color', 'line_color', 'is_hyaline'];

/** The fields of a getwxacodeunlimit request after validation. */
interface WxacodeRequest {
  scene: string;
  page: string;
  envVersion: string;
  width: number;
  lineColor: Rgba;
  transparent: boolean;
}

/**
 * POST /wxa/getwxacodeunlimit: draws a QR code of the scene and page.
 *
 * Success is HTTP 200 with a PNG body. Every failure is JSON with HTTP 200, so a
 * client that saves the body without checking Content-Type stores an error as an image.
 */
export async function handleGetWxacodeUnlimit(state: FakeState, request: ApiRequest): Promise<FakeReply> {
  const tokenError = rejectBadToken(state, request);
  if (tokenError) {
    return tokenError;
  }

  const parsed = parseWxacodeRequest(state, request);
  if ('status' in parsed) {
    return parsed;
  }

  // NOTE: developers report that production returns image/jpeg. The fake always
  // returns PNG, so a client should accept any image/* type.
  const png = drawQrPng(describeCode(state.appId, parsed), {
    widthPx: parsed.width,
    dark: parsed.lineColor,
    light: parsed.transparent ? [255, 255, 255, 0] : [255, 255, 255, 255],
  });
  return { status: 200, contentType: 'image/png', body: png };
}

function describeCode(appId: string, code: WxacodeRequest): string {
  const query = new URLSearchParams({ page: code.page, scene: code.scene, env_version: code.envVersion });
  return `fake-wxacode://${appId}?${query.toString()}`;
}

function parseWxacodeRequest(state: FakeState, request: ApiRequest): WxacodeRequest | FakeReply {
  const now = state.now();

  // WeChat returns 40169 "...or the data is not json string" when the body is not JSON.
  if (request.body.kind !== 'json') {
    return wechatError(40169, 'invalid length for scene, or the data is not json string', now);
  }
  const read = readJsonObject(state, request, BODY_KEYS);
  if (!read.ok) {
    return read.reply;
  }
  const body = read.body;

  // Developers report that WeChat accepts a numeric scene and reads it as text.
  const rawScene = body.scene;
  const scene = typeof rawScene === 'number' && Number.isFinite(rawScene) ? String(rawScene) : rawScene;
  if (typeof scene !== 'string' || scene.length === 0 || scene.length > SCENE_MAX_LENGTH) {
    return wechatError(40169, 'invalid length for scene, or the data is not json string', now);
  }
  if (!SCENE_ALLOWED.test(scene)) {
    return wechatError(40129, 'invalid scene', now);
  }

  const page = body.page ?? '';
  if (typeof page !== 'string' || page.startsWith('/') || page.includes('?')) {
    return wechatError(41030, 'invalid page', now);
  }

  const checkPath = body.check_path ?? true;
  if (typeof checkPath !== 'boolean') {
    return wechatError(47001, 'data format error', now);
  }
  // An empty page opens the home page, which always exists.
  if (checkPath && page !== '' && state.pages && !state.pages.has(page)) {
    return wechatError(41030, 'invalid page', now);
  }

  // NOTE: 40097 "invalid args" is WeChat's general code for a bad argument. What the
  // real API returns for an unknown env_version was not confirmed.
  const envVersion = body.env_version ?? 'release';
  if (typeof envVersion !== 'string' || !ENV_VERSIONS.includes(envVersion)) {
    return wechatError(40097, 'invalid args', now);
  }

  const width = body.width ?? WIDTH_DEFAULT;
  const autoColor = body.auto_color ?? false;
  const transparent = body.is_hyaline ?? false;
  if (
    typeof width !== 'number' ||
    !Number.isFinite(width) ||
    typeof autoColor !== 'boolean' ||
    typeof transparent !== 'boolean'
  ) {
    return wechatError(47001, 'data format error', now);
  }

  const lineColor = autoColor ? BLACK : parseLineColor(body.line_color);
  if (lineColor === undefined) {
    return wechatError(47001, 'data format error', now);
  }

  // WeChat documents 280 to 1280 px, and the fake clamps other widths to that range.
  const clampedWidth = Math.min(WIDTH_MAX, Math.max(WIDTH_MIN, Math.round(width)));
  return { scene, page, envVersion, width: clampedWidth, lineColor, transparent };
}

/** Reads {"r","g","b"} as numbers or decimal strings, since the docs show both. */
function parseLineColor(value: unknown): Rgba | undefined {
  if (value === undefined) {
    return BLACK;
  }
  if (!isPlainObject(value)) {
    return undefined;
  }

  const channels = [value.r, value.g, value.b].map((channel) => Number(channel ?? 0));
  if (channels.some((channel) => !Number.isInteger(channel) || channel < 0 || channel > 255)) {
    return undefined;
  }

  const [r = 0, g = 0, b = 0] = channels;
  return [r, g, b, 255];
}

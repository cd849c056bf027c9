import { randomInt } from 'node:crypto';
import {
  type ApiRequest,
  type FakeReply,
  type FakeState,
  JSON_CONTENT_TYPE,
  OPENID_PATTERN,
  createRid,
  isPlainObject,
  jsonReply,
  readJsonObject,
  rejectBadToken,
  wechatError,
} from './wechat-reply';

/** A word that makes msg_sec_check flag content, with the verdict WeChat would give. */
export interface RiskyWord {
  word: string;
  suggest: 'review' | 'risky';

  // WeChat's labels: 10001 ad, 20001 politics, 20002 porn, 20003 abuse, 20006 crime, 20008 fraud, 21000 other.
  label: number;
}

/** Words the fake's msg_sec_check flags. All other content passes with label 100. */
export const FAKE_RISKY_WORDS: readonly RiskyWord[] = [
  { word: '违禁词', suggest: 'risky', label: 21000 },
  { word: '赌博', suggest: 'risky', label: 20006 },
  { word: '诈骗', suggest: 'risky', label: 20008 },
  { word: '加微信', suggest: 'review', label: 10001 },
];

const PASS_LABEL = 100;
const SEC_CHECK_SCENES = [1, 2, 3, 4];
const SEC_CHECK_MAX_CONTENT = 2500;
const SEC_CHECK_KEYS = ['content', 'version', 'scene', 'openid', 'title', 'nickname', 'signature'];

/**
 * Length and character rules of subscribe message values, by the key's prefix
 * (thing1, phrase2, ...), from WeChat's table for sendMessage. Lengths count
 * characters, so one Chinese character counts as one.
 */
const VALUE_RULES: ReadonlyArray<{ prefix: string; isValid: (value: string) => boolean }> = [
  { prefix: 'character_string', isValid: (value) => value.length <= 32 && /^[\x21-\x7e]+$/.test(value) },
  { prefix: 'phone_number', isValid: (value) => value.length <= 17 && /^[0-9+\-() ]+$/.test(value) },
  { prefix: 'car_number', isValid: (value) => value.length <= 8 },
  { prefix: 'thing', isValid: (value) => value.length <= 20 },
  { prefix: 'number', isValid: (value) => value.length <= 32 && /^\d+(\.\d+)?$/.test(value) },
  { prefix: 'letter', isValid: (value) => value.length <= 32 && /^[A-Za-z]+$/.test(value) },
  { prefix: 'symbol', isValid: (value) => value.length <= 5 && /^[^0-9A-Za-z\p{Script=Han}]+$/u.test(value) },
  { prefix: 'phrase', isValid: (value) => value.length <= 5 && /^\p{Script=Han}+$/u.test(value) },
  { prefix: 'name', isValid: isValidName },
];

// Names are at most 10 Chinese characters, or at most 20 letters or symbols without Chinese.
function isValidName(value: string): boolean {
  const hasHan = /\p{Script=Han}/u.test(value);
  return hasHan ? value.length <= 10 : value.length <= 20;
}

/** POST /cgi-bin/message/subscribe/send: validates and stores a subscribe message. */
export async function handleSubscribeSend(state: FakeState, request: ApiRequest): Promise<FakeReply> {
  const tokenError = rejectBadToken(state, request);
  if (tokenError) {
    return tokenError;
  }

  const read = readJsonObject(state, request);
  if (!read.ok) {
    return read.reply;
  }
  const body = read.body;
  const now = state.now();

  const { touser, template_id: templateId, page, data } = body;
  if (typeof touser !== 'string' || !OPENID_PATTERN.test(touser)) {
    return wechatError(40003, 'invalid openid', now);
  }
  if (typeof templateId !== 'string' || templateId === '') {
    return wechatError(40037, 'invalid template_id', now);
  }
  const requiredKeys = state.templates?.get(templateId);
  if (state.templates && requiredKeys === undefined) {
    return wechatError(40037, 'invalid template_id', now);
  }

  const dataError = checkTemplateData(data, requiredKeys ?? []);
  if (dataError !== undefined) {
    return wechatError(47003, `argument invalid! ${dataError}`, now);
  }

  if (page !== undefined && !isReleasedPage(state, page)) {
    return wechatError(41030, 'invalid page', now);
  }

  const msgid = createMsgid();
  state.sentMessages.push({
    msgid,
    touser,
    template_id: templateId,
    page: typeof page === 'string' ? page : undefined,
    data: data as Record<string, { value: string }>,
    miniprogram_state: typeof body.miniprogram_state === 'string' ? body.miniprogram_state : undefined,
    lang: typeof body.lang === 'string' ? body.lang : undefined,
  });
  return { status: 200, contentType: JSON_CONTENT_TYPE, body: `{"errcode":0,"errmsg":"ok","msgid":${msgid}}` };
}

/**
 * Creates a msgid as decimal text. Real msgids are 19-digit integers, which JSON.parse
 * cannot keep exactly in a JavaScript number, and the fake writes the same kind of
 * number into its JSON.
 */
function createMsgid(): string {
  const high = String(randomInt(0, 1e9)).padStart(9, '0');
  const low = String(randomInt(0, 1e9)).padStart(9, '0');
  return `${randomInt(1, 10)}${high}${low}`;
}

/** Returns WeChat's 47003 detail, like "data.thing1.value invalid", or undefined when the data is valid. */
function checkTemplateData(data: unknown, requiredKeys: readonly string[]): string | undefined {
  // WeChat names the first template key it cannot read, which the fake has only
  // from the `templates` option. NOTE: "data is empty" without it is a guess.
  if (!isPlainObject(data) || Object.keys(data).length === 0) {
    const firstKey = requiredKeys[0];
    return firstKey === undefined ? 'data is empty' : `data.${firstKey}.value is empty`;
  }

  for (const key of requiredKeys) {
    if (!(key in data)) {
      return `data.${key}.value is empty`;
    }
  }

  for (const [key, entry] of Object.entries(data)) {
    const value = isPlainObject(entry) ? entry.value : undefined;
    if (value === undefined || value === '') {
      return `data.${key}.value is empty`;
    }
    if (typeof value !== 'string') {
      return `data.${key}.value invalid`;
    }

    const rule = VALUE_RULES.find((candidate) => new RegExp(`^${candidate.prefix}\\d+$`).test(key));
    if (rule && !rule.isValid(value)) {
      return `data.${key}.value invalid`;
    }
  }
  return undefined;
}

/** Checks a sendMessage page, which may carry a query ("index?foo=bar"), against the released pages. */
function isReleasedPage(state: FakeState, page: unknown): boolean {
  if (typeof page !== 'string') {
    return false;
  }
  if (!state.pages) {
    return true;
  }

  const path = page.split('?')[0]?.replace(/^\//, '') ?? '';
  return state.pages.has(path);
}

/**
 * POST /wxa/msg_sec_check: checks text for risky content.
 *
 * Without a version WeChat still runs the retired 1.0 check, which returns only
 * errcode 0 or 87014 and no `result`. A client that forgets `version: 2` therefore
 * finds no verdict here, as in production.
 */
export async function handleMsgSecCheck(state: FakeState, request: ApiRequest): Promise<FakeReply> {
  const tokenError = rejectBadToken(state, request);
  if (tokenError) {
    return tokenError;
  }

  const read = readJsonObject(state, request, SEC_CHECK_KEYS);
  if (!read.ok) {
    return read.reply;
  }
  const body = read.body;
  const now = state.now();

  // NOTE: WeChat's response to content that is missing, not text or over 2500
  // characters was not confirmed. The fake uses 47001, its code for a malformed body.
  const { content, version } = body;
  if (typeof content !== 'string' || content.length > SEC_CHECK_MAX_CONTENT) {
    return wechatError(47001, 'data format error', now);
  }

  if (version === undefined || version === 1 || version === '1') {
    const flagged = findRiskyWord(content) !== undefined;
    return flagged ? wechatError(87014, 'risky content', now) : jsonReply({ errcode: 0, errmsg: 'ok' });
  }
  // The docs list version as a number, and the string "2" works too.
  if (version !== 2 && version !== '2') {
    return wechatError(47001, 'data format error', now);
  }

  if (typeof body.openid !== 'string' || !OPENID_PATTERN.test(body.openid)) {
    return wechatError(40003, 'invalid openid', now);
  }
  if (typeof body.scene !== 'number' || !SEC_CHECK_SCENES.includes(body.scene)) {
    return wechatError(40129, 'invalid scene', now);
  }

  const checkedText = [content, body.title, body.nickname, body.signature]
    .filter((part) => typeof part === 'string')
    .join('\n');
  return jsonReply(secCheckVerdict(findRiskyWord(checkedText), now));
}

function findRiskyWord(text: string): RiskyWord | undefined {
  return FAKE_RISKY_WORDS.find((risky) => text.includes(risky.word));
}

/** Builds the 2.0 response body. Production spells the field `suggest`, though older docs wrote `suggust`. */
function secCheckVerdict(risky: RiskyWord | undefined, now: number): object {
  const suggest = risky?.suggest ?? 'pass';
  const label = risky?.label ?? PASS_LABEL;

  return {
    errcode: 0,
    errmsg: 'ok',
    detail: [
      { strategy: 'content_model', errcode: 0, suggest, label, prob: 90 },
      { strategy: 'keyword', errcode: 0 },
    ],
    trace_id: createRid(now),
    result: { suggest, label },
  };
}

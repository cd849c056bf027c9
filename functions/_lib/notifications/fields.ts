/**
 * Cleans values for the fields of WeChat subscribe-message templates before
 * subscribeMessage.send. WeChat rejects a value that is empty or breaks its
 * field type's rule with errcode 47003, and then the whole message is lost.
 *
 * Source: the table "订阅消息参数值内容限制说明" under "其他说明" in WeChat's
 * "发送订阅消息" reference,
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html
 * The notes below that table (symbols, time and date forms) were read in a copy
 * of the same section at http://blog.bitefu.net/post/660.html. The rules:
 *
 * - thing: at most 20 characters of Chinese, digits, letters or symbols.
 * - number: at most 32 digits, optionally with a decimal part.
 * - letter: at most 32 letters. symbol: at most 5 symbols.
 * - character_string: at most 32 digits, letters or symbols.
 * - time: a 24-hour time (HH:MM or HH:MM:SS), optionally after a date. A range
 *   joins two times with "~", for example 15:01 or 2019年10月1日 15:01.
 * - date: a date as y年m月d日 or joined with "-", "/" or ".", optionally with a
 *   time. A range joins two dates with "~".
 * - amount: one currency symbol, then at most 10 digits with optional decimals,
 *   optionally ending with 元.
 * - phone_number: at most 17 digits and symbols, for example +86-0766-66888866.
 * - car_number: at most 8 characters. The first and the last may be Chinese,
 *   and the others are letters or digits, for example 粤A8Z888挂.
 * - name: at most 10 Chinese characters, or at most 20 letters or symbols. A
 *   name that mixes Chinese and letters counts as Chinese (10 characters).
 * - phrase: at most 5 Chinese characters and nothing else, for example 配送中.
 * - Symbols are common characters other than Chinese, English letters and
 *   digits. No value may contain a line break or another control character.
 *
 * The table also lists enum (values from the template's enumeration list),
 * which this module does not handle because such a value can only be checked
 * against that list, not cleaned.
 */
import dayjs, { type Dayjs } from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

import { BUSINESS_TIME_ZONE } from '../../../shared/time';

dayjs.extend(utc);
dayjs.extend(timezone);

export type SubscribeFieldType =
  | 'thing'
  | 'short_thing'
  | 'phrase'
  | 'character_string'
  | 'number'
  | 'letter'
  | 'symbol'
  | 'time'
  | 'date'
  | 'amount'
  | 'phone_number'
  | 'car_number'
  | 'name';

/** A raw template value: text, a number (fen for amount, epoch ms for time and date) or an instant. */
export type SubscribeFieldInput = string | number | Date;

const FIELD_TYPES: ReadonlySet<string> = new Set<SubscribeFieldType>([
  'thing',
  'short_thing',
  'phrase',
  'character_string',
  'number',
  'letter',
  'symbol',
  'time',
  'date',
  'amount',
  'phone_number',
  'car_number',
  'name',
]);

const THING_MAX_GRAPHEMES = 20;
// NOTE: short_thing is missing from WeChat's table, although templates use keys
// such as short_thing1. The limit of 5 is a guess that no WeChat page confirms.
const SHORT_THING_MAX_GRAPHEMES = 5;
const PHRASE_MAX_CHARACTERS = 5;
const CHARACTER_STRING_MAX_LENGTH = 32;
const NUMBER_MAX_LENGTH = 32;
const LETTER_MAX_LENGTH = 32;
const SYMBOL_MAX_LENGTH = 5;
const AMOUNT_MAX_DIGITS = 10;
const PHONE_NUMBER_MAX_LENGTH = 17;
const CAR_NUMBER_MAX_LENGTH = 8;
const NAME_MAX_CHINESE = 10;
const NAME_MAX_LATIN = 20;

const ELLIPSIS = '…';
const RANGE_SEPARATOR = '~';
/** FULLWIDTH TILDE (U+FF5E) and WAVE DASH (U+301C), which Chinese and Japanese input methods type for "~". */
const WIDE_TILDES = /[\uFF5E\u301C]/gu;

const graphemeSegmenter = new Intl.Segmenter('zh', { granularity: 'grapheme' });

/**
 * Cleans one value for a template field of the given type. Characters that the
 * type does not allow are removed and text types are cut to their limit.
 * Throws an Error when nothing valid is left, or when cutting or dropping a
 * part would change the meaning (numbers, amounts, phone and car numbers).
 */
export function cleanFieldValue(type: SubscribeFieldType, value: SubscribeFieldInput): string {
  switch (type) {
    case 'thing':
      return cleanThing(type, value, THING_MAX_GRAPHEMES);
    case 'short_thing':
      return cleanThing(type, value, SHORT_THING_MAX_GRAPHEMES);
    case 'phrase':
      return cleanPhrase(value);
    case 'character_string':
      return cleanCharacterString(value);
    case 'number':
      return cleanNumber(value);
    case 'letter':
      return cleanLetter(value);
    case 'symbol':
      return cleanSymbol(value);
    case 'time':
      return cleanTime(value);
    case 'date':
      return cleanDate(value);
    case 'amount':
      return formatFenAsYuan(value);
    case 'phone_number':
      return cleanPhoneNumber(value);
    case 'car_number':
      return cleanCarNumber(value);
    case 'name':
      return cleanName(value);
    default:
      throw new Error(`Unsupported subscribe message field type ${JSON.stringify(type)}`);
  }
}

/**
 * Builds the `data` object of subscribeMessage.send. Throws an Error that names
 * the key when a template field has no value, a value has no template field, a
 * declared type contradicts the type in the key, or a value cannot be cleaned.
 */
export function cleanTemplateData(
  fields: Record<string, SubscribeFieldType>,
  values: Record<string, SubscribeFieldInput>,
): Record<string, { value: string }> {
  for (const key of Object.keys(values)) {
    if (!Object.hasOwn(fields, key)) {
      throw new Error(
        `Subscribe message value ${key} matches no template field. Remove it or add ${key} to the fields`,
      );
    }
  }

  const data: Record<string, { value: string }> = {};
  for (const [key, type] of Object.entries(fields)) {
    const typeInKey = fieldTypeOfKey(key);
    if (typeInKey !== undefined && typeInKey !== type) {
      throw new Error(
        `Template field ${key} is declared as ${type}, but WeChat reads the type ${typeInKey} from the key`,
      );
    }

    const value = values[key];
    if (value === undefined || value === null) {
      throw new Error(`Template field ${key} (${type}) has no value`);
    }

    try {
      data[key] = { value: cleanFieldValue(type, value) };
    } catch (error) {
      throw new Error(`Template field ${key}: ${(error as Error).message}`, { cause: error });
    }
  }
  return data;
}

/**
 * Reads the field type from a template key such as `thing1`, `amount3` or
 * `character_string2`, because WeChat names every key after its type followed
 * by a number. Returns undefined for keys of other types (enum1) or other forms.
 */
export function fieldTypeOfKey(key: string): SubscribeFieldType | undefined {
  const match = /^([a-z]+(?:_[a-z]+)*)\d*$/.exec(key);
  const prefix = match?.[1];
  if (prefix === undefined || !FIELD_TYPES.has(prefix)) return undefined;
  return prefix as SubscribeFieldType;
}

/**
 * Formats a range for a time field in Asia/Shanghai. When both ends fall on the
 * same day the end is written as HH:mm alone (2026-12-05 09:00~11:00). That fits
 * the docs' rule, because each side of "~" is a valid time and 15:01 is one of
 * their examples.
 */
export function timeRange(start: SubscribeFieldInput, end: SubscribeFieldInput): string {
  return formatTimeRange(
    parseTimePoint('time', start),
    parseTimePoint('time', end),
    `${describe(start)} to ${describe(end)}`,
  );
}

// ---------------------------------------------------------------------------
// Text types

/**
 * Turns line breaks, tabs and other whitespace into single spaces, removes the
 * other control characters and trims. Format characters such as the zero-width
 * joiner stay, because emoji sequences need them.
 */
function flattenText(text: string): string {
  return text
    .replace(/[\t\n\v\f\r\u0085\u2028\u2029]/gu, ' ')
    .replace(/\p{Cc}/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();
}

function textOf(type: SubscribeFieldType, value: SubscribeFieldInput): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw new Error(`Invalid ${type} value ${describe(value)}: expected text or a finite number`);
}

function requireNonEmpty(type: SubscribeFieldType, original: SubscribeFieldInput, cleaned: string): string {
  if (cleaned !== '') return cleaned;
  throw new Error(
    `Invalid ${type} value ${describe(original)}: no character that ${type} allows is left, and WeChat rejects an empty value`,
  );
}

/**
 * Cuts text to at most `max` grapheme clusters (user-perceived characters), so
 * that no emoji, flag, skin-tone sequence or combining sequence is split.
 * A cut text ends with "…" and stays within `max` including the ellipsis.
 */
function truncateGraphemes(text: string, max: number): string {
  const graphemes = Array.from(graphemeSegmenter.segment(text), (part) => part.segment);
  if (graphemes.length <= max) return text;
  const shortened = graphemes.slice(0, max - 1).join('');
  return shortened.trimEnd() + ELLIPSIS;
}

/** Cuts text to at most `max` code points without an ellipsis, for types whose alphabet has no "…". */
function truncateCodePoints(text: string, max: number): string {
  return Array.from(text).slice(0, max).join('').trimEnd();
}

function cleanThing(type: 'thing' | 'short_thing', value: SubscribeFieldInput, maxGraphemes: number): string {
  // NOTE: WeChat's docs leave open whether thing accepts emoji and what one
  // "character" is. Emoji are kept as symbols and counted as one grapheme each,
  // but WeChat may count a sequence such as 👨‍👩‍👧 as several and reject the value.
  const text = requireNonEmpty(type, value, flattenText(textOf(type, value)));
  return truncateGraphemes(text, maxGraphemes);
}

/** Keeps only Han characters, because phrase accepts nothing else. Punctuation such as "，" is not Han. */
function cleanPhrase(value: SubscribeFieldInput): string {
  const chinese = textOf('phrase', value).replace(/\P{Script=Han}/gu, '');
  if (chinese === '') {
    throw new Error(
      `Invalid phrase value ${describe(value)}: it contains no Chinese characters, and phrase takes 1 to 5 of them, such as 配送中`,
    );
  }
  return truncateCodePoints(chinese, PHRASE_MAX_CHARACTERS);
}

/**
 * Keeps printable ASCII without spaces. NFKC first turns full-width letters,
 * digits and punctuation into ASCII, so "ＡＢ１２" becomes "AB12".
 */
function cleanCharacterString(value: SubscribeFieldInput): string {
  const ascii = textOf('character_string', value)
    .normalize('NFKC')
    .replace(/[^\x21-\x7e]/gu, '');
  return truncateCodePoints(requireNonEmpty('character_string', value, ascii), CHARACTER_STRING_MAX_LENGTH);
}

function cleanLetter(value: SubscribeFieldInput): string {
  const letters = textOf('letter', value)
    .normalize('NFKC')
    .replace(/[^A-Za-z]/gu, '');
  return truncateCodePoints(requireNonEmpty('letter', value, letters), LETTER_MAX_LENGTH);
}

/**
 * Keeps Unicode punctuation and symbols except emoji and their parts (skin-tone
 * modifiers, regional indicators), because the docs allow only "common" symbols.
 */
function cleanSymbol(value: SubscribeFieldInput): string {
  const symbols = textOf('symbol', value).replace(
    /[^\p{P}\p{S}]|\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{Regional_Indicator}/gu,
    '',
  );
  return truncateCodePoints(requireNonEmpty('symbol', value, symbols), SYMBOL_MAX_LENGTH);
}

/**
 * Keeps digits, "+" and "-", a subset of the "digits and symbols" WeChat allows
 * that every phone number can be written in. Throws instead of cutting a number
 * that is too long, because a cut number would reach another phone.
 */
function cleanPhoneNumber(value: SubscribeFieldInput): string {
  const phone = textOf('phone_number', value)
    .normalize('NFKC')
    .replace(/[^0-9+-]/gu, '');
  requireNonEmpty('phone_number', value, phone);
  if (phone.length > PHONE_NUMBER_MAX_LENGTH) {
    throw new Error(
      `Invalid phone_number value ${describe(value)}: ${phone.length} characters after cleaning, but WeChat allows at most ${PHONE_NUMBER_MAX_LENGTH}`,
    );
  }
  return phone;
}

/**
 * Upper-cases a plate and removes spaces and the separators people write in
 * plates ("蒙K·12345"). Throws instead of cutting, because a changed plate names
 * another vehicle.
 */
function cleanCarNumber(value: SubscribeFieldInput): string {
  const plate = flattenText(textOf('car_number', value).normalize('NFKC'))
    .toUpperCase()
    .replace(/[\s·•・.-]/gu, '');
  const isValid = /^[\p{Script=Han}A-Z0-9](?:[A-Z0-9]*[\p{Script=Han}A-Z0-9])?$/u.test(plate);
  if (!isValid || Array.from(plate).length > CAR_NUMBER_MAX_LENGTH) {
    throw new Error(
      `Invalid car_number value ${describe(value)}: expected at most ${CAR_NUMBER_MAX_LENGTH} letters and digits, where only the first and the last may be Chinese, such as 粤A8Z888挂`,
    );
  }
  return plate;
}

/**
 * Keeps Han and Latin letters plus the space, "·", ".", "-" and "'" that names
 * contain, and drops digits and emoji, which neither name form allows. A name
 * with any Chinese character is cut at 10 characters, other names at 20. No
 * ellipsis is added, because a Chinese name must be Chinese characters only.
 */
function cleanName(value: SubscribeFieldInput): string {
  // NOTE: WeChat's docs leave open whether "·" may join a Chinese name such as
  // 巴特尔·那顺. It is kept because such names are common in Inner Mongolia.
  const name = flattenText(
    textOf('name', value)
      .normalize('NFC')
      .replace(/[^\p{Script=Han}\p{Script=Latin} ·.'-]/gu, ''),
  );
  requireNonEmpty('name', value, name);
  const max = /\p{Script=Han}/u.test(name) ? NAME_MAX_CHINESE : NAME_MAX_LATIN;
  return truncateCodePoints(name, max);
}

// ---------------------------------------------------------------------------
// Numbers and amounts

/**
 * Writes a number in plain decimal digits. Exponent forms such as 1e-7 are
 * rejected, because stripping "e" and "-" from them would give another number.
 */
function plainDecimal(value: number): string {
  if (Number.isInteger(value)) return BigInt(value).toString();
  const text = String(value);
  if (/e/i.test(text)) {
    throw new Error(`Invalid number value ${text}: pass it as a decimal string instead of a number`);
  }
  return text;
}

/**
 * Keeps digits and one decimal point, so "1,234.50" becomes "1234.50". Throws
 * on a sign, because the number type has none and dropping "-" would flip the
 * meaning, and on values too long to send, because cutting a number changes it.
 */
function cleanNumber(value: SubscribeFieldInput): string {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`Invalid number value ${describe(value)}: expected a finite number`);
    text = plainDecimal(value);
  } else if (typeof value === 'string') {
    text = flattenText(value.normalize('NFKC'));
  } else {
    throw new Error(`Invalid number value ${describe(value)}: expected a number or numeric text`);
  }

  if (text.startsWith('-')) {
    throw new Error(
      `Invalid number value ${describe(value)}: WeChat's number field has no sign, so word the template to take a positive value`,
    );
  }

  let digits = text.replace(/[^0-9.]/gu, '');
  if (digits.split('.').length > 2) {
    throw new Error(`Invalid number value ${describe(value)}: it has more than one decimal point`);
  }
  if (digits.endsWith('.')) digits = digits.slice(0, -1);
  if (digits.startsWith('.')) digits = `0${digits}`;

  requireNonEmpty('number', value, digits);
  if (digits.length > NUMBER_MAX_LENGTH) {
    throw new Error(
      `Invalid number value ${describe(value)}: ${digits.length} characters, but WeChat allows at most ${NUMBER_MAX_LENGTH}`,
    );
  }
  return digits;
}

/**
 * Formats an amount in fen (1 yuan = 100 fen) as yuan with 2 decimals behind
 * one currency symbol, such as ¥123.45. The 10-digit limit counts the decimals
 * too, because WeChat's docs leave open whether they count, so the maximum is
 * ¥99999999.99. Negative amounts are rejected because the amount type has no
 * sign. Show a refund as a positive amount under a refund label instead.
 */
function formatFenAsYuan(value: SubscribeFieldInput): string {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new Error(`Invalid amount value ${describe(value)}: expected an integer number of fen (1 yuan = 100 fen)`);
  }
  if (value < 0) {
    throw new Error(`Invalid amount value ${describe(value)}: WeChat's amount field has no sign`);
  }

  const yuan = Math.floor(value / 100);
  const cents = String(value % 100).padStart(2, '0');
  if (`${yuan}${cents}`.length > AMOUNT_MAX_DIGITS) {
    throw new Error(`Invalid amount value ${describe(value)}: more than ${AMOUNT_MAX_DIGITS} digits as yuan`);
  }
  return `¥${yuan}.${cents}`;
}

// ---------------------------------------------------------------------------
// Times and dates, always in Asia/Shanghai

/** An instant, or a bare time of day ("15:01") that names no day. */
type TimePoint = { kind: 'instant'; at: Dayjs } | { kind: 'clock'; text: string };

type TimeFieldType = 'time' | 'date';

/** A wall time without an offset, which is read as Asia/Shanghai: 2026-12-05, 2026/12/5 9:05, 2026-12-05T09:00:30. */
const WALL_TIME = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;
/** An ISO 8601 date-time with "Z" or an offset, such as 2026-12-05T01:00:00Z. */
const OFFSET_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;
const CLOCK_TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

function pad2(part: string): string {
  return part.padStart(2, '0');
}

/**
 * Reads an instant from a wall time in Asia/Shanghai. Rebuilding the string
 * from the parsed instant rejects dates that dayjs would roll over, such as
 * 2026-02-30 becoming 2026-03-02.
 */
function parseWallTime(type: TimeFieldType, match: RegExpExecArray, original: SubscribeFieldInput): Dayjs {
  const [, year, month, day, hour = '0', minute = '0', second = '0'] = match;
  const normalized = `${year}-${pad2(month!)}-${pad2(day!)} ${pad2(hour)}:${pad2(minute)}:${pad2(second)}`;
  const at = dayjs.tz(normalized, BUSINESS_TIME_ZONE);
  if (!at.isValid() || at.format('YYYY-MM-DD HH:mm:ss') !== normalized) {
    throw new Error(`Invalid ${type} value ${describe(original)}: no such date or time`);
  }
  return at;
}

function parseClockTime(type: TimeFieldType, match: RegExpExecArray, original: SubscribeFieldInput): TimePoint {
  const [, hour, minute] = match;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(match[3] ?? 0) > 59) {
    throw new Error(`Invalid ${type} value ${describe(original)}: not a 24-hour time`);
  }
  return { kind: 'clock', text: `${pad2(hour!)}:${minute}` };
}

/**
 * Reads one end of a time or date value. Dates and epoch milliseconds are
 * instants. Text may be an ISO 8601 date-time with an offset, a wall time in
 * Asia/Shanghai, or a bare HH:mm(:ss). Seconds are dropped from the output.
 */
function parseTimePoint(type: TimeFieldType, value: SubscribeFieldInput): TimePoint {
  if (value instanceof Date || typeof value === 'number') {
    const at = dayjs(value);
    if (!at.isValid() || (typeof value === 'number' && !Number.isFinite(value))) {
      throw new Error(`Invalid ${type} value ${describe(value)}: not a valid instant`);
    }
    return { kind: 'instant', at: at.tz(BUSINESS_TIME_ZONE) };
  }

  const text = flattenText(String(value).normalize('NFKC'));
  const wall = WALL_TIME.exec(text);
  if (wall) return { kind: 'instant', at: parseWallTime(type, wall, value) };

  if (OFFSET_TIME.test(text)) {
    const at = dayjs(text);
    if (!at.isValid()) throw new Error(`Invalid ${type} value ${describe(value)}: no such date or time`);
    return { kind: 'instant', at: at.tz(BUSINESS_TIME_ZONE) };
  }

  const clock = CLOCK_TIME.exec(text);
  if (clock) return parseClockTime(type, clock, value);

  throw new Error(
    `Invalid ${type} value ${describe(value)}: expected a Date, epoch milliseconds, an ISO 8601 date-time, YYYY-MM-DD HH:mm or HH:mm`,
  );
}

function formatTimePoint(point: TimePoint): string {
  return point.kind === 'instant' ? point.at.format('YYYY-MM-DD HH:mm') : point.text;
}

function formatTimeRange(start: TimePoint, end: TimePoint, description: string): string {
  if (start.kind === 'instant' && end.kind === 'instant') {
    if (end.at.isBefore(start.at)) {
      throw new Error(`Invalid time range ${description}: it ends before it starts`);
    }
    if (start.at.format('YYYY-MM-DD') === end.at.format('YYYY-MM-DD')) {
      return `${formatTimePoint(start)}${RANGE_SEPARATOR}${end.at.format('HH:mm')}`;
    }
  }
  return `${formatTimePoint(start)}${RANGE_SEPARATOR}${formatTimePoint(end)}`;
}

/** Splits text at "~", after turning full-width tildes into "~", into one or two trimmed parts. */
function splitRange(type: TimeFieldType, value: string): string[] {
  const parts = value.replace(WIDE_TILDES, RANGE_SEPARATOR).split(RANGE_SEPARATOR);
  if (parts.length > 2) {
    throw new Error(`Invalid ${type} value ${describe(value)}: a range has one "~" between two ends`);
  }
  return parts.map((part) => part.trim());
}

function cleanTime(value: SubscribeFieldInput): string {
  if (typeof value !== 'string') return formatTimePoint(parseTimePoint('time', value));

  const [start, end] = splitRange('time', value);
  if (end === undefined) return formatTimePoint(parseTimePoint('time', start!));
  return formatTimeRange(parseTimePoint('time', start!), parseTimePoint('time', end), describe(value));
}

function dayOf(value: SubscribeFieldInput): string {
  const point = parseTimePoint('date', value);
  if (point.kind === 'clock') {
    throw new Error(`Invalid date value ${describe(value)}: a time of day has no date, so pass YYYY-MM-DD`);
  }
  return point.at.format('YYYY-MM-DD');
}

/** Formats a date, or a range of two dates, as YYYY-MM-DD in Asia/Shanghai. */
function cleanDate(value: SubscribeFieldInput): string {
  if (typeof value !== 'string') return dayOf(value);

  const [start, end] = splitRange('date', value);
  const firstDay = dayOf(start!);
  if (end === undefined) return firstDay;

  const lastDay = dayOf(end);
  if (lastDay < firstDay) {
    throw new Error(`Invalid date range ${describe(value)}: it ends before it starts`);
  }
  return `${firstDay}${RANGE_SEPARATOR}${lastDay}`;
}

// ---------------------------------------------------------------------------

/** Renders a raw value for error messages: text quoted, instants as ISO 8601. */
function describe(value: unknown): string {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

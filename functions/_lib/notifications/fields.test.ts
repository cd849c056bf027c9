import {
  cleanFieldValue,
  cleanTemplateData,
  fieldTypeOfKey,
  timeRange,
  type SubscribeFieldInput,
  type SubscribeFieldType,
} from './fields';

// Every expected value is written out. Instants are given in UTC ("Z") and
// expected in Asia/Shanghai (+08:00), so the suite passes with TZ=UTC and
// TZ=Asia/Shanghai alike. "\u200D" is the zero-width joiner inside 👨‍👩‍👧.

interface Case {
  name: string;
  type: SubscribeFieldType;
  input: SubscribeFieldInput;
  expected: string;
}

const cleaned: Case[] = [
  // thing
  {
    name: 'thing cuts long shop name',
    type: 'thing',
    input: '鄂托克前旗城川镇金元街草原手把肉馆（演示）总店二楼包间',
    expected: '鄂托克前旗城川镇金元街草原手把肉馆（演…',
  },
  {
    name: 'thing keeps 20 characters',
    type: 'thing',
    input: '鄂托克前旗城川镇金元街草原手把肉馆（演示',
    expected: '鄂托克前旗城川镇金元街草原手把肉馆（演示',
  },
  { name: 'thing keeps short mixed text', type: 'thing', input: '草原SHOP 2店 No.12', expected: '草原SHOP 2店 No.12' },
  {
    name: 'thing cuts mixed text',
    type: 'thing',
    input: 'Wi-Fi密码 8888 / 草原SHOP No.12',
    expected: 'Wi-Fi密码 8888 / 草原SH…',
  },
  {
    name: 'thing keeps family emoji whole',
    type: 'thing',
    input: '草原手把肉馆草原手把肉馆草原手把肉馆👨\u200D👩\u200D👧好吃',
    expected: '草原手把肉馆草原手把肉馆草原手把肉馆👨\u200D👩\u200D👧…',
  },
  {
    name: 'thing drops family emoji whole',
    type: 'thing',
    input: '草原手把肉馆草原手把肉馆草原手把肉馆店👨\u200D👩\u200D👧好',
    expected: '草原手把肉馆草原手把肉馆草原手把肉馆店…',
  },
  {
    name: 'thing drops flag whole',
    type: 'thing',
    input: '草原手把肉馆草原手把肉馆草原手把肉馆店🇨🇳好',
    expected: '草原手把肉馆草原手把肉馆草原手把肉馆店…',
  },
  {
    name: 'thing keeps flag at limit',
    type: 'thing',
    input: '草原手把肉馆草原手把肉馆草原手把肉馆店🇨🇳',
    expected: '草原手把肉馆草原手把肉馆草原手把肉馆店🇨🇳',
  },
  {
    name: 'thing keeps skin tone whole',
    type: 'thing',
    input: '草原手把肉馆草原手把肉馆草原手把肉馆👍🏽好吃',
    expected: '草原手把肉馆草原手把肉馆草原手把肉馆👍🏽…',
  },
  {
    name: 'thing drops skin tone whole',
    type: 'thing',
    input: '草原手把肉馆草原手把肉馆草原手把肉馆店👍🏽好',
    expected: '草原手把肉馆草原手把肉馆草原手把肉馆店…',
  },
  {
    name: 'thing keeps combining mark',
    type: 'thing',
    input: '草原手把肉馆草原手把肉馆草原手把肉馆e\u0301xyz',
    expected: '草原手把肉馆草原手把肉馆草原手把肉馆e\u0301…',
  },
  {
    name: 'thing drops combining sequence whole',
    type: 'thing',
    input: '草原手把肉馆草原手把肉馆草原手把肉馆店e\u0301x',
    expected: '草原手把肉馆草原手把肉馆草原手把肉馆店…',
  },
  {
    name: 'thing flattens newlines',
    type: 'thing',
    input: '手把肉\n\n今日  特价\t羊排\r\n',
    expected: '手把肉 今日 特价 羊排',
  },
  { name: 'thing drops control characters', type: 'thing', input: 'A\u0000B\u001bC\u007f', expected: 'ABC' },
  { name: 'thing flattens line separator', type: 'thing', input: '草原\u2028牧场', expected: '草原 牧场' },
  {
    name: 'thing trims before ellipsis',
    type: 'thing',
    input: 'abcdefghijklmnopqr stuvwxyz',
    expected: 'abcdefghijklmnopqr…',
  },
  { name: 'thing accepts number', type: 'thing', input: 42, expected: '42' },

  // short_thing
  { name: 'short_thing keeps 4 characters', type: 'short_thing', input: '配送中心', expected: '配送中心' },
  { name: 'short_thing cuts at 5', type: 'short_thing', input: '草原手把肉馆', expected: '草原手把…' },
  { name: 'short_thing keeps emoji whole', type: 'short_thing', input: '好吃吗👍🏽呀呀', expected: '好吃吗👍🏽…' },
  {
    name: 'short_thing keeps emoji at limit',
    type: 'short_thing',
    input: '好吃👨\u200D👩\u200D👧吗呀',
    expected: '好吃👨\u200D👩\u200D👧吗呀',
  },

  // phrase
  { name: 'phrase keeps Chinese', type: 'phrase', input: '配送中', expected: '配送中' },
  { name: 'phrase strips Latin', type: 'phrase', input: '已配送(OK)', expected: '已配送' },
  { name: 'phrase strips spaces and newlines', type: 'phrase', input: ' 待 支付\n', expected: '待支付' },
  { name: 'phrase strips punctuation', type: 'phrase', input: '已完成！', expected: '已完成' },
  { name: 'phrase cuts at 5', type: 'phrase', input: '订单已经送达了', expected: '订单已经送' },

  // character_string
  { name: 'character_string keeps code', type: 'character_string', input: 'SN-2026-0001', expected: 'SN-2026-0001' },
  { name: 'character_string strips Chinese', type: 'character_string', input: '订单AB-12_34', expected: 'AB-12_34' },
  { name: 'character_string strips spaces', type: 'character_string', input: 'AB 12\n34', expected: 'AB1234' },
  { name: 'character_string maps full width', type: 'character_string', input: 'ＡＢ１２３', expected: 'AB123' },
  {
    name: 'character_string cuts at 32',
    type: 'character_string',
    input: '0123456789012345678901234567890123456789',
    expected: '01234567890123456789012345678901',
  },
  { name: 'character_string accepts number', type: 'character_string', input: 20261205, expected: '20261205' },

  // number
  { name: 'number keeps integer', type: 'number', input: 42, expected: '42' },
  { name: 'number keeps decimal', type: 'number', input: 3.5, expected: '3.5' },
  { name: 'number writes large integer', type: 'number', input: 1e21, expected: '1000000000000000000000' },
  { name: 'number strips separators', type: 'number', input: '1,234.50', expected: '1234.50' },
  { name: 'number strips units', type: 'number', input: ' 12 人', expected: '12' },
  { name: 'number maps full width', type: 'number', input: '１２３', expected: '123' },
  { name: 'number drops trailing point', type: 'number', input: '12.', expected: '12' },
  { name: 'number pads leading point', type: 'number', input: '.5', expected: '0.5' },

  // letter
  { name: 'letter strips spaces', type: 'letter', input: 'abc DEF', expected: 'abcDEF' },
  { name: 'letter strips digits', type: 'letter', input: 'A1B2', expected: 'AB' },
  {
    name: 'letter cuts at 32',
    type: 'letter',
    input: 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJ',
    expected: 'abcdefghijklmnopqrstuvwxyzABCDEF',
  },

  // symbol
  { name: 'symbol keeps star', type: 'symbol', input: '★', expected: '★' },
  { name: 'symbol strips letters', type: 'symbol', input: 'a+b-c', expected: '+-' },
  { name: 'symbol cuts at 5', type: 'symbol', input: '!!!!!!!', expected: '!!!!!' },
  { name: 'symbol strips emoji', type: 'symbol', input: '👍🏽★🇨🇳', expected: '★' },

  // time
  { name: 'time formats Date', type: 'time', input: new Date('2026-12-05T01:00:00Z'), expected: '2026-12-05 09:00' },
  { name: 'time formats epoch ms', type: 'time', input: 1796432400000, expected: '2026-12-05 09:00' },
  {
    name: 'time uses Shanghai day',
    type: 'time',
    input: new Date('2026-12-04T16:30:00Z'),
    expected: '2026-12-05 00:30',
  },
  { name: 'time reads UTC ISO', type: 'time', input: '2026-12-04T16:30:00.000Z', expected: '2026-12-05 00:30' },
  { name: 'time reads offset ISO', type: 'time', input: '2026-12-05T09:00:59+08:00', expected: '2026-12-05 09:00' },
  { name: 'time reads wall time', type: 'time', input: '2026-12-05 09:00', expected: '2026-12-05 09:00' },
  { name: 'time pads short wall time', type: 'time', input: '2026/12/5 9:05', expected: '2026-12-05 09:05' },
  { name: 'time keeps clock time', type: 'time', input: '15:01', expected: '15:01' },
  { name: 'time drops clock seconds', type: 'time', input: '15:01:30', expected: '15:01' },
  {
    name: 'time replaces full-width tilde',
    type: 'time',
    input: '2026-12-05 09:00～11:00',
    expected: '2026-12-05 09:00~11:00',
  },
  { name: 'time replaces wave dash', type: 'time', input: '09:00 〜 11:30', expected: '09:00~11:30' },
  {
    name: 'time shortens same-day range',
    type: 'time',
    input: '2026-12-05T01:00:00Z~2026-12-05T03:00:00Z',
    expected: '2026-12-05 09:00~11:00',
  },
  {
    name: 'time keeps overnight range',
    type: 'time',
    input: '2026-12-05 22:00~2026-12-06 02:00',
    expected: '2026-12-05 22:00~2026-12-06 02:00',
  },
  { name: 'time flattens newlines', type: 'time', input: '\n2026-12-05\t09:00\n', expected: '2026-12-05 09:00' },

  // date
  { name: 'date formats Date', type: 'date', input: new Date('2026-12-04T16:30:00Z'), expected: '2026-12-05' },
  { name: 'date formats epoch ms', type: 'date', input: 1796401800000, expected: '2026-12-05' },
  { name: 'date keeps day', type: 'date', input: '2026-12-05', expected: '2026-12-05' },
  { name: 'date pads slashed day', type: 'date', input: '2026/1/5', expected: '2026-01-05' },
  { name: 'date reads UTC ISO', type: 'date', input: '2026-12-04T23:59:00Z', expected: '2026-12-05' },
  {
    name: 'date replaces full-width tilde',
    type: 'date',
    input: '2026-12-05～2026-12-07',
    expected: '2026-12-05~2026-12-07',
  },

  // amount in fen
  { name: 'amount formats 0 fen', type: 'amount', input: 0, expected: '¥0.00' },
  { name: 'amount formats 1 fen', type: 'amount', input: 1, expected: '¥0.01' },
  { name: 'amount formats 99 fen', type: 'amount', input: 99, expected: '¥0.99' },
  { name: 'amount formats 100 fen', type: 'amount', input: 100, expected: '¥1.00' },
  { name: 'amount formats 12345 fen', type: 'amount', input: 12345, expected: '¥123.45' },
  { name: 'amount formats 100000000 fen', type: 'amount', input: 100000000, expected: '¥1000000.00' },
  { name: 'amount formats 10-digit maximum', type: 'amount', input: 9999999999, expected: '¥99999999.99' },

  // phone_number
  { name: 'phone_number keeps symbols', type: 'phone_number', input: '+86-0477-6612345', expected: '+86-0477-6612345' },
  { name: 'phone_number strips spaces', type: 'phone_number', input: '138 0047 1234', expected: '13800471234' },
  { name: 'phone_number strips parentheses', type: 'phone_number', input: '（0477）6612345', expected: '04776612345' },
  {
    name: 'phone_number maps full width',
    type: 'phone_number',
    input: '１３８００４７１２３４',
    expected: '13800471234',
  },

  // car_number
  { name: 'car_number strips separator', type: 'car_number', input: '蒙K·12345', expected: '蒙K12345' },
  { name: 'car_number keeps Chinese ends', type: 'car_number', input: '粤A8Z888挂', expected: '粤A8Z888挂' },
  { name: 'car_number upper-cases', type: 'car_number', input: '蒙k 12345', expected: '蒙K12345' },

  // name
  { name: 'name keeps Chinese', type: 'name', input: '张三', expected: '张三' },
  { name: 'name keeps middle dot', type: 'name', input: '巴特尔·那顺', expected: '巴特尔·那顺' },
  { name: 'name keeps English', type: 'name', input: 'John Smith', expected: 'John Smith' },
  { name: 'name keeps mixed', type: 'name', input: 'Li Lei 李雷', expected: 'Li Lei 李雷' },
  { name: 'name cuts Chinese at 10', type: 'name', input: '阿依古丽买买提艾尔肯江', expected: '阿依古丽买买提艾尔肯' },
  {
    name: 'name cuts English at 20',
    type: 'name',
    input: 'Alexander Maximilian Smith',
    expected: 'Alexander Maximilian',
  },
  { name: 'name cuts mixed at 10', type: 'name', input: 'Bater Nasun 巴特尔', expected: 'Bater Nasu' },
  { name: 'name strips digits', type: 'name', input: '小王123', expected: '小王' },
  { name: 'name strips emoji', type: 'name', input: '小王😀', expected: '小王' },
  { name: 'name composes accents', type: 'name', input: 'Jose\u0301', expected: 'Jos\u00e9' },
];

test.each(cleaned)('$name', ({ type, input, expected }) => {
  expect(cleanFieldValue(type, input)).toBe(expected);
});

interface Rejection {
  name: string;
  type: SubscribeFieldType;
  input: SubscribeFieldInput;
  message: RegExp;
}

const rejected: Rejection[] = [
  { name: 'thing rejects blank text', type: 'thing', input: ' \n\t ', message: /thing value " \\n\\t ".*empty/ },
  { name: 'thing rejects Date', type: 'thing', input: new Date('2026-12-05T01:00:00Z'), message: /expected text/ },
  { name: 'phrase rejects Latin only', type: 'phrase', input: 'OK!', message: /phrase value "OK!".*no Chinese/ },
  { name: 'phrase rejects empty text', type: 'phrase', input: '', message: /phrase value "".*no Chinese/ },
  { name: 'character_string rejects Chinese only', type: 'character_string', input: '订单', message: /"订单"/ },
  { name: 'number rejects negative', type: 'number', input: -3, message: /number value -3.*no sign/ },
  { name: 'number rejects negative text', type: 'number', input: '-3', message: /number value "-3".*no sign/ },
  { name: 'number rejects infinity', type: 'number', input: Infinity, message: /finite/ },
  { name: 'number rejects exponent', type: 'number', input: 1e-7, message: /decimal string/ },
  { name: 'number rejects two points', type: 'number', input: '1.2.3', message: /more than one decimal point/ },
  {
    name: 'number rejects 33 digits',
    type: 'number',
    input: '123456789012345678901234567890123',
    message: /at most 32/,
  },
  { name: 'letter rejects digits only', type: 'letter', input: '123', message: /letter value "123"/ },
  { name: 'symbol rejects letters only', type: 'symbol', input: 'abc', message: /symbol value "abc"/ },
  { name: 'time rejects free text', type: 'time', input: '明天上午', message: /time value "明天上午"/ },
  { name: 'time rejects February 30', type: 'time', input: '2026-02-30 09:00', message: /no such date/ },
  { name: 'time rejects hour 25', type: 'time', input: '25:00', message: /not a 24-hour time/ },
  { name: 'time rejects invalid Date', type: 'time', input: new Date('nonsense'), message: /Invalid Date/ },
  {
    name: 'time rejects reversed range',
    type: 'time',
    input: '2026-12-05 11:00~2026-12-05 09:00',
    message: /ends before it starts/,
  },
  { name: 'time rejects three ends', type: 'time', input: '09:00~10:00~11:00', message: /one "~"/ },
  { name: 'date rejects clock time', type: 'date', input: '09:00', message: /a time of day has no date/ },
  { name: 'date rejects month 13', type: 'date', input: '2026-13-01', message: /no such date/ },
  { name: 'date rejects reversed range', type: 'date', input: '2026-12-07~2026-12-05', message: /ends before/ },
  { name: 'amount rejects fraction of fen', type: 'amount', input: 12.5, message: /amount value 12.5.*integer/ },
  { name: 'amount rejects NaN', type: 'amount', input: NaN, message: /integer/ },
  { name: 'amount rejects text', type: 'amount', input: '12345', message: /amount value "12345"/ },
  { name: 'amount rejects negative', type: 'amount', input: -100, message: /no sign/ },
  { name: 'amount rejects 11 digits', type: 'amount', input: 10000000000, message: /more than 10 digits/ },
  {
    name: 'phone_number rejects 20 characters',
    type: 'phone_number',
    input: '+86-0477-66123456789',
    message: /at most 17/,
  },
  { name: 'phone_number rejects letters only', type: 'phone_number', input: 'abc', message: /"abc"/ },
  { name: 'car_number rejects Chinese inside', type: 'car_number', input: '蒙K中12345', message: /"蒙K中12345"/ },
  { name: 'car_number rejects 10 characters', type: 'car_number', input: '蒙KD1234567', message: /at most 8/ },
  { name: 'name rejects digits only', type: 'name', input: '123', message: /name value "123"/ },
];

test.each(rejected)('$name', ({ type, input, message }) => {
  expect(() => cleanFieldValue(type, input)).toThrow(message);
});

test('cleanFieldValue rejects unknown type', () => {
  expect(() => cleanFieldValue('enum' as SubscribeFieldType, 'x')).toThrow(
    /Unsupported subscribe message field type "enum"/,
  );
});

test.each([
  ['thing1', 'thing'],
  ['character_string2', 'character_string'],
  ['short_thing5', 'short_thing'],
  ['amount3', 'amount'],
  ['time4', 'time'],
  ['phone_number12', 'phone_number'],
  ['car_number01', 'car_number'],
  ['thing', 'thing'],
  ['enum1', undefined],
  ['keyword1', undefined],
  ['Thing1', undefined],
  ['thing1.DATA', undefined],
  ['', undefined],
])('fieldTypeOfKey reads %j', (key, expected) => {
  expect(fieldTypeOfKey(key)).toBe(expected);
});

test('timeRange shortens same day', () => {
  expect(timeRange(new Date('2026-12-05T01:00:00Z'), new Date('2026-12-05T03:00:00Z'))).toBe('2026-12-05 09:00~11:00');
});

test('timeRange keeps Shanghai midnight crossing', () => {
  // Both ends are on 2026-12-05 in UTC, but the end is on 2026-12-06 in Shanghai.
  expect(timeRange('2026-12-05T15:00:00Z', '2026-12-05T17:00:00Z')).toBe('2026-12-05 23:00~2026-12-06 01:00');
});

test('timeRange accepts epoch ms', () => {
  expect(timeRange(1796432400000, 1796439600000)).toBe('2026-12-05 09:00~11:00');
});

test('timeRange rejects reversed ends', () => {
  expect(() => timeRange('2026-12-05 11:00', '2026-12-05 09:00')).toThrow(/ends before it starts/);
});

test('timeRange output passes time cleaning unchanged', () => {
  expect(cleanFieldValue('time', '2026-12-05 09:00~11:00')).toBe('2026-12-05 09:00~11:00');
});

const orderFields: Record<string, SubscribeFieldType> = {
  character_string1: 'character_string',
  thing2: 'thing',
  amount3: 'amount',
  time4: 'time',
  phrase5: 'phrase',
};

const orderValues: Record<string, SubscribeFieldInput> = {
  character_string1: 'SN-2026-0001',
  thing2: '鄂托克前旗城川镇金元街草原手把肉馆（演示）总店二楼包间',
  amount3: 12345,
  time4: new Date('2026-12-05T01:00:00Z'),
  phrase5: '待取餐',
};

test('cleanTemplateData builds send data', () => {
  expect(cleanTemplateData(orderFields, orderValues)).toEqual({
    character_string1: { value: 'SN-2026-0001' },
    thing2: { value: '鄂托克前旗城川镇金元街草原手把肉馆（演…' },
    amount3: { value: '¥123.45' },
    time4: { value: '2026-12-05 09:00' },
    phrase5: { value: '待取餐' },
  });
});

test('cleanTemplateData rejects missing value', () => {
  const { thing2: _omitted, ...values } = orderValues;
  expect(() => cleanTemplateData(orderFields, values)).toThrow('Template field thing2 (thing) has no value');
});

test('cleanTemplateData rejects value without field', () => {
  expect(() => cleanTemplateData(orderFields, { ...orderValues, thing9: '多余' })).toThrow(
    /value thing9 matches no template field/,
  );
});

test('cleanTemplateData rejects type contradicting key', () => {
  expect(() => cleanTemplateData({ thing1: 'phrase' }, { thing1: '配送中' })).toThrow(
    /thing1 is declared as phrase, but WeChat reads the type thing/,
  );
});

test('cleanTemplateData names key of invalid value', () => {
  expect(() => cleanTemplateData(orderFields, { ...orderValues, phrase5: 'OK' })).toThrow(
    /^Template field phrase5: Invalid phrase value "OK"/,
  );
});

test('cleanTemplateData keeps field without type in key', () => {
  expect(cleanTemplateData({ keyword1: 'thing' }, { keyword1: '草原' })).toEqual({ keyword1: { value: '草原' } });
});

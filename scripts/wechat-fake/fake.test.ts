import { createHash } from 'node:crypto';
import { FAKE_RISKY_WORDS, type WechatFake, type WechatFakeOptions, fakeOpenIdForName, startWechatFake } from './fake';

const APP_ID = 'wxfaketest00000001';
const APP_SECRET = 'fake-test-secret';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PAGES = ['pages/index/index', 'pages/shop/detail'];

let fake: WechatFake;
let clockMs: number;

async function startFake(options: Partial<WechatFakeOptions> = {}): Promise<WechatFake> {
  clockMs = Date.UTC(2025, 0, 1);
  fake = await startWechatFake({ appId: APP_ID, appSecret: APP_SECRET, now: () => clockMs, ...options });
  return fake;
}

afterEach(async () => {
  await fake?.close();
});

type Json = Record<string, any>;

function login(code: string, overrides: Record<string, string> = {}): Promise<Response> {
  const query = new URLSearchParams({
    appid: APP_ID,
    secret: APP_SECRET,
    js_code: code,
    grant_type: 'authorization_code',
    ...overrides,
  });
  return fetch(`${fake.url}/sns/jscode2session?${query.toString()}`);
}

async function loginJson(code: string, overrides: Record<string, string> = {}): Promise<Json> {
  return (await login(code, overrides)).json() as Promise<Json>;
}

async function fetchToken(overrides: Record<string, string> = {}): Promise<Json> {
  const query = new URLSearchParams({
    grant_type: 'client_credential',
    appid: APP_ID,
    secret: APP_SECRET,
    ...overrides,
  });
  const response = await fetch(`${fake.url}/cgi-bin/token?${query.toString()}`);
  return response.json() as Promise<Json>;
}

async function accessToken(): Promise<string> {
  return (await fetchToken()).access_token as string;
}

function postJson(path: string, body: unknown): Promise<Response> {
  return fetch(`${fake.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function postJsonForJson(path: string, body: unknown): Promise<Json> {
  return (await postJson(path, body)).json() as Promise<Json>;
}

async function stableToken(forceRefresh?: boolean): Promise<Json> {
  const body = { grant_type: 'client_credential', appid: APP_ID, secret: APP_SECRET, force_refresh: forceRefresh };
  return postJsonForJson('/cgi-bin/stable_token', body);
}

function secCheck(token: string, body: Json): Promise<Json> {
  return postJsonForJson(`/wxa/msg_sec_check?access_token=${token}`, body);
}

function secCheckBody(content: string): Json {
  return { content, version: 2, scene: 2, openid: fakeOpenIdForName(APP_ID, 'alice') };
}

function wxacode(token: string, body: unknown): Promise<Response> {
  return postJson(`/wxa/getwxacodeunlimit?access_token=${token}`, body);
}

function subscribeBody(overrides: Json = {}): Json {
  return {
    touser: fakeOpenIdForName(APP_ID, 'alice'),
    template_id: 'tmpl-order-shipped',
    page: 'pages/index/index?from=message',
    data: { thing1: { value: '羊肉礼盒' }, time2: { value: '2025年1月1日 10:00' } },
    ...overrides,
  };
}

function sendSubscribe(token: string, body: unknown): Promise<Json> {
  return postJsonForJson(`/cgi-bin/message/subscribe/send?access_token=${token}`, body);
}

function pngWidth(png: Buffer): number {
  // The IHDR chunk follows the signature, and its first field is the width.
  return png.readUInt32BE(16);
}

describe('jscode2session', () => {
  beforeEach(async () => {
    await startFake();
  });

  test('login returns openid and session_key', async () => {
    const body = await loginJson('081abcDEF123');

    expect(body.openid).toMatch(/^o[A-Za-z0-9_-]{27}$/);
    expect(Buffer.from(body.session_key, 'base64')).toHaveLength(16);
    expect(body).not.toHaveProperty('errcode');
    expect(body).not.toHaveProperty('unionid');
  });

  test('login returns 200 text/plain', async () => {
    const response = await login('081abcDEF124');

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain');
  });

  test('named codes share one openid', async () => {
    const first = await loginJson('fake-code:alice:1');
    const second = await loginJson('fake-code:alice:2');

    expect(second.openid).toBe(first.openid);
    expect(first.openid).toBe(fakeOpenIdForName(APP_ID, 'alice'));
  });

  test('named openid follows sha256 rule', async () => {
    const digest = createHash('sha256').update(`${APP_ID}alice`).digest('base64url');

    const body = await loginJson('fake-code:alice:x');

    expect(body.openid).toBe(`o${digest.slice(0, 27)}`);
  });

  test('different names differ', async () => {
    const alice = await loginJson('fake-code:alice:1');
    const bob = await loginJson('fake-code:bob:1');

    expect(bob.openid).not.toBe(alice.openid);
  });

  test('plain code derives openid', async () => {
    const digest = createHash('sha256').update(`${APP_ID}081plainCode`).digest('base64url');

    const body = await loginJson('081plainCode');

    expect(body.openid).toBe(`o${digest.slice(0, 27)}`);
  });

  test('session_key differs per login', async () => {
    const first = await loginJson('fake-code:alice:1');
    const second = await loginJson('fake-code:alice:2');

    expect(second.session_key).not.toBe(first.session_key);
  });

  test('reused code returns 40163', async () => {
    await loginJson('fake-code:alice:once');

    const body = await loginJson('fake-code:alice:once');

    expect(body.errcode).toBe(40163);
    expect(body.errmsg).toMatch(/^code been used, rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/);
  });

  test.each([
    ['empty name', 'fake-code::x'],
    ['name without separator', 'fake-code:alice'],
    ['129 characters', 'c'.repeat(129)],
    ['space inside', 'abc def'],
    ['Chinese characters', '登录码'],
  ])('malformed code returns 40029: %s', async (_case, code) => {
    const body = await loginJson(code);

    expect(body.errcode).toBe(40029);
    expect(body.errmsg).toMatch(/^invalid code, rid: /);
  });

  test('128-character code is accepted', async () => {
    const body = await loginJson('c'.repeat(128));

    expect(body.openid).toMatch(/^o/);
  });

  test('empty code returns 41008', async () => {
    const body = await loginJson('');

    expect(body.errcode).toBe(41008);
  });

  test('wrong secret returns 40125', async () => {
    const body = await loginJson('fake-code:alice:1', { secret: 'wrong' });

    expect(body.errcode).toBe(40125);
    expect(body.errmsg).toMatch(/^invalid appsecret, rid: /);
  });

  test('wrong appid returns 40013', async () => {
    const body = await loginJson('fake-code:alice:1', { appid: 'wx1111111111111111' });

    expect(body.errcode).toBe(40013);
  });

  test('missing appid returns 41002', async () => {
    const body = await loginJson('fake-code:alice:1', { appid: '' });

    expect(body.errcode).toBe(41002);
  });

  test('wrong grant_type returns 40002', async () => {
    const body = await loginJson('fake-code:alice:1', { grant_type: 'client_credential' });

    expect(body.errcode).toBe(40002);
  });

  test('rejected code stays unused', async () => {
    await loginJson('fake-code:alice:retry', { secret: 'wrong' });

    const body = await loginJson('fake-code:alice:retry');

    expect(body.openid).toBe(fakeOpenIdForName(APP_ID, 'alice'));
  });

  test('unionid option adds stable unionid', async () => {
    await fake.close();
    await startFake({ withUnionId: true });

    const first = await loginJson('fake-code:alice:1');
    const second = await loginJson('fake-code:alice:2');

    expect(first.unionid).toMatch(/^o[A-Za-z0-9_-]{27}$/);
    expect(second.unionid).toBe(first.unionid);
  });
});

describe('token', () => {
  beforeEach(async () => {
    await startFake();
  });

  test('token returns 7200 s token', async () => {
    const body = await fetchToken();

    expect(body.access_token).toMatch(/^\d+_[A-Za-z0-9_-]{100,}$/);
    expect(body.expires_in).toBe(7200);
  });

  test('new token invalidates old', async () => {
    const oldToken = await accessToken();
    const newToken = await accessToken();

    const oldAnswer = await secCheck(oldToken, secCheckBody('你好'));
    const newAnswer = await secCheck(newToken, secCheckBody('你好'));

    expect(oldAnswer.errcode).toBe(40001);
    expect(oldAnswer.errmsg).toMatch(/^invalid credential, access_token is invalid or not latest rid: /);
    expect(newAnswer.errcode).toBe(0);
  });

  test('grace keeps replaced token', async () => {
    await fake.close();
    await startFake({ replacedTokenGraceSeconds: 300 });
    const oldToken = await accessToken();
    await accessToken();

    const withinGrace = await secCheck(oldToken, secCheckBody('你好'));
    clockMs += 300_000;
    const afterGrace = await secCheck(oldToken, secCheckBody('你好'));

    expect(withinGrace.errcode).toBe(0);
    expect(afterGrace.errcode).toBe(40001);
  });

  test('expired token returns 42001', async () => {
    const token = await accessToken();

    clockMs += 7200_000;
    const body = await secCheck(token, secCheckBody('你好'));

    expect(body.errcode).toBe(42001);
    expect(body.errmsg).toMatch(/^access_token expired rid: /);
  });

  test('token TTL option applies', async () => {
    await fake.close();
    await startFake({ tokenTtlSeconds: 60 });

    const body = await fetchToken();

    expect(body.expires_in).toBe(60);
  });

  test('missing token returns 41001', async () => {
    const body = await secCheck('', secCheckBody('你好'));

    expect(body.errcode).toBe(41001);
  });

  test('unknown token returns 40001', async () => {
    const body = await secCheck('1_forged', secCheckBody('你好'));

    expect(body.errcode).toBe(40001);
  });

  test('wrong secret returns 40125', async () => {
    const body = await fetchToken({ secret: 'wrong' });

    expect(body.errcode).toBe(40125);
    expect(body).not.toHaveProperty('access_token');
  });

  test('wrong grant_type returns 40002', async () => {
    const body = await fetchToken({ grant_type: 'authorization_code' });

    expect(body.errcode).toBe(40002);
  });

  test('fetch count includes both APIs', async () => {
    await fetchToken();
    await fetchToken({ secret: 'wrong' });
    await stableToken();

    expect(fake.tokenFetchCount()).toBe(3);
  });
});

describe('stable_token', () => {
  beforeEach(async () => {
    await startFake();
  });

  test('repeat returns same token', async () => {
    const first = await stableToken();
    clockMs += 60_000;
    const second = await stableToken(false);

    expect(second.access_token).toBe(first.access_token);
    expect(second.expires_in).toBe(7140);
  });

  test('force_refresh replaces token', async () => {
    const first = await stableToken();

    const second = await stableToken(true);

    expect(second.access_token).not.toBe(first.access_token);
    expect(second.expires_in).toBe(7200);
  });

  test('force_refresh invalidates old token', async () => {
    const first = await stableToken();
    await stableToken(true);

    const body = await secCheck(first.access_token, secCheckBody('你好'));

    expect(body.errcode).toBe(40001);
  });

  test('force within 30 s changes nothing', async () => {
    const forced = await stableToken(true);
    clockMs += 29_000;

    const again = await stableToken(true);

    expect(again.access_token).toBe(forced.access_token);
  });

  test('force after 30 s refreshes', async () => {
    const forced = await stableToken(true);
    clockMs += 30_000;

    const again = await stableToken(true);

    expect(again.access_token).not.toBe(forced.access_token);
  });

  test('last 5 minutes renew token', async () => {
    const first = await stableToken();
    clockMs += 6900_000;

    const renewed = await stableToken();
    const oldAnswer = await secCheck(first.access_token, secCheckBody('你好'));

    expect(renewed.access_token).not.toBe(first.access_token);
    expect(oldAnswer.errcode).toBe(0);
  });

  test('basic token leaves stable valid', async () => {
    const stable = await stableToken();
    await accessToken();

    const body = await secCheck(stable.access_token, secCheckBody('你好'));

    expect(body.errcode).toBe(0);
  });

  test('stable token leaves basic valid', async () => {
    const basic = await accessToken();
    await stableToken(true);

    const body = await secCheck(basic, secCheckBody('你好'));

    expect(body.errcode).toBe(0);
  });

  test('wrong secret returns 40125', async () => {
    const body = await postJsonForJson('/cgi-bin/stable_token', {
      grant_type: 'client_credential',
      appid: APP_ID,
      secret: 'wrong',
    });

    expect(body.errcode).toBe(40125);
  });

  test('string force_refresh returns 47001', async () => {
    const body = await postJsonForJson('/cgi-bin/stable_token', {
      grant_type: 'client_credential',
      appid: APP_ID,
      secret: APP_SECRET,
      force_refresh: 'true',
    });

    expect(body.errcode).toBe(47001);
  });

  test('invalid JSON returns 47001', async () => {
    const body = await postJsonForJson('/cgi-bin/stable_token', '{"grant_type":');

    expect(body.errcode).toBe(47001);
  });

  test('empty body returns 44002', async () => {
    const response = await fetch(`${fake.url}/cgi-bin/stable_token`, { method: 'POST' });
    const body = (await response.json()) as Json;

    expect(body.errcode).toBe(44002);
  });

  test('GET returns 43002', async () => {
    const response = await fetch(`${fake.url}/cgi-bin/stable_token`);
    const body = (await response.json()) as Json;

    expect(body.errcode).toBe(43002);
  });
});

describe('getwxacodeunlimit', () => {
  let token: string;

  beforeEach(async () => {
    await startFake({ pages: PAGES });
    token = await accessToken();
  });

  test('returns real PNG', async () => {
    const response = await wxacode(token, { scene: 's=JY01', page: 'pages/shop/detail' });
    const png = Buffer.from(await response.arrayBuffer());

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
  });

  test('default width is 430', async () => {
    const response = await wxacode(token, { scene: 's=JY01' });
    const png = Buffer.from(await response.arrayBuffer());

    expect(pngWidth(png)).toBe(430);
  });

  test.each([
    [600, 600],
    [100, 280],
    [5000, 1280],
  ])('width %d draws %d px', async (width, expected) => {
    const response = await wxacode(token, { scene: 's=JY01', width });
    const png = Buffer.from(await response.arrayBuffer());

    expect(pngWidth(png)).toBe(expected);
  });

  test('every allowed character passes', async () => {
    const response = await wxacode(token, { scene: "a!#$&'()*+,/:;=?@-._~Z9" });

    expect(response.headers.get('content-type')).toBe('image/png');
  });

  test('33-character scene returns 40169', async () => {
    const response = await wxacode(token, { scene: 'a'.repeat(33) });
    const body = (await response.json()) as Json;

    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(body.errcode).toBe(40169);
    expect(body.errmsg).toMatch(/^invalid length for scene, or the data is not json string rid: /);
  });

  test('empty scene returns 40169', async () => {
    const body = (await (await wxacode(token, { scene: '' })).json()) as Json;

    expect(body.errcode).toBe(40169);
  });

  test('non-JSON body returns 40169', async () => {
    const body = (await (await wxacode(token, 'scene=abc')).json()) as Json;

    expect(body.errcode).toBe(40169);
  });

  test.each([['s=中文'], ['a%20b'], ['a b'], ['a"b']])('bad scene %s returns 40129', async (scene) => {
    const response = await wxacode(token, { scene });
    const body = (await response.json()) as Json;

    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(body.errcode).toBe(40129);
    expect(body.errmsg).toMatch(/^invalid scene rid: /);
  });

  test('leading slash page returns 41030', async () => {
    const body = (await (await wxacode(token, { scene: 's=1', page: '/pages/index/index' })).json()) as Json;

    expect(body.errcode).toBe(41030);
    expect(body.errmsg).toMatch(/^invalid page rid: /);
  });

  test('page with query returns 41030', async () => {
    const body = (await (await wxacode(token, { scene: 's=1', page: 'pages/index/index?a=1' })).json()) as Json;

    expect(body.errcode).toBe(41030);
  });

  test('unknown page returns 41030', async () => {
    const body = (await (await wxacode(token, { scene: 's=1', page: 'pages/missing/index' })).json()) as Json;

    expect(body.errcode).toBe(41030);
  });

  test('check_path false allows unknown page', async () => {
    const response = await wxacode(token, { scene: 's=1', page: 'pages/missing/index', check_path: false });

    expect(response.headers.get('content-type')).toBe('image/png');
  });

  test('no pages option allows any page', async () => {
    await fake.close();
    await startFake();
    token = await accessToken();

    const response = await wxacode(token, { scene: 's=1', page: 'pages/anything/index' });

    expect(response.headers.get('content-type')).toBe('image/png');
  });

  test('unknown field returns 47001', async () => {
    const body = (await (await wxacode(token, { scene: 's=1', check_page: false })).json()) as Json;

    expect(body.errcode).toBe(47001);
  });

  test('unknown env_version returns 40097', async () => {
    const body = (await (await wxacode(token, { scene: 's=1', env_version: 'beta' })).json()) as Json;

    expect(body.errcode).toBe(40097);
  });

  test('line_color and is_hyaline draw', async () => {
    const response = await wxacode(token, {
      scene: 's=1',
      line_color: { r: '0', g: 128, b: 64 },
      is_hyaline: true,
    });

    expect(response.headers.get('content-type')).toBe('image/png');
  });

  test('bad line_color returns 47001', async () => {
    const body = (await (await wxacode(token, { scene: 's=1', line_color: { r: 300, g: 0, b: 0 } })).json()) as Json;

    expect(body.errcode).toBe(47001);
  });

  test('missing token returns 41001', async () => {
    const response = await postJson('/wxa/getwxacodeunlimit', { scene: 's=1' });
    const body = (await response.json()) as Json;

    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(body.errcode).toBe(41001);
  });

  test('replaced token returns 40001', async () => {
    await accessToken();

    const body = (await (await wxacode(token, { scene: 's=1' })).json()) as Json;

    expect(body.errcode).toBe(40001);
  });
});

describe('subscribe_send', () => {
  let token: string;

  beforeEach(async () => {
    await startFake({ pages: PAGES });
    token = await accessToken();
  });

  test('valid message returns msgid', async () => {
    const response = await postJson(`/cgi-bin/message/subscribe/send?access_token=${token}`, subscribeBody());
    const text = await response.text();

    expect(text).toMatch(/^\{"errcode":0,"errmsg":"ok","msgid":[1-9]\d{18}\}$/);
  });

  test('sent message is kept', async () => {
    const response = await postJson(`/cgi-bin/message/subscribe/send?access_token=${token}`, subscribeBody());
    const msgid = /"msgid":(\d+)/.exec(await response.text())?.[1];

    const [message] = fake.sentMessages();

    expect(message?.msgid).toBe(msgid);
    expect(message?.touser).toBe(fakeOpenIdForName(APP_ID, 'alice'));
    expect(message?.data.thing1?.value).toBe('羊肉礼盒');
  });

  test('missing touser returns 40003', async () => {
    const body = await sendSubscribe(token, subscribeBody({ touser: undefined }));

    expect(body.errcode).toBe(40003);
    expect(body.errmsg).toMatch(/^invalid openid rid: /);
  });

  test('malformed touser returns 40003', async () => {
    const body = await sendSubscribe(token, subscribeBody({ touser: 'user-1' }));

    expect(body.errcode).toBe(40003);
  });

  test('missing template_id returns 40037', async () => {
    const body = await sendSubscribe(token, subscribeBody({ template_id: '' }));

    expect(body.errcode).toBe(40037);
  });

  test('unknown template returns 40037', async () => {
    await fake.close();
    await startFake({ templates: { 'tmpl-known': ['thing1'] } });
    token = await accessToken();

    const body = await sendSubscribe(token, subscribeBody());

    expect(body.errcode).toBe(40037);
  });

  test('missing template key returns 47003', async () => {
    await fake.close();
    await startFake({ templates: { 'tmpl-order-shipped': ['thing1', 'amount3'] } });
    token = await accessToken();

    const body = await sendSubscribe(token, subscribeBody());

    expect(body.errcode).toBe(47003);
    expect(body.errmsg).toMatch(/^argument invalid! data\.amount3\.value is empty rid: /);
  });

  test.each([
    ['number value', { thing1: { value: 3 } }, 'data.thing1.value invalid'],
    ['bare string', { thing1: '羊肉' }, 'data.thing1.value is empty'],
    ['empty value', { thing1: { value: '' } }, 'data.thing1.value is empty'],
    ['thing over 20', { thing1: { value: '一'.repeat(21) } }, 'data.thing1.value invalid'],
    ['phrase over 5', { phrase2: { value: '正在配送中啊' } }, 'data.phrase2.value invalid'],
    ['phrase with digits', { phrase2: { value: '第1名' } }, 'data.phrase2.value invalid'],
    ['number with letters', { number3: { value: '12a' } }, 'data.number3.value invalid'],
    ['name over 10 Chinese', { name4: { value: '张'.repeat(11) } }, 'data.name4.value invalid'],
    ['data as string', '{"thing1":{"value":"a"}}', 'data is empty'],
  ])('%s returns 47003', async (_case, data, detail) => {
    const body = await sendSubscribe(token, subscribeBody({ data }));

    expect(body.errcode).toBe(47003);
    expect(body.errmsg).toContain(`argument invalid! ${detail}`);
  });

  test('values within limits pass', async () => {
    const data = {
      thing1: { value: '一'.repeat(20) },
      phrase2: { value: '配送中' },
      number3: { value: '12.5' },
      name4: { value: 'Alice Zhang' },
      character_string5: { value: 'JY-2025-0001' },
      phone_number6: { value: '+86-0477-6666888' },
    };

    const body = await sendSubscribe(token, subscribeBody({ data }));

    expect(body.errcode).toBe(0);
  });

  test('unknown page returns 41030', async () => {
    const body = await sendSubscribe(token, subscribeBody({ page: 'pages/missing/index' }));

    expect(body.errcode).toBe(41030);
  });

  test.each([
    [43101, 'user refuse to accept the msg'],
    [45009, 'reach max api daily quota limit'],
    [47003, 'argument invalid! data.thing1.value invalid'],
  ])('failNext returns %d', async (errcode, errmsg) => {
    fake.failNext('subscribe_send', { errcode, errmsg });

    const failed = await sendSubscribe(token, subscribeBody());
    const next = await sendSubscribe(token, subscribeBody());

    expect(failed).toEqual({ errcode, errmsg });
    expect(next.errcode).toBe(0);
  });

  test('failed message is not kept', async () => {
    fake.failNext('subscribe_send', { errcode: 43101, errmsg: 'user refuse to accept the msg' });

    await sendSubscribe(token, subscribeBody());

    expect(fake.sentMessages()).toHaveLength(0);
  });

  test('old token returns 40001', async () => {
    await accessToken();

    const body = await sendSubscribe(token, subscribeBody());

    expect(body.errcode).toBe(40001);
  });
});

describe('msg_sec_check', () => {
  let token: string;

  beforeEach(async () => {
    await startFake();
    token = await accessToken();
  });

  test('plain text passes', async () => {
    const body = await secCheck(token, secCheckBody('今天的羊肉很新鲜'));

    expect(body.errcode).toBe(0);
    expect(body.result).toEqual({ suggest: 'pass', label: 100 });
    expect(body.detail[0]).toMatchObject({ strategy: 'content_model', suggest: 'pass', label: 100 });
    expect(body.trace_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/);
  });

  test.each(FAKE_RISKY_WORDS.map((risky) => [risky.word, risky.suggest, risky.label] as const))(
    'word %s gives %s %d',
    async (word, suggest, label) => {
      const body = await secCheck(token, secCheckBody(`这里有${word}的内容`));

      expect(body.errcode).toBe(0);
      expect(body.result).toEqual({ suggest, label });
    },
  );

  test('risky nickname is flagged', async () => {
    const body = await secCheck(token, { ...secCheckBody('你好'), nickname: '赌博大王' });

    expect(body.result.suggest).toBe('risky');
  });

  test('version "2" string works', async () => {
    const body = await secCheck(token, { ...secCheckBody('你好'), version: '2' });

    expect(body.result.suggest).toBe('pass');
  });

  test('no version returns 1.0 body', async () => {
    const body = await secCheck(token, { content: '你好' });

    expect(body).toEqual({ errcode: 0, errmsg: 'ok' });
  });

  test('1.0 risky returns 87014', async () => {
    const body = await secCheck(token, { content: '诈骗' });

    expect(body.errcode).toBe(87014);
  });

  test('missing openid returns 40003', async () => {
    const body = await secCheck(token, { ...secCheckBody('你好'), openid: undefined });

    expect(body.errcode).toBe(40003);
  });

  test.each([[0], [5], ['2']])('scene %p returns 40129', async (scene) => {
    const body = await secCheck(token, { ...secCheckBody('你好'), scene });

    expect(body.errcode).toBe(40129);
  });

  test('access_token in body returns 47001', async () => {
    const body = await secCheck(token, { ...secCheckBody('你好'), access_token: token });

    expect(body.errcode).toBe(47001);
  });

  test('content over 2500 returns 47001', async () => {
    const body = await secCheck(token, secCheckBody('好'.repeat(2501)));

    expect(body.errcode).toBe(47001);
  });
});

describe('failNext', () => {
  beforeEach(async () => {
    await startFake();
  });

  test('delay trips client timeout', async () => {
    fake.failNext('token', { delayMs: 500 });

    const request = fetch(
      `${fake.url}/cgi-bin/token?grant_type=client_credential&appid=${APP_ID}&secret=${APP_SECRET}`,
      {
        signal: AbortSignal.timeout(100),
      },
    );

    await expect(request).rejects.toThrow(/timeout|aborted/i);
  });

  test('delay then responds normally', async () => {
    fake.failNext('token', { delayMs: 150 });
    const startedAt = Date.now();

    const body = await fetchToken();

    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(140);
    expect(body.expires_in).toBe(7200);
  });

  test('httpStatus returns bare error', async () => {
    fake.failNext('jscode2session', { httpStatus: 502 });

    const response = await login('fake-code:alice:1');

    expect(response.status).toBe(502);
    expect(await response.text()).toBe('502 Bad Gateway');
  });

  test('times repeats the failure', async () => {
    fake.failNext('token', { errcode: -1, errmsg: 'system error' }, 2);

    const answers = [await fetchToken(), await fetchToken(), await fetchToken()];

    expect(answers.map((answer) => answer.errcode)).toEqual([-1, -1, undefined]);
  });

  test('plans run in order', async () => {
    fake.failNext('token', { errcode: 45009, errmsg: 'reach max api daily quota limit' });
    fake.failNext('token', { httpStatus: 503 });

    const first = await fetchToken();
    const second = await fetch(`${fake.url}/cgi-bin/token`);

    expect(first.errcode).toBe(45009);
    expect(second.status).toBe(503);
  });

  test('failure leaves other APIs alone', async () => {
    fake.failNext('stable_token', { httpStatus: 500 });

    const body = await fetchToken();

    expect(body.expires_in).toBe(7200);
  });

  test('failed login keeps code unused', async () => {
    fake.failNext('jscode2session', { errcode: -1, errmsg: 'system error' });
    await loginJson('fake-code:alice:retry');

    const body = await loginJson('fake-code:alice:retry');

    expect(body.openid).toBe(fakeOpenIdForName(APP_ID, 'alice'));
  });

  test.each([
    ['unknown api', 'nope', { errcode: 1, errmsg: 'x' }, 1],
    ['zero times', 'token', { errcode: 1, errmsg: 'x' }, 0],
    ['negative delay', 'token', { delayMs: -1 }, 1],
    ['status 200', 'token', { httpStatus: 200 }, 1],
    ['empty failure', 'token', {}, 1],
  ])('rejects %s', (_case, api, failure, times) => {
    expect(() => fake.failNext(api as never, failure as never, times)).toThrow(TypeError);
  });

  test('close ends a pending delay', async () => {
    fake.failNext('token', { delayMs: 10_000 });
    const request = fetchToken();
    request.catch(() => undefined);

    await new Promise((resolve) => setTimeout(resolve, 50));
    const closedAt = Date.now();
    await fake.close();

    await expect(request).rejects.toThrow('fetch failed');
    expect(Date.now() - closedAt).toBeLessThan(1000);
  });
});

describe('calls', () => {
  beforeEach(async () => {
    await startFake();
  });

  test('records query and parsed body', async () => {
    const token = await accessToken();
    await secCheck(token, secCheckBody('你好'));

    const [call] = fake.calls('msg_sec_check');

    expect(call?.method).toBe('POST');
    expect(call?.query).toEqual({ access_token: token });
    expect(call?.body).toEqual(secCheckBody('你好'));
  });

  test('records failed calls too', async () => {
    fake.failNext('token', { httpStatus: 500 });

    await fetch(`${fake.url}/cgi-bin/token`);

    expect(fake.calls('token')).toHaveLength(1);
  });

  test('records raw text of bad JSON', async () => {
    await postJson('/cgi-bin/stable_token', 'not json');

    expect(fake.calls('stable_token')[0]?.body).toBe('not json');
  });

  test('reset clears calls and counts', async () => {
    const token = await accessToken();
    await sendSubscribe(token, subscribeBody());
    fake.failNext('token', { httpStatus: 500 });

    fake.reset();

    expect(fake.calls('token')).toHaveLength(0);
    expect(fake.tokenFetchCount()).toBe(0);
    expect(fake.sentMessages()).toHaveLength(0);
    expect((await fetchToken()).expires_in).toBe(7200);
  });

  test('reset keeps issued tokens', async () => {
    const token = await accessToken();

    fake.reset();
    const body = await secCheck(token, secCheckBody('你好'));

    expect(body.errcode).toBe(0);
  });
});

describe('HTTP controls', () => {
  beforeEach(async () => {
    await startFake();
  });

  test('fail control plans failure', async () => {
    const control = await postJson('/__fake/fail', {
      api: 'jscode2session',
      failure: { errcode: 40226, errmsg: 'code blocked' },
      times: 1,
    });

    const body = await loginJson('fake-code:alice:1');

    expect(control.status).toBe(200);
    expect(body).toEqual({ errcode: 40226, errmsg: 'code blocked' });
  });

  test('fail control rejects bad api', async () => {
    const control = await postJson('/__fake/fail', { api: 'nope', failure: { httpStatus: 500 } });
    const body = (await control.json()) as Json;

    expect(control.status).toBe(400);
    expect(body.error).toMatch(/Unknown api "nope"/);
  });

  test('fail control rejects bad JSON', async () => {
    const control = await postJson('/__fake/fail', 'nope');

    expect(control.status).toBe(400);
  });

  test('calls control lists calls', async () => {
    await fetchToken();

    const response = await fetch(`${fake.url}/__fake/calls?api=token`);
    const body = (await response.json()) as Json;

    expect(body.calls).toHaveLength(1);
    expect(body.calls[0].query.grant_type).toBe('client_credential');
  });

  test('calls control needs api', async () => {
    const response = await fetch(`${fake.url}/__fake/calls`);

    expect(response.status).toBe(400);
  });

  test('messages control lists messages', async () => {
    const token = await accessToken();
    await sendSubscribe(token, subscribeBody());

    const response = await fetch(`${fake.url}/__fake/messages`);
    const body = (await response.json()) as Json;

    expect(body.messages).toHaveLength(1);
  });

  test('reset control clears calls', async () => {
    await fetchToken();

    const response = await postJson('/__fake/reset', {});

    expect(response.status).toBe(200);
    expect(fake.calls('token')).toHaveLength(0);
  });

  test('unknown control returns 404', async () => {
    const response = await fetch(`${fake.url}/__fake/nope`);

    expect(response.status).toBe(404);
  });
});

describe('server', () => {
  beforeEach(async () => {
    await startFake();
  });

  test('unknown path returns 404 JSON', async () => {
    const response = await fetch(`${fake.url}/cgi-bin/unknown`);

    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ errcode: -1, errmsg: 'unknown api' });
  });

  test('body over 1 MB returns 413', async () => {
    const response = await postJson('/wxa/msg_sec_check', 'x'.repeat(1024 * 1024 + 1));

    expect(response.status).toBe(413);
  });

  test('body of 1 MB is read', async () => {
    const token = await accessToken();
    const padding = 'x'.repeat(1024 * 1024 - 200);

    const body = await postJsonForJson(`/wxa/msg_sec_check?access_token=${token}`, { content: '你好', pad: padding });

    expect(body.errcode).toBe(47001);
  });

  test('url has no trailing slash', () => {
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  test('listens on IPv6 loopback', async () => {
    await fake.close();
    await startFake({ host: '::1' });

    const body = await fetchToken();

    expect(fake.url).toMatch(/^http:\/\/\[::1\]:\d+$/);
    expect(body.expires_in).toBe(7200);
  });

  test('rejects empty secret option', async () => {
    await expect(startWechatFake({ appId: APP_ID, appSecret: '' })).rejects.toThrow(TypeError);
  });
});

import type { SessionTokens } from '../../shared/contracts/auth';
import { startTestApp, type TestApp } from '../helpers/app';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
}, 60000);

afterAll(async () => {
  await app?.close();
});

let codeCounter = 0;
/** A fresh wx.login code for a named person; the fake maps every code of one name to one openid. */
function wxCode(name: string): string {
  codeCounter += 1;
  return `fake-code:${name}:${codeCounter}`;
}

async function wechatLogin(code: string, ip = '10.0.0.1') {
  return app.request('POST', '/api/v1/auth/wechat', { json: { code }, headers: { 'x-forwarded-for': ip } });
}

describe('wechat login', () => {
  test('creates the user once per openid', async () => {
    const first = await wechatLogin(wxCode('herder-a'));
    expect(first.status).toBe(200);
    expect(first.body.accessToken).toEqual(expect.any(String));
    expect(first.body.expiresIn).toBe(900);
    expect(first.body.user.roles).toEqual([]);

    const second = await wechatLogin(wxCode('herder-a'));
    expect(second.body.user.id).toBe(first.body.user.id);
  });

  test('keeps session_key on the server', async () => {
    const response = await wechatLogin(wxCode('herder-b'));
    expect(JSON.stringify(response.body)).not.toMatch(/session_?key/i);
  });

  test('sends appid, secret and code to jscode2session', async () => {
    const code = wxCode('herder-c');
    await wechatLogin(code);
    const call = app.wechat.calls('jscode2session').at(-1)!;
    expect(call.query.js_code).toBe(code);
    expect(call.query.grant_type).toBe('authorization_code');
    expect(call.query.appid).toBe('wx0000000000000000');
  });

  test('used code is a 401 in Chinese', async () => {
    const code = wxCode('herder-d');
    expect((await wechatLogin(code)).status).toBe(200);
    const again = await wechatLogin(code);
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe('WECHAT_LOGIN_FAILED');
    expect(again.body.error.message).toBe('登录凭证无效或已使用，请重新进入小程序');
  });

  test('missing code names the field', async () => {
    const response = await app.request('POST', '/api/v1/auth/wechat', { json: {} });
    expect(response.status).toBe(400);
    expect(response.body.error.details.fields.code).toBe('缺少微信登录凭证');
  });

  test('WeChat outage is a 502', async () => {
    app.wechat.failNext('jscode2session', { httpStatus: 500 });
    const response = await wechatLogin(wxCode('herder-e'));
    expect(response.status).toBe(502);
    expect(response.body.error.code).toBe('WECHAT_UNAVAILABLE');
  });

  test('limits logins per IP', async () => {
    const ip = '10.9.9.9';
    for (let i = 0; i < 30; i += 1) {
      const response = await wechatLogin(wxCode(`burst-${i}`), ip);
      expect(response.status).toBe(200);
    }
    const limited = await wechatLogin(wxCode('burst-last'), ip);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(limited.body.error.message).toMatch(/^操作太频繁，请 \d+ 秒后再试$/);

    expect((await wechatLogin(wxCode('other-ip'), '10.8.8.8')).status).toBe(200);
  });

  test('limits logins per openid', async () => {
    for (let i = 0; i < 10; i += 1) {
      const response = await wechatLogin(wxCode('same-person'), `10.1.0.${i}`);
      expect(response.status).toBe(200);
    }
    const limited = await wechatLogin(wxCode('same-person'), '10.1.1.1');
    expect(limited.status).toBe(429);
  });
});

describe('session', () => {
  test('me returns the signed-in user', async () => {
    const login = await wechatLogin(wxCode('villager-me'));
    const me = await app.request('GET', '/api/v1/auth/me', { token: login.body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(login.body.user.id);
  });

  test('refresh rotates the refresh token', async () => {
    const login = await wechatLogin(wxCode('villager-refresh'));
    const refreshed = await app.request<SessionTokens>('POST', '/api/v1/auth/refresh', {
      json: { refreshToken: login.body.refreshToken },
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refreshToken).not.toBe(login.body.refreshToken);

    const reused = await app.request('POST', '/api/v1/auth/refresh', {
      json: { refreshToken: login.body.refreshToken },
    });
    expect(reused.status).toBe(401);
  });

  test('logout revokes the refresh token', async () => {
    const login = await wechatLogin(wxCode('villager-logout'));
    const out = await app.request('POST', '/api/v1/auth/logout', { json: { refreshToken: login.body.refreshToken } });
    expect(out.status).toBe(204);
    const refreshed = await app.request('POST', '/api/v1/auth/refresh', {
      json: { refreshToken: login.body.refreshToken },
    });
    expect(refreshed.status).toBe(401);
  });

  test('garbage token is a 401 on private routes', async () => {
    const response = await app.request('GET', '/api/v1/auth/me', { token: 'not.a.jwt' });
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('UNAUTHENTICATED');
  });

  test('garbage token still reads public pages', async () => {
    const response = await app.request('GET', '/api/v1/shops/by-code/JY01', { token: 'not.a.jwt' });
    expect(response.status).toBe(200);
  });

  test('expired token is TOKEN_EXPIRED', async () => {
    const { SignJWT } = await import('jose');
    const { config } = await import('../../functions/_lib/config');
    const past = Math.floor(Date.now() / 1000) - 3600;
    const token = await new SignJWT({ typ: 'access' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('00000000-0000-4000-8000-000000000004')
      .setIssuer('shuzi-xiangcun')
      .setAudience('miniapp')
      .setIssuedAt(past - 900)
      .setExpirationTime(past)
      .sign(new TextEncoder().encode(config().auth.tokenSecret));
    const response = await app.request('GET', '/api/v1/auth/me', { token });
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('TOKEN_EXPIRED');
  });
});

describe('demo login', () => {
  test('lists the demo users', async () => {
    const response = await app.request('GET', '/api/v1/auth/dev-users');
    expect(response.status).toBe(200);
    expect(response.body.users.map((user: { nickname: string }) => user.nickname)).toContain('游客小王（演示）');
  });

  test('gives the admin its role', async () => {
    const session = await app.loginAs('admin');
    expect(session.user.roles).toEqual([{ role: 'county_admin', scopeId: '150623' }]);
  });

  test('refuses a user who is not a demo user', async () => {
    const real = await wechatLogin(wxCode('real-person'));
    const response = await app.request('POST', '/api/v1/auth/dev-login', { json: { userId: real.body.user.id } });
    expect(response.status).toBe(404);
  });
});

describe('user search', () => {
  test('admin finds users by nickname', async () => {
    const admin = await app.loginAs('admin');
    const response = await app.request('GET', `/api/v1/auth/users?q=${encodeURIComponent('游客')}`, {
      token: admin.accessToken,
    });
    expect(response.status).toBe(200);
    expect(response.body.users.map((user: { nickname: string }) => user.nickname)).toEqual(['游客小王（演示）']);
  });

  test('non-admin gets 403', async () => {
    const owner = await app.loginAs('foodOwner');
    const response = await app.request('GET', '/api/v1/auth/users', { token: owner.accessToken });
    expect(response.status).toBe(403);
  });
});

import { parseConfig } from './config';

const production = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://user:pass@db.example/app',
  UPSTASH_REDIS_REST_URL: 'https://redis.example',
  UPSTASH_REDIS_REST_TOKEN: 'token',
  WECHAT_APP_ID: 'wx1234567890abcdef',
  WECHAT_APP_SECRET: 'secret',
  AUTH_TOKEN_SECRET: 'x'.repeat(40),
  BLOB_READ_WRITE_TOKEN: 'blob-token',
  CRON_SECRET: 'cron-secret',
};

test('empty environment runs on embedded defaults', () => {
  const config = parseConfig({});
  expect(config.database).toEqual({ driver: 'pglite', dataDir: undefined });
  expect(config.storage.kind).toBe('local');
  expect(config.auth.devLoginEnabled).toBe(true);
});

test('production uses Neon and disables dev login', () => {
  const config = parseConfig(production);
  expect(config.database.driver).toBe('neon');
  expect(config.auth.devLoginEnabled).toBe(false);
  expect(config.wechat.apiBase).toBe('https://api.weixin.qq.com');
});

test.each([
  'DATABASE_URL',
  'UPSTASH_REDIS_REST_TOKEN',
  'WECHAT_APP_SECRET',
  'AUTH_TOKEN_SECRET',
  'BLOB_READ_WRITE_TOKEN',
])('production without %s names it', (name) => {
  expect(() => parseConfig({ ...production, [name]: '' })).toThrow(name);
});

test('short token secret is rejected', () => {
  expect(() => parseConfig({ AUTH_TOKEN_SECRET: 'short' })).toThrow('at least 32');
});

test('invalid URL names the variable', () => {
  expect(() => parseConfig({ WECHAT_API_BASE: 'not a url' })).toThrow('WECHAT_API_BASE');
});

test('template ids are read from JSON', () => {
  const config = parseConfig({ ...production, WECHAT_SUBSCRIBE_TEMPLATES: '{"shopOwnerBound":"abc123"}' });
  expect(config.subscribeTemplates).toEqual({ shopOwnerBound: 'abc123' });
});

test('broken template JSON names the variable', () => {
  expect(() => parseConfig({ WECHAT_SUBSCRIBE_TEMPLATES: '{shopOwnerBound:' })).toThrow('WECHAT_SUBSCRIBE_TEMPLATES');
});

/**
 * The WeChat access_token is shared through Redis and fetched by one caller
 * at a time, because each fetch can invalidate the token other instances hold.
 */
import { startTestApp, type TestApp } from '../helpers/app';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
}, 60000);

afterAll(async () => {
  await app?.close();
});

async function modules() {
  const { getAccessToken } = await import('../../functions/_lib/wechat/accessToken');
  const { getRedis, redisKey } = await import('../../functions/_lib/redis/client');
  const { logger } = await import('../../functions/_lib/logger');
  const { checkText } = await import('../../functions/_lib/wechat/client');
  return { getAccessToken, getRedis, redisKey, logger, checkText };
}

test('20 cold callers cause one fetch', async () => {
  const { getAccessToken, getRedis, redisKey, logger } = await modules();
  await getRedis().del(redisKey('wechatAccessToken'));
  app.wechat.reset();

  const tokens = await Promise.all(Array.from({ length: 20 }, () => getAccessToken(logger)));

  expect(new Set(tokens).size).toBe(1);
  expect(app.wechat.tokenFetchCount()).toBe(1);
});

test('warm callers do not fetch', async () => {
  const { getAccessToken, logger } = await modules();
  await getAccessToken(logger);
  app.wechat.reset();

  await Promise.all(Array.from({ length: 5 }, () => getAccessToken(logger)));
  expect(app.wechat.tokenFetchCount()).toBe(0);
});

test('40001 forces one refresh and one retry', async () => {
  const { checkText, getAccessToken, logger } = await modules();
  await getAccessToken(logger);
  app.wechat.reset();
  app.wechat.failNext('msg_sec_check', {
    errcode: 40001,
    errmsg: 'invalid credential, access_token is invalid or not latest',
  });

  const verdict = await checkText('店铺介绍', 'oDemoTourist0000000000000000', logger);

  expect(verdict).toBe('pass');
  expect(app.wechat.tokenFetchCount()).toBe(1);
  expect(app.wechat.calls('msg_sec_check')).toHaveLength(2);
});

test('second 40001 is not retried again', async () => {
  const { checkText, logger } = await modules();
  app.wechat.reset();
  app.wechat.failNext('msg_sec_check', { errcode: 42001, errmsg: 'access_token expired' }, 2);

  await expect(checkText('店铺介绍', 'oDemoTourist0000000000000000', logger)).rejects.toMatchObject({ errcode: 42001 });
  expect(app.wechat.calls('msg_sec_check')).toHaveLength(2);
});

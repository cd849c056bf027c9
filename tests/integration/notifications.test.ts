/**
 * Notifications: outbox rows written with the business change, delivered to
 * the inbox and as WeChat subscribe messages, retried, dead-lettered, and
 * never sent twice.
 */
import type { ShopDetail } from '../../shared/contracts/shops';
import { startTestApp, type TestApp } from '../helpers/app';

const TEMPLATE_ID = 'local-template-shop-owner-bound';

let app: TestApp;
let admin: string;

beforeAll(async () => {
  app = await startTestApp();
  admin = (await app.loginAs('admin')).accessToken;
}, 60000);

afterAll(async () => {
  await app?.close();
});

async function modules() {
  const { getDb } = await import('../../functions/_lib/db/client');
  const { deliverDue } = await import('../../functions/_lib/notifications/deliver');
  const { notify } = await import('../../functions/_lib/notifications/outbox');
  const { logger } = await import('../../functions/_lib/logger');
  const schema = await import('../../functions/_lib/db/schema');
  const { eq, sql } = await import('drizzle-orm');
  return { getDb, deliverDue, notify, logger, schema, eq, sql };
}

let codeCounter = 0;
/** Logs a new WeChat user in and returns its token and id. */
async function newWechatUser(name: string) {
  codeCounter += 1;
  const login = await app.request('POST', '/api/v1/auth/wechat', {
    json: { code: `fake-code:${name}:${codeCounter}` },
    headers: { 'x-forwarded-for': `10.20.0.${codeCounter}` },
  });
  expect(login.status).toBe(200);
  return { token: login.body.accessToken as string, id: login.body.user.id as string };
}

async function consent(token: string, times = 1) {
  for (let i = 0; i < times; i += 1) {
    const response = await app.request('POST', '/api/v1/notifications/consents', {
      token,
      json: { results: { [TEMPLATE_ID]: 'accept' } },
    });
    expect(response.status).toBe(200);
  }
}

async function shop(code: string): Promise<ShopDetail> {
  return (await app.request<ShopDetail>('GET', `/api/v1/shops/by-code/${code}`)).body;
}

async function deliveriesOf(userId: string) {
  const { getDb, schema, eq } = await modules();
  const db = await getDb();
  return db.select().from(schema.notificationDeliveries).where(eq(schema.notificationDeliveries.userId, userId));
}

/** Makes a user's waiting deliveries due now, as if their backoff had passed. */
async function skipBackoff(userId: string) {
  const { getDb, schema, sql, eq } = await modules();
  const db = await getDb();
  await db
    .update(schema.notificationDeliveries)
    .set({ nextAttemptAt: sql`now() - interval '1 second'` })
    .where(eq(schema.notificationDeliveries.userId, userId));
}

async function runDeliverer() {
  const { deliverDue, logger } = await modules();
  return deliverDue({ limit: 100 }, logger);
}

/** Binds an owner and waits for the delivery the request started after its commit. */
async function bind(code: string, userId: string) {
  const target = await shop(code);
  const response = await app.request('POST', `/api/v1/shops/${target.id}/owners`, { token: admin, json: { userId } });
  await settle();
  return response;
}

async function settle() {
  const { settleDeliveries } = await import('../../functions/_lib/notifications/outbox');
  await settleDeliveries();
}

async function unbind(code: string, userId: string) {
  const target = await shop(code);
  await app.request('DELETE', `/api/v1/shops/${target.id}/owners/${userId}`, { token: admin });
}

describe('owner bound', () => {
  test('reaches inbox and WeChat', async () => {
    const owner = await newWechatUser('owner-ok');
    await consent(owner.token);
    app.wechat.reset();

    expect((await bind('JY02', owner.id)).status).toBe(201);
    await runDeliverer();

    const inbox = await app.request('GET', '/api/v1/notifications/inbox', { token: owner.token });
    expect(inbox.body.messages.map((message: { title: string }) => message.title)).toEqual(['您已成为店主']);
    expect(inbox.body.unreadCount).toBe(1);

    const sent = app.wechat.sentMessages();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.template_id).toBe(TEMPLATE_ID);
    expect(sent[0]!.data.thing1!.value).toBe('城川羊肉面馆');
    expect(sent[0]!.data.time3!.value).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    await unbind('JY02', owner.id);
  });

  test('without consent only the inbox gets it', async () => {
    const owner = await newWechatUser('owner-no-consent');
    app.wechat.reset();

    await bind('JY03', owner.id);
    await runDeliverer();

    expect(app.wechat.sentMessages()).toHaveLength(0);
    const statuses = Object.fromEntries((await deliveriesOf(owner.id)).map((row) => [row.channel, row.status]));
    expect(statuses).toEqual({ inbox: 'sent', subscribe: 'skipped' });
    await unbind('JY03', owner.id);
  });

  test('binding again sends nothing new', async () => {
    const owner = await newWechatUser('owner-twice');
    await bind('JY05', owner.id);
    await bind('JY05', owner.id);
    expect((await deliveriesOf(owner.id)).filter((row) => row.channel === 'inbox')).toHaveLength(1);
    await unbind('JY05', owner.id);
  });
});

describe('delivery failures', () => {
  test('business write commits when WeChat fails', async () => {
    const owner = await newWechatUser('owner-wechat-down');
    await consent(owner.token);
    app.wechat.failNext('subscribe_send', { httpStatus: 500 });

    const response = await bind('JY06', owner.id);
    expect(response.status).toBe(201);
    await runDeliverer();

    const subscribe = (await deliveriesOf(owner.id)).find((row) => row.channel === 'subscribe')!;
    expect(subscribe.status).toBe('retrying');
    expect(subscribe.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());

    app.wechat.reset();
    await skipBackoff(owner.id);
    await runDeliverer();
    expect((await deliveriesOf(owner.id)).find((row) => row.channel === 'subscribe')!.status).toBe('sent');
    expect(app.wechat.sentMessages()).toHaveLength(1);
    await unbind('JY06', owner.id);
  });

  test('failed send gives the consent back', async () => {
    const owner = await newWechatUser('owner-refund');
    await consent(owner.token);
    app.wechat.failNext('subscribe_send', { errcode: 45009, errmsg: 'reach max api daily quota limit' });

    await bind('JY07', owner.id);
    await runDeliverer();
    expect((await deliveriesOf(owner.id)).find((row) => row.channel === 'subscribe')!.status).toBe('retrying');

    const { getDb, schema, eq } = await modules();
    const [row] = await (
      await getDb()
    )
      .select()
      .from(schema.subscribeConsents)
      .where(eq(schema.subscribeConsents.userId, owner.id));
    expect(row!.remaining).toBe(1);
    await unbind('JY07', owner.id);
  });

  test('dead after the last attempt, then retried by an admin', async () => {
    const owner = await newWechatUser('owner-dead');
    await consent(owner.token);
    app.wechat.failNext('subscribe_send', { httpStatus: 502 }, 5);

    await bind('JY08', owner.id);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await skipBackoff(owner.id);
      await runDeliverer();
    }
    const subscribe = (await deliveriesOf(owner.id)).find((row) => row.channel === 'subscribe')!;
    expect(subscribe.status).toBe('dead');
    expect(subscribe.attempts).toBe(5);

    const dead = await app.request('GET', '/api/v1/notifications/dead-letters', { token: admin });
    expect(dead.body.deadLetters.map((letter: { id: string }) => letter.id)).toContain(subscribe.id);

    app.wechat.reset();
    const retried = await app.request('POST', '/api/v1/notifications/dead-letters/retry', {
      token: admin,
      json: { ids: [subscribe.id] },
    });
    expect(retried.status).toBe(202);
    await settle();
    expect((await deliveriesOf(owner.id)).find((row) => row.channel === 'subscribe')!.status).toBe('sent');
    await unbind('JY08', owner.id);
  });

  test('43101 stops sending to that user', async () => {
    const owner = await newWechatUser('owner-refused');
    await consent(owner.token, 3);
    app.wechat.failNext('subscribe_send', { errcode: 43101, errmsg: 'user refuse to accept the msg' });

    await bind('JY09', owner.id);
    await runDeliverer();

    const subscribe = (await deliveriesOf(owner.id)).find((row) => row.channel === 'subscribe')!;
    expect(subscribe.status).toBe('skipped');
    const { getDb, schema, eq } = await modules();
    const [row] = await (
      await getDb()
    )
      .select()
      .from(schema.subscribeConsents)
      .where(eq(schema.subscribeConsents.userId, owner.id));
    expect(row!.remaining).toBe(0);
    await unbind('JY09', owner.id);
  });

  test('47003 is dead at once', async () => {
    const owner = await newWechatUser('owner-invalid');
    await consent(owner.token);
    app.wechat.failNext('subscribe_send', { errcode: 47003, errmsg: 'argument invalid! data.thing1.value invalid' });

    await bind('JY10', owner.id);
    await runDeliverer();

    const subscribe = (await deliveriesOf(owner.id)).find((row) => row.channel === 'subscribe')!;
    expect(subscribe.status).toBe('dead');
    expect(subscribe.attempts).toBe(1);

    // Nothing was sent, so the consent is still there for a retry after the fix.
    const { getDb, schema, eq } = await modules();
    const [consentRow] = await (
      await getDb()
    )
      .select()
      .from(schema.subscribeConsents)
      .where(eq(schema.subscribeConsents.userId, owner.id));
    expect(consentRow!.remaining).toBe(1);
    await unbind('JY10', owner.id);
  });

  test('40001 refreshes the token and sends', async () => {
    const owner = await newWechatUser('owner-token');
    await consent(owner.token);
    app.wechat.reset();
    app.wechat.failNext('subscribe_send', { errcode: 40001, errmsg: 'invalid credential' });

    await bind('JY11', owner.id);
    await runDeliverer();

    expect((await deliveriesOf(owner.id)).find((row) => row.channel === 'subscribe')!.status).toBe('sent');
    expect(app.wechat.tokenFetchCount()).toBe(1);
    await unbind('JY11', owner.id);
  });

  test('timeout is retried', async () => {
    const owner = await newWechatUser('owner-timeout');
    await consent(owner.token);
    app.wechat.failNext('subscribe_send', { delayMs: 6000 });

    await bind('JY12', owner.id);
    await runDeliverer();

    expect((await deliveriesOf(owner.id)).find((row) => row.channel === 'subscribe')!.status).toBe('retrying');
    await unbind('JY12', owner.id);
  }, 20000);
});

test('two deliverers send once', async () => {
  const owner = await newWechatUser('owner-race');
  await consent(owner.token, 2);
  const { getDb, notify } = await modules();
  const db = await getDb();
  await db.transaction((tx) =>
    notify(tx, 'shopOwnerBound', { shopId: 'x', shopName: '并发测试店', boundAt: new Date().toISOString() }, [
      owner.id,
    ]),
  );
  app.wechat.reset();

  const [first, second] = await Promise.all([runDeliverer(), runDeliverer()]);

  expect(first.claimed + second.claimed).toBe(2);
  expect(app.wechat.sentMessages()).toHaveLength(1);
});

describe('inbox', () => {
  test('pages, counts and marks read', async () => {
    const reader = await newWechatUser('inbox-reader');
    const { getDb, notify } = await modules();
    const db = await getDb();
    for (let i = 0; i < 3; i += 1) {
      await db.transaction((tx) =>
        notify(tx, 'shopCodeGenerated', { shopId: `00000000-0000-4000-8000-00000000000${i}`, shopName: `店铺${i}` }, [
          reader.id,
        ]),
      );
    }
    await runDeliverer();

    const first = await app.request('GET', '/api/v1/notifications/inbox?limit=2', { token: reader.token });
    expect(first.body.messages).toHaveLength(2);
    expect(first.body.unreadCount).toBe(3);
    const second = await app.request('GET', `/api/v1/notifications/inbox?limit=2&before=${first.body.nextCursor}`, {
      token: reader.token,
    });
    expect(second.body.messages).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();

    const read = await app.request('POST', `/api/v1/notifications/inbox/${second.body.messages[0].id}/read`, {
      token: reader.token,
    });
    expect(read.body.unreadCount).toBe(2);
    const all = await app.request('POST', '/api/v1/notifications/inbox/read-all', { token: reader.token });
    expect(all.body.unreadCount).toBe(0);
    const count = await app.request('GET', '/api/v1/notifications/unread-count', { token: reader.token });
    expect(count.body.unreadCount).toBe(0);
  });

  test('message links to its page', async () => {
    const reader = await newWechatUser('inbox-link');
    const { getDb, notify } = await modules();
    await (
      await getDb()
    ).transaction((tx) => notify(tx, 'shopCodeGenerated', { shopId: 'abc', shopName: '链接店' }, [reader.id]));
    await runDeliverer();
    const inbox = await app.request('GET', '/api/v1/notifications/inbox', { token: reader.token });
    expect(inbox.body.messages[0].page).toBe('/owner/pages/code/index?id=abc');
  });

  test("another user's message is a 404", async () => {
    const owner = await newWechatUser('inbox-owner');
    const other = await newWechatUser('inbox-other');
    const { getDb, notify } = await modules();
    await (
      await getDb()
    ).transaction((tx) => notify(tx, 'shopCodeGenerated', { shopId: 'abc', shopName: '别人的店' }, [owner.id]));
    await runDeliverer();
    const message = (await app.request('GET', '/api/v1/notifications/inbox', { token: owner.token })).body.messages[0];

    const response = await app.request('POST', `/api/v1/notifications/inbox/${message.id}/read`, {
      token: other.token,
    });
    expect(response.status).toBe(404);
  });

  test('bad cursor names the field', async () => {
    const reader = await newWechatUser('inbox-cursor');
    const response = await app.request('GET', '/api/v1/notifications/inbox?before=garbage', { token: reader.token });
    expect(response.status).toBe(400);
    expect(response.body.error.details.fields.before).toBe('分页参数不正确');
  });
});

describe('consents and templates', () => {
  test('templates list the configured ids', async () => {
    const user = await newWechatUser('template-reader');
    const response = await app.request('GET', '/api/v1/notifications/subscribe-templates', { token: user.token });
    expect(response.body.templates).toEqual([{ key: 'shopOwnerBound', templateId: TEMPLATE_ID }]);
  });

  test('reject adds nothing', async () => {
    const user = await newWechatUser('consent-reject');
    const response = await app.request('POST', '/api/v1/notifications/consents', {
      token: user.token,
      json: { results: { [TEMPLATE_ID]: 'reject' } },
    });
    expect(response.body.remaining).toEqual({});
  });

  test('unknown template is a 400', async () => {
    const user = await newWechatUser('consent-unknown');
    const response = await app.request('POST', '/api/v1/notifications/consents', {
      token: user.token,
      json: { results: { nope: 'accept' } },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe('订阅消息模板不存在');
  });
});

describe('cron', () => {
  test('needs the cron secret', async () => {
    const response = await app.request('GET', '/api/v1/notifications/deliver');
    expect(response.status).toBe(401);
  });

  test('delivers with the secret', async () => {
    const response = await app.request('GET', '/api/v1/notifications/deliver', { token: 'local-dev-cron-secret' });
    expect(response.status).toBe(200);
    expect(response.body).toEqual(expect.objectContaining({ claimed: expect.any(Number), dead: expect.any(Number) }));
  });

  test('user token is not the cron secret', async () => {
    const response = await app.request('GET', '/api/v1/notifications/deliver', { token: admin });
    expect(response.status).toBe(401);
  });
});

test('reminder waits for its time', async () => {
  const reader = await newWechatUser('reminder-reader');
  const { getDb, notify, schema, eq, sql } = await modules();
  const db = await getDb();
  const { reminderTime } = await import('../../shared/time');
  const notBefore = reminderTime(new Date(Date.now() + 3 * 86_400_000), 24);
  await db.transaction((tx) =>
    notify(tx, 'shopCodeGenerated', { shopId: 'later', shopName: '提醒店' }, [reader.id], { notBefore }),
  );

  await runDeliverer();
  expect((await deliveriesOf(reader.id))[0]!.status).toBe('pending');

  await db
    .update(schema.notificationDeliveries)
    .set({ nextAttemptAt: sql`now() - interval '1 second'` })
    .where(eq(schema.notificationDeliveries.userId, reader.id));
  await runDeliverer();
  expect((await deliveriesOf(reader.id))[0]!.status).toBe('sent');
});

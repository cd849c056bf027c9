/**
 * HTTP routes of the notifications module, mounted at /api/v1/notifications.
 */
import { z } from 'zod';
import { countyAdmin, cronJob, signedIn } from '../../http/access';
import { route } from '../../http/router';
import { parseInput } from '../../http/validate';
import { deliverDue } from '../../notifications/deliver';
import { deliverAfterCommit } from '../../notifications/outbox';
import * as notifications from '../../notifications/service';

const pageQuery = z.object({
  limit: z.coerce
    .number({ error: '每页数量必须是数字' })
    .int()
    .min(1, '每页数量至少为 1')
    .max(50, '每页数量最多为 50')
    .default(20),
  before: z.string().max(200, '分页参数不正确').optional(),
});
const messageParams = z.object({ id: z.string().uuid('消息编号格式不正确') });
const consentInput = z.object({
  /** The object wx.requestSubscribeMessage resolves with: template id → 'accept' | 'reject' | 'ban' | 'filter'. */
  results: z.record(z.string().max(100), z.string().max(20), { error: '订阅结果格式不正确' }),
});
const retryInput = z.object({
  ids: z
    .array(z.string().uuid('消息编号格式不正确'), { error: '请选择要重试的消息' })
    .min(1, '请选择要重试的消息')
    .max(100, '一次最多重试 100 条'),
});

/** Deliveries one cron run handles; the rest wait a minute for the next run. */
const CRON_BATCH = 200;

export const notificationRoutes = [
  route('GET', '/notifications/inbox', signedIn, async ({ query, requireCaller }) => {
    const { limit, before } = parseInput(pageQuery, query);
    return { body: await notifications.listInbox(requireCaller().userId, limit, before) };
  }),

  route('GET', '/notifications/unread-count', signedIn, async ({ requireCaller }) => {
    return { body: { unreadCount: await notifications.unreadCount(requireCaller().userId) } };
  }),

  route('POST', '/notifications/inbox/read-all', signedIn, async ({ requireCaller }) => {
    return { body: { unreadCount: await notifications.markAllRead(requireCaller().userId) } };
  }),

  route('POST', '/notifications/inbox/:id/read', signedIn, async ({ params, requireCaller }) => {
    const { id } = parseInput(messageParams, params);
    return { body: { unreadCount: await notifications.markRead(requireCaller().userId, id) } };
  }),

  route('GET', '/notifications/subscribe-templates', signedIn, async () => {
    return { body: { templates: notifications.subscribeTemplates() } };
  }),

  route('POST', '/notifications/consents', signedIn, async ({ body, requireCaller }) => {
    const { results } = parseInput(consentInput, body());
    return { body: { remaining: await notifications.recordConsents(requireCaller().userId, results) } };
  }),

  route('GET', '/notifications/dead-letters', countyAdmin, async ({ query }) => {
    const { limit, before } = parseInput(pageQuery, query);
    return { body: { deadLetters: await notifications.listDeadLetters(limit, before) } };
  }),

  route('POST', '/notifications/dead-letters/retry', countyAdmin, async ({ body, log }) => {
    const { ids } = parseInput(retryInput, body());
    const eventIds = await notifications.retryDeadLetters(ids);
    deliverAfterCommit(eventIds, log);
    return { status: 202, body: { retried: ids.length } };
  }),

  // Vercel Cron calls this every minute (see vercel.json) as the safety net for deliveries.
  route('GET', '/notifications/deliver', cronJob, async ({ log }) => {
    return { body: await deliverDue({ limit: CRON_BATCH }, log) };
  }),
];

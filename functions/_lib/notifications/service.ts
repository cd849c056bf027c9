/**
 * The inbox, subscribe-message consents, and the dead letters county admins
 * can read and retry. Knows nothing about HTTP.
 */
import { and, count, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import type { DeadLetter, InboxPage, SubscribeTemplate } from '../../../shared/domain/notifications';
import { toBusinessIso } from '../../../shared/time';
import { config } from '../config';
import { getDb } from '../db/client';
import { inboxMessages, notificationDeliveries, outboxEvents, subscribeConsents, users } from '../db/schema';
import { subscribeTemplateKeys } from './kinds';

export async function unreadCount(userId: string): Promise<number> {
  const db = await getDb();
  const [row] = await db
    .select({ total: count() })
    .from(inboxMessages)
    .where(and(eq(inboxMessages.userId, userId), isNull(inboxMessages.readAt)));
  return row?.total ?? 0;
}

/** Newest first, `limit` at a time; `before` is the previous page's cursor. */
export async function listInbox(userId: string, limit: number, before?: string): Promise<InboxPage> {
  const db = await getDb();
  const cursor = before ? decodeCursor(before) : undefined;
  const older = cursor
    ? sql`(${inboxMessages.createdAt}, ${inboxMessages.id}) < (${cursor.createdAt}::timestamptz, ${cursor.id}::uuid)`
    : undefined;

  const rows = await db
    .select()
    .from(inboxMessages)
    .where(and(eq(inboxMessages.userId, userId), older))
    .orderBy(desc(inboxMessages.createdAt), desc(inboxMessages.id))
    .limit(limit + 1);

  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    messages: page.map((row) => ({
      id: row.id,
      kind: row.kind,
      title: row.title,
      body: row.body,
      page: row.page,
      createdAt: toBusinessIso(row.createdAt),
      read: row.readAt !== null,
    })),
    nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt, last.id) : null,
    unreadCount: await unreadCount(userId),
  };
}

function encodeCursor(createdAt: Date, id: string): string {
  return Buffer.from(`${createdAt.toISOString()}|${id}`).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: string; id: string } {
  const [createdAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const valid =
    createdAt !== undefined && !Number.isNaN(Date.parse(createdAt)) && id !== undefined && /^[0-9a-f-]{36}$/i.test(id);
  if (!valid)
    throw new AppError('VALIDATION_FAILED', '分页参数不正确，请刷新后重试', { fields: { before: '分页参数不正确' } });
  return { createdAt, id };
}

export async function markRead(userId: string, messageId: string): Promise<number> {
  const db = await getDb();
  const updated = await db
    .update(inboxMessages)
    .set({ readAt: sql`coalesce(${inboxMessages.readAt}, now())` })
    .where(and(eq(inboxMessages.id, messageId), eq(inboxMessages.userId, userId)))
    .returning({ id: inboxMessages.id });
  if (updated.length === 0) throw new AppError('NOT_FOUND', '消息不存在');
  return unreadCount(userId);
}

export async function markAllRead(userId: string): Promise<number> {
  const db = await getDb();
  await db
    .update(inboxMessages)
    .set({ readAt: new Date() })
    .where(and(eq(inboxMessages.userId, userId), isNull(inboxMessages.readAt)));
  return 0;
}

/** Templates the mini-program may ask consent for: only those with a configured id. */
export function subscribeTemplates(): SubscribeTemplate[] {
  const ids = config().subscribeTemplates;
  return subscribeTemplateKeys().flatMap((key) => (ids[key] ? [{ key, templateId: ids[key] }] : []));
}

/**
 * Records the result of wx.requestSubscribeMessage: each 'accept' allows one
 * more send of that template. Other results ('reject', 'ban', 'filter') change nothing.
 */
export async function recordConsents(userId: string, results: Record<string, string>): Promise<Record<string, number>> {
  const byTemplateId = new Map(subscribeTemplates().map((template) => [template.templateId, template.key]));
  const unknown = Object.keys(results).filter((templateId) => !byTemplateId.has(templateId));
  if (unknown.length > 0) {
    throw new AppError('VALIDATION_FAILED', '订阅消息模板不存在', {
      fields: { results: `未知的模板：${unknown.join('、')}` },
    });
  }

  const accepted = Object.entries(results)
    // 'acceptWithAudio' is an acceptance that also allows a sound on delivery.
    .filter(([, result]) => result === 'accept' || result === 'acceptWithAudio')
    .map(([templateId]) => byTemplateId.get(templateId) as string);

  const db = await getDb();
  for (const templateKey of accepted) {
    await db
      .insert(subscribeConsents)
      .values({ userId, templateKey, remaining: 1 })
      .onConflictDoUpdate({
        target: [subscribeConsents.userId, subscribeConsents.templateKey],
        set: { remaining: sql`${subscribeConsents.remaining} + 1`, updatedAt: new Date() },
      });
  }

  const rows = await db
    .select({ templateKey: subscribeConsents.templateKey, remaining: subscribeConsents.remaining })
    .from(subscribeConsents)
    .where(eq(subscribeConsents.userId, userId));
  return Object.fromEntries(rows.map((row) => [row.templateKey, row.remaining]));
}

export async function listDeadLetters(limit: number, before?: string): Promise<DeadLetter[]> {
  const db = await getDb();
  const olderThan =
    before && !Number.isNaN(Date.parse(before)) ? lt(notificationDeliveries.createdAt, new Date(before)) : undefined;
  const rows = await db
    .select({
      id: notificationDeliveries.id,
      eventId: notificationDeliveries.eventId,
      kind: outboxEvents.kind,
      channel: notificationDeliveries.channel,
      userId: notificationDeliveries.userId,
      nickname: users.nickname,
      attempts: notificationDeliveries.attempts,
      lastError: notificationDeliveries.lastError,
      createdAt: notificationDeliveries.createdAt,
    })
    .from(notificationDeliveries)
    .innerJoin(outboxEvents, eq(outboxEvents.id, notificationDeliveries.eventId))
    .innerJoin(users, eq(users.id, notificationDeliveries.userId))
    .where(and(eq(notificationDeliveries.status, 'dead'), olderThan))
    .orderBy(desc(notificationDeliveries.createdAt))
    .limit(limit);
  return rows.map((row) => ({ ...row, createdAt: toBusinessIso(row.createdAt) }));
}

/** Puts dead deliveries back in line with a fresh attempt count; returns their event ids. */
export async function retryDeadLetters(ids: string[]): Promise<string[]> {
  const db = await getDb();
  const rows = await db
    .update(notificationDeliveries)
    .set({ status: 'retrying', attempts: 0, nextAttemptAt: new Date(), lockedUntil: null })
    .where(and(inArray(notificationDeliveries.id, ids), eq(notificationDeliveries.status, 'dead')))
    .returning({ eventId: notificationDeliveries.eventId });
  if (rows.length === 0) throw new AppError('NOT_FOUND', '没有可以重试的失败消息');
  return [...new Set(rows.map((row) => row.eventId))];
}

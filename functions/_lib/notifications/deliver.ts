/**
 * The deliverer: claims due deliveries, sends each on its channel, and records
 * the outcome. It runs right after a business write commits and every minute
 * from Vercel Cron as the safety net.
 *
 * Claiming uses FOR UPDATE SKIP LOCKED, so two deliverers running at once
 * never take the same delivery. A claim expires after CLAIM_SECONDS, so a
 * deliverer that dies mid-way does not strand its rows.
 */
import { and, eq, gt, sql } from 'drizzle-orm';
import { getDb } from '../db/client';
import { inboxMessages, notificationDeliveries, outboxEvents, subscribeConsents, users } from '../db/schema';
import type { Logger } from '../logger';
import { config } from '../config';
import { sendSubscribeMessage, WechatApiError } from '../wechat/client';
import { cleanTemplateData } from './fields';
import { EVENT_KINDS, type EventKind, type KindDefinition } from './kinds';

export const MAX_ATTEMPTS = 5;
const CLAIM_SECONDS = 60;

/** Wait before attempt n+1, in seconds: 1 min, 5 min, 30 min, 2 h. */
const BACKOFF_SECONDS = [60, 300, 1800, 7200];

/** WeChat errcodes that retrying cannot fix. */
const USER_REFUSED = 43101;
const INVALID_ARGUMENT = 47003;

type Delivery = typeof notificationDeliveries.$inferSelect;
type Outcome = 'sent' | 'retrying' | 'skipped' | 'dead';

export interface DeliverySummary {
  claimed: number;
  sent: number;
  retrying: number;
  skipped: number;
  dead: number;
}

class PermanentFailure extends Error {
  constructor(
    message: string,
    readonly outcome: 'skipped' | 'dead',
  ) {
    super(message);
  }
}

/** Claims up to `limit` due deliveries (of the given events only, when named) and delivers them. */
export async function deliverDue(
  options: { limit: number; eventIds?: string[] },
  log: Logger,
): Promise<DeliverySummary> {
  const claimed = await claim(options.limit, options.eventIds);
  const summary: DeliverySummary = { claimed: claimed.length, sent: 0, retrying: 0, skipped: 0, dead: 0 };

  for (const delivery of claimed) {
    const outcome = await deliverOne(delivery, log);
    summary[outcome] += 1;
  }
  if (claimed.length > 0) log.info({ ...summary }, 'notifications delivered');
  return summary;
}

async function claim(limit: number, eventIds?: string[]): Promise<Delivery[]> {
  const db = await getDb();
  const onlyEvents =
    eventIds && eventIds.length > 0
      ? sql`and event_id in (${sql.join(
          eventIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`
      : sql``;

  const result = await db.execute(sql`
    update notification_deliveries
    set status = 'sending', attempts = attempts + 1, locked_until = now() + make_interval(secs => ${CLAIM_SECONDS})
    where id in (
      select id from notification_deliveries
      where ((status in ('pending', 'retrying') and next_attempt_at <= now())
          or (status = 'sending' and locked_until < now()))
        ${onlyEvents}
      order by next_attempt_at
      limit ${limit}
      for update skip locked
    )
    returning id`);

  const ids = (result.rows as { id: string }[]).map((row) => row.id);
  if (ids.length === 0) return [];
  return db
    .select()
    .from(notificationDeliveries)
    .where(
      sql`${notificationDeliveries.id} in (${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`,
    );
}

async function deliverOne(delivery: Delivery, log: Logger): Promise<Outcome> {
  const deliveryLog = log.child({ deliveryId: delivery.id, eventId: delivery.eventId, channel: delivery.channel });
  try {
    if (delivery.channel === 'inbox') await deliverToInbox(delivery);
    else await deliverSubscribeMessage(delivery, deliveryLog);
    await finish(delivery.id, 'sent', null);
    return 'sent';
  } catch (error) {
    if (error instanceof PermanentFailure) {
      deliveryLog.info({ reason: error.message, outcome: error.outcome }, 'notification not delivered');
      await finish(delivery.id, error.outcome, error.message);
      return error.outcome;
    }

    const reason = error instanceof Error ? error.message : String(error);
    if (delivery.attempts >= MAX_ATTEMPTS) {
      deliveryLog.error({ err: error, attempts: delivery.attempts }, 'notification dead after the last attempt');
      await finish(delivery.id, 'dead', reason);
      return 'dead';
    }

    const waitSeconds = BACKOFF_SECONDS[Math.min(delivery.attempts, BACKOFF_SECONDS.length) - 1] ?? 60;
    deliveryLog.warn(
      { err: error, attempts: delivery.attempts, waitSeconds },
      'notification delivery failed; will retry',
    );
    const db = await getDb();
    await db
      .update(notificationDeliveries)
      .set({
        status: 'retrying',
        lastError: reason.slice(0, 500),
        lockedUntil: null,
        nextAttemptAt: sql`now() + make_interval(secs => ${waitSeconds})`,
      })
      .where(eq(notificationDeliveries.id, delivery.id));
    return 'retrying';
  }
}

async function finish(id: string, status: 'sent' | 'skipped' | 'dead', reason: string | null): Promise<void> {
  const db = await getDb();
  await db
    .update(notificationDeliveries)
    .set({
      status,
      lastError: reason?.slice(0, 500) ?? null,
      lockedUntil: null,
      sentAt: status === 'sent' ? new Date() : null,
    })
    .where(eq(notificationDeliveries.id, id));
}

/** The registry entry for a kind read back from the database, whose payload type is no longer known. */
function definitionOf(kind: EventKind): KindDefinition<unknown> {
  return EVENT_KINDS[kind] as unknown as KindDefinition<unknown>;
}

async function loadEvent(eventId: string): Promise<{ kind: EventKind; payload: unknown }> {
  const db = await getDb();
  const [event] = await db.select().from(outboxEvents).where(eq(outboxEvents.id, eventId));
  if (!event) throw new PermanentFailure('event not found', 'dead');
  if (!(event.kind in EVENT_KINDS)) throw new PermanentFailure(`unknown event kind ${event.kind}`, 'dead');
  return { kind: event.kind as EventKind, payload: event.payload };
}

async function deliverToInbox(delivery: Delivery): Promise<void> {
  const event = await loadEvent(delivery.eventId);
  const content = definitionOf(event.kind).inbox(event.payload);

  // The unique delivery id makes a repeated attempt after a crash insert nothing.
  const db = await getDb();
  await db
    .insert(inboxMessages)
    .values({ userId: delivery.userId, deliveryId: delivery.id, kind: event.kind, ...content })
    .onConflictDoNothing();
}

async function deliverSubscribeMessage(delivery: Delivery, log: Logger): Promise<void> {
  const event = await loadEvent(delivery.eventId);
  const template = definitionOf(event.kind).subscribe;
  if (!template) throw new PermanentFailure('event kind has no subscribe template', 'skipped');

  const templateId = config().subscribeTemplates[template.templateKey];
  if (!templateId) throw new PermanentFailure(`no template id configured for ${template.templateKey}`, 'skipped');

  const db = await getDb();
  const [user] = await db.select({ openid: users.openid }).from(users).where(eq(users.id, delivery.userId));
  if (!user?.openid) throw new PermanentFailure('user has no openid', 'skipped');

  // Cleaned before a consent is spent: a value WeChat would reject is our bug, not a reason to use the user's quota.
  let data: Record<string, { value: string }>;
  try {
    data = cleanTemplateData(template.fields, template.values(event.payload));
  } catch (error) {
    log.error({ err: error, templateKey: template.templateKey }, 'subscribe message values could not be cleaned');
    throw new PermanentFailure('template values invalid', 'dead');
  }

  // Spends one consent with a conditional update, so concurrent sends never overdraw it.
  const spent = await db
    .update(subscribeConsents)
    .set({ remaining: sql`${subscribeConsents.remaining} - 1`, updatedAt: new Date() })
    .where(
      and(
        eq(subscribeConsents.userId, delivery.userId),
        eq(subscribeConsents.templateKey, template.templateKey),
        gt(subscribeConsents.remaining, 0),
      ),
    )
    .returning({ remaining: subscribeConsents.remaining });
  if (spent.length === 0) throw new PermanentFailure('no subscribe consent left', 'skipped');

  try {
    await sendSubscribeMessage({ openid: user.openid, templateId, page: template.page(event.payload), data }, log);
  } catch (error) {
    if (error instanceof WechatApiError && error.errcode === USER_REFUSED) {
      // The user turned the template off in WeChat: their remaining consents are void.
      await db
        .update(subscribeConsents)
        .set({ remaining: 0, updatedAt: new Date() })
        .where(
          and(eq(subscribeConsents.userId, delivery.userId), eq(subscribeConsents.templateKey, template.templateKey)),
        );
      throw new PermanentFailure('user rejected the template (43101)', 'skipped');
    }

    // WeChat did not take the message, so the consent was not used up: give it back.
    await db
      .update(subscribeConsents)
      .set({ remaining: sql`${subscribeConsents.remaining} + 1`, updatedAt: new Date() })
      .where(
        and(eq(subscribeConsents.userId, delivery.userId), eq(subscribeConsents.templateKey, template.templateKey)),
      );

    if (error instanceof WechatApiError && error.errcode === INVALID_ARGUMENT) {
      log.error(
        { errcode: error.errcode, errmsg: error.errmsg, templateKey: template.templateKey, data },
        'subscribe message rejected as invalid',
      );
      throw new PermanentFailure('WeChat rejected the values (47003)', 'dead');
    }
    throw error;
  }
}

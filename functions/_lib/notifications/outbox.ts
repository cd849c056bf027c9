/**
 * How a module announces an event. Call `notify` inside the transaction that
 * makes the change, then `deliverAfterCommit` once it has committed:
 *
 *   const eventIds = await db.transaction(async (tx) => {
 *     await tx.insert(roleGrants).values(grant);
 *     return [await notify(tx, 'shopOwnerBound', { shopId, shopName, boundAt }, [userId])];
 *   });
 *   deliverAfterCommit(eventIds, log);
 *
 * A failed delivery never undoes the change: the rows wait in the outbox and
 * the cron deliverer retries them.
 */
import { waitUntil } from '@vercel/functions';
import type { Executor } from '../db/client';
import { notificationDeliveries, outboxEvents } from '../db/schema';
import type { Logger } from '../logger';
import { deliverDue } from './deliver';
import { EVENT_KINDS, type EventKind, type EventPayloads } from './kinds';

export interface NotifyOptions {
  /**
   * Not delivered before this instant, for reminders. Compute it with
   * `reminderTime` from shared/time.ts so it follows Asia/Shanghai, e.g.
   * `{ notBefore: reminderTime(meeting.startsAt, 1) }`.
   */
  notBefore?: Date;
}

/** Writes an event and one delivery per recipient and channel; returns the event id. */
export async function notify<K extends EventKind>(
  tx: Executor,
  kind: K,
  payload: EventPayloads[K],
  recipientIds: string[],
  options: NotifyOptions = {},
): Promise<string> {
  const [event] = await tx.insert(outboxEvents).values({ kind, payload }).returning({ id: outboxEvents.id });
  if (!event) throw new Error('Outbox insert returned no row');

  const channels = EVENT_KINDS[kind].subscribe ? (['inbox', 'subscribe'] as const) : (['inbox'] as const);
  const recipients = [...new Set(recipientIds)];
  if (recipients.length > 0) {
    await tx
      .insert(notificationDeliveries)
      .values(
        recipients.flatMap((userId) =>
          channels.map((channel) => ({
            eventId: event.id,
            userId,
            channel,
            nextAttemptAt: options.notBefore ?? new Date(),
          })),
        ),
      )
      .onConflictDoNothing();
  }
  return event.id;
}

/**
 * Delivers the events' due deliveries after the response, where the platform
 * allows (Vercel keeps the function alive for `waitUntil`). A failure here is
 * logged and left to the cron deliverer.
 */
export function deliverAfterCommit(eventIds: string[], log: Logger): void {
  if (eventIds.length === 0) return;

  const work = deliverDue({ eventIds, limit: 50 }, log)
    .then(() => undefined)
    .catch((error: unknown) => {
      log.warn({ err: error, eventIds }, 'immediate delivery failed; the cron deliverer will retry');
    })
    .finally(() => inFlight.delete(work));
  inFlight.add(work);
  waitUntil(work);
}

const inFlight = new Set<Promise<void>>();

/** Resolves when the deliveries started by `deliverAfterCommit` have finished, so tests see settled rows. */
export async function settleDeliveries(): Promise<void> {
  while (inFlight.size > 0) await Promise.all([...inFlight]);
}

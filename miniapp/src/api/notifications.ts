import type { DeadLetter, InboxPage, SubscribeTemplate } from '@shared/domain/notifications';
import { api } from './index';

export type { DeadLetter, InboxMessage, InboxPage, SubscribeTemplate } from '@shared/domain/notifications';

const NOTIFICATIONS = '/api/v1/notifications';

/** Page size of the inbox; the API accepts 1 to 50. */
export const INBOX_PAGE_SIZE = 20;

export function fetchInbox(before?: string): Promise<InboxPage> {
  return api.get<InboxPage>(`${NOTIFICATIONS}/inbox`, {
    auth: true,
    query: { limit: INBOX_PAGE_SIZE, before },
  });
}

export async function fetchUnreadCount(): Promise<number> {
  const { unreadCount } = await api.get<{ unreadCount: number }>(`${NOTIFICATIONS}/unread-count`, { auth: true });
  return unreadCount;
}

/** Marks one message read and returns the unread count after the change. */
export async function markMessageRead(id: string): Promise<number> {
  const { unreadCount } = await api.post<{ unreadCount: number }>(
    `${NOTIFICATIONS}/inbox/${encodeURIComponent(id)}/read`,
    { auth: true },
  );
  return unreadCount;
}

/** Marks every message read and returns the unread count after the change, which is 0. */
export async function markAllMessagesRead(): Promise<number> {
  const { unreadCount } = await api.post<{ unreadCount: number }>(`${NOTIFICATIONS}/inbox/read-all`, { auth: true });
  return unreadCount;
}

export async function fetchSubscribeTemplates(): Promise<SubscribeTemplate[]> {
  const { templates } = await api.get<{ templates: SubscribeTemplate[] }>(`${NOTIFICATIONS}/subscribe-templates`, {
    auth: true,
  });
  return templates;
}

/**
 * Records what the person chose in WeChat's subscribe panel: template id to
 * 'accept', 'reject', 'ban' or 'filter', without the errMsg key. Returns the
 * sends each template key has left.
 */
export async function recordSubscribeConsents(results: Record<string, string>): Promise<Record<string, number>> {
  const { remaining } = await api.post<{ remaining: Record<string, number> }>(`${NOTIFICATIONS}/consents`, {
    auth: true,
    body: { results },
  });
  return remaining;
}

/** Lists the newest dead letters, at most `limit` (the API accepts 1 to 50). */
export async function fetchDeadLetters(limit: number): Promise<DeadLetter[]> {
  const { deadLetters } = await api.get<{ deadLetters: DeadLetter[] }>(`${NOTIFICATIONS}/dead-letters`, {
    auth: true,
    query: { limit },
  });
  return deadLetters;
}

/** Queues dead letters for another delivery and returns how many ids were sent. */
export async function retryDeadLetters(ids: string[]): Promise<number> {
  const { retried } = await api.post<{ retried: number }>(`${NOTIFICATIONS}/dead-letters/retry`, {
    auth: true,
    body: { ids },
  });
  return retried;
}

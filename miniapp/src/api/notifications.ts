import { api } from './index';

// Wire types of /api/v1/notifications, written out by hand rather than
// imported from the API's zod schemas, so the main package (which loads this
// file for the unread count on 我的) stays free of zod.

const NOTIFICATIONS = '/api/v1/notifications';

/** One inbox message, as GET /inbox returns it. */
export interface InboxMessage {
  id: string;
  /** Event kind, such as shopOwnerBound. */
  kind: string;
  title: string;
  body: string;
  /** Mini-program page the message opens, with its query, such as `/owner/pages/shops/index`. */
  page: string;
  /** ISO 8601 with the +08:00 offset. */
  createdAt: string;
  read: boolean;
}

/** One page of the inbox, newest message first. */
export interface InboxPage {
  messages: InboxMessage[];
  /** Cursor for the next, older page; null on the last page. */
  nextCursor: string | null;
  unreadCount: number;
}

/** A subscribe-message template the API has an id for. */
export interface SubscribeTemplate {
  /** Template key, such as shopOwnerBound. */
  key: string;
  /** WeChat template id, passed to wx.requestSubscribeMessage. */
  templateId: string;
}

/** A delivery that failed every attempt, for county admins. */
export interface DeadLetter {
  id: string;
  eventId: string;
  /** Event kind, such as shopOwnerBound. */
  kind: string;
  /** Delivery channel: inbox or subscribe. */
  channel: string;
  userId: string;
  nickname: string;
  attempts: number;
  /** Error of the last attempt as the server or WeChat reported it, cut to 500 characters; null when none was recorded. */
  lastError: string | null;
  /** ISO 8601 with the +08:00 offset. */
  createdAt: string;
}

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

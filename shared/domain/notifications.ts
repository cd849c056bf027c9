/**
 * Wire types of the notifications module (/api/v1/notifications), shared by
 * the API and the mini-program. Free of zod, so that the main package, which
 * loads them for the unread count on 我的, stays small.
 */

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

/**
 * Database schema. Migrations under ./migrations are generated from this file
 * by drizzle-kit (`npm run db:generate`) and applied by `npm run db:migrate`.
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

/** Statistical division codes (统计用区划代码) of the county, its towns and villages. */
export const regions = pgTable(
  'regions',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    shortName: text('short_name').notNull(),
    level: text('level', { enum: ['county', 'town', 'village'] }).notNull(),
    parentCode: text('parent_code').notNull(),
  },
  (table) => [index('regions_parent_idx').on(table.parentCode)],
);

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  openid: text('openid').unique(),
  unionid: text('unionid'),
  nickname: text('nickname').notNull().default('微信用户'),
  avatarUrl: text('avatar_url'),
  isDemo: boolean('is_demo').notNull().default(false),
  /** Shown on the demo login page to say whom the demo user plays. */
  demoDescription: text('demo_description'),
  createdAt: createdAt(),
  lastLoginAt: timestamp('last_login_at', { withTimezone: true, mode: 'date' }),
});

/** Refresh tokens, stored as SHA-256 hashes so a database leak does not leak sessions. */
export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (table) => [index('refresh_tokens_user_idx').on(table.userId)],
);

/** A role held within a scope: the county code for county admins, a shop id for shop owners. */
export const roleGrants = pgTable(
  'role_grants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    scopeId: text('scope_id').notNull(),
    grantedBy: uuid('granted_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex('role_grants_unique').on(table.userId, table.role, table.scopeId),
    index('role_grants_scope_idx').on(table.role, table.scopeId),
  ],
);

export const streets = pgTable('streets', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  townCode: text('town_code')
    .notNull()
    .references(() => regions.code),
  intro: text('intro').notNull().default(''),
  centerLat: doublePrecision('center_lat').notNull(),
  centerLng: doublePrecision('center_lng').notNull(),
  isDemo: boolean('is_demo').notNull().default(false),
  createdAt: createdAt(),
});

export const shops = pgTable(
  'shops',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    streetId: uuid('street_id')
      .notNull()
      .references(() => streets.id),
    shortCode: text('short_code').notNull().unique(),
    name: text('name').notNull(),
    category: text('category').notNull(),
    intro: text('intro').notNull().default(''),
    openingHours: text('opening_hours').notNull().default(''),
    phone: text('phone').notNull().default(''),
    position: integer('position').notNull(),
    side: text('side').notNull(),
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (table) => [
    index('shops_street_position_idx').on(table.streetId, table.position),
    check(
      'shops_category_check',
      sql`${table.category} in ('food', 'lodging', 'grocery', 'study_tour', 'entertainment', 'specialty')`,
    ),
    check('shops_side_check', sql`${table.side} in ('north', 'south')`),
    check('shops_short_code_check', sql`${table.shortCode} ~ '^[0-9A-Za-z]{2,24}$'`),
  ],
);

export const shopPhotos = pgTable(
  'shop_photos',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    shopId: uuid('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    storageKey: text('storage_key').notNull(),
    url: text('url').notNull(),
    sortOrder: integer('sort_order').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (table) => [index('shop_photos_shop_idx').on(table.shopId, table.sortOrder)],
);

/** Generated 小程序码 images, one per scene, reused until regenerated. */
export const miniProgramCodes = pgTable('mini_program_codes', {
  scene: text('scene').primaryKey(),
  kind: text('kind').notNull(),
  targetId: uuid('target_id').notNull(),
  page: text('page').notNull(),
  storageKey: text('storage_key').notNull(),
  url: text('url').notNull(),
  createdAt: createdAt(),
});

/** Shop-page opens from a printed code, per business day (Asia/Shanghai). */
export const shopScanDaily = pgTable(
  'shop_scan_daily',
  {
    shopId: uuid('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    views: integer('views').notNull().default(0),
    visitors: integer('visitors').notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.shopId, table.day] })],
);

/** One row per visitor per shop per day; its insert decides whether `visitors` grows. */
export const shopScanVisitors = pgTable(
  'shop_scan_visitors',
  {
    shopId: uuid('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    visitorKey: text('visitor_key').notNull(),
  },
  (table) => [primaryKey({ columns: [table.shopId, table.day, table.visitorKey] })],
);

/**
 * Transactional outbox: a module writes an event in the same transaction as
 * its own change, so a notification is never lost and never fails that change.
 */
export const outboxEvents = pgTable('outbox_events', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind').notNull(),
  /** Values the templates render, as the module gave them. */
  payload: jsonb('payload').notNull(),
  createdAt: createdAt(),
});

/**
 * One delivery of an event to one user on one channel. The unique key makes
 * "at most once per recipient and channel" a database rule.
 */
export const notificationDeliveries = pgTable(
  'notification_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => outboxEvents.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    channel: text('channel').notNull(),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** Not sent before this instant: retries back off, reminders wait for their time. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    /** A claimed delivery whose deliverer died is claimable again after this instant. */
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex('notification_deliveries_unique').on(table.eventId, table.userId, table.channel),
    index('notification_deliveries_due_idx').on(table.status, table.nextAttemptAt),
    check('notification_deliveries_channel_check', sql`${table.channel} in ('inbox', 'subscribe')`),
    check(
      'notification_deliveries_status_check',
      sql`${table.status} in ('pending', 'sending', 'retrying', 'sent', 'skipped', 'dead')`,
    ),
  ],
);

/** The in-app inbox; each message comes from one inbox delivery. */
export const inboxMessages = pgTable(
  'inbox_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    deliveryId: uuid('delivery_id')
      .notNull()
      .unique()
      .references(() => notificationDeliveries.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** Mini-program page the message opens, with its query. */
    page: text('page').notNull(),
    createdAt: createdAt(),
    readAt: timestamp('read_at', { withTimezone: true, mode: 'date' }),
  },
  (table) => [index('inbox_messages_user_idx').on(table.userId, table.createdAt)],
);

/**
 * Sends a user allowed per subscribe-message template: each acceptance in
 * wx.requestSubscribeMessage allows one send, and each send spends one.
 */
export const subscribeConsents = pgTable(
  'subscribe_consents',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    templateKey: text('template_key').notNull(),
    remaining: integer('remaining').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.userId, table.templateKey] }),
    check('subscribe_consents_remaining_check', sql`${table.remaining} >= 0`),
  ],
);

// Collaboration: comment threads on models, versions, release requests and alerts (with reactions
// and mentions), who watches which model, each person's notifications, and outgoing webhooks with
// a record of every delivery attempt.
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { CommentSubject } from '@/lib/validation/comments';
import { registeredModels } from './catalog';
import { users } from './users';


export const comments = pgTable(
  'comments',
  {
    id: uuid().primaryKey().defaultRandom(),
    subjectType: text().$type<CommentSubject>().notNull(),
    subjectId: uuid().notNull(),
    modelId: uuid()
      .notNull()
      .references(() => registeredModels.id),
    /** A reply's parent (one level: replies to replies attach to the same parent). */
    parentId: uuid(),
    authorId: uuid()
      .notNull()
      .references(() => users.id),
    authorName: text().notNull(),
    /** Markdown, rendered without raw HTML. Emptied when deleted (the row stays as a trace). */
    body: text().notNull(),
    /** People the body mentions, resolved when it was written or last edited. */
    mentions: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    editedAt: timestamp({ withTimezone: true }),
    deletedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('comments_subject_type_subject_id_created_at_idx').on(t.subjectType, t.subjectId, t.createdAt), index('comments_model_id_created_at_idx').on(t.modelId, t.createdAt)],
);
export type Comment = typeof comments.$inferSelect;
export type NewComment = typeof comments.$inferInsert;

export const commentReactions = pgTable(
  'comment_reactions',
  {
    commentId: uuid()
      .notNull()
      .references(() => comments.id),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    /** One of a closed set of emoji (lib/validation/collaboration.ts). */
    emoji: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.commentId, t.userId, t.emoji] })],
);
export type CommentReaction = typeof commentReactions.$inferSelect;

export const modelWatches = pgTable(
  'model_watches',
  {
    userId: uuid()
      .notNull()
      .references(() => users.id),
    modelId: uuid()
      .notNull()
      .references(() => registeredModels.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.modelId] }), index('model_watches_model_id_idx').on(t.modelId)],
);
export type ModelWatch = typeof modelWatches.$inferSelect;

export const NOTIFICATION_KINDS = ['mention', 'signature_requested', 'decision_on_my_request', 'alert_assigned', 'alert_opened_watched', 'version_created_watched', 'comment_reply'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const notifications = pgTable(
  'notifications',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    kind: text().$type<NotificationKind>().notNull(),
    title: text().notNull(),
    /** Where "open" goes, an app path such as /approvals/<id>. */
    href: text().notNull(),
    subjectType: text().notNull(),
    subjectId: uuid().notNull(),
    modelId: uuid(),
    actorName: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('notifications_user_id_created_at_idx').on(t.userId, t.createdAt), index('notifications_user_id_unread_idx').on(t.userId).where(sql`${t.readAt} is null`)],
);
export type Notification = typeof notifications.$inferSelect;
export type NewNotification = typeof notifications.$inferInsert;

export const WEBHOOK_EVENT_TYPES = ['version.created', 'release.requested', 'release.approved', 'release.rejected', 'release.released', 'alias.moved', 'alert.opened', 'alert.resolved', 'comment.created'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const webhooks = pgTable('webhooks', {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull(),
  url: text().notNull(),
  /** HMAC-SHA256 signing secret; shown once at creation, kept to sign deliveries. */
  secret: text().notNull(),
  eventTypes: text().array().$type<WebhookEventType[]>().notNull(),
  enabled: boolean().notNull().default(true),
  createdBy: uuid().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
export type Webhook = typeof webhooks.$inferSelect;

export const WEBHOOK_DELIVERY_STATES = ['pending', 'succeeded', 'failed'] as const;
export type WebhookDeliveryState = (typeof WEBHOOK_DELIVERY_STATES)[number];

/** One row per delivery (an event to a webhook); its attempts are counted on it. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid().primaryKey().defaultRandom(),
    webhookId: uuid()
      .notNull()
      .references(() => webhooks.id),
    eventType: text().notNull(),
    payload: jsonb().notNull(),
    state: text().$type<WebhookDeliveryState>().notNull().default('pending'),
    attempts: integer().notNull().default(0),
    lastStatusCode: integer(),
    lastError: text(),
    lastDurationMs: integer(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastAttemptAt: timestamp({ withTimezone: true }),
    nextAttemptAt: timestamp({ withTimezone: true }),
    deliveredAt: timestamp({ withTimezone: true }),
    /** A "send test" delivery, not a domain event. */
    test: boolean().notNull().default(false),
  },
  (t) => [index('webhook_deliveries_webhook_id_created_at_idx').on(t.webhookId, t.createdAt)],
);
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;

// The transactional outbox for webhooks: when an audit row of a webhook event type is written, one
// delivery per enabled webhook subscribed to that type is recorded and its job queued, in the same
// transaction as the change. A delivery exists if and only if the change commits.
import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, arrayOverlaps, eq } from 'drizzle-orm';
import PgBoss from 'pg-boss';
import type { WebhookEventType } from '@/lib/validation/webhooks';
import type { Tx } from '@/server/db/connect';
import { webhookDeliveries, webhooks, type AuditEvent } from '@/server/db/schema';
import type { NewDomainEvent } from '@/server/events/types';
import { queueDb, WEBHOOK_DELIVERY_QUEUE } from '@/server/jobs/queue';
import { WEBHOOK_DELIVERIES_QUEUED } from './events';

/** Audit actions that are webhook events (a resubmitted request is requested again, a re-opened alert opened again). */
const EVENT_OF_ACTION: Readonly<Record<string, WebhookEventType>> = {
  'version.created': 'version.created',
  'release.requested': 'release.requested',
  'release.resubmitted': 'release.requested',
  'release.approved': 'release.approved',
  'release.rejected': 'release.rejected',
  'release.released': 'release.released',
  'alias.moved': 'alias.moved',
  'alert.opened': 'alert.opened',
  'alert.reopened': 'alert.opened',
  'alert.resolved': 'alert.resolved',
  'comment.created': 'comment.created',
};

export const webhookEventOf = (action: string): WebhookEventType | null => EVENT_OF_ACTION[action] ?? null;

/** The audit event's fields a receiver is sent (a stored AuditEvent has them, as does a row just appended). */
export type WebhookSource = Pick<AuditEvent, 'action' | 'entityType' | 'entityId' | 'actorType' | 'actorName' | 'reason' | 'before' | 'after' | 'seq'>;

/** What a receiver gets as `data`: the audit event, without request metadata (IP, user agent). */
function eventData(row: WebhookSource) {
  return {
    action: row.action,
    entity: { type: row.entityType, id: row.entityId },
    actor: { type: row.actorType, name: row.actorName },
    reason: row.reason ?? null,
    before: row.before ?? null,
    after: row.after ?? null,
    auditSeq: row.seq,
  };
}

export type DeliveryBody = { id: string; type: string; occurredAt: string; data: unknown };

// Only ever sends with a caller's transaction ({ db }); its own db is never used.
let sender: PgBoss | null = null;
const queue = () =>
  (sender ??= new PgBoss({
    db: {
      executeSql: () => Promise.reject(new Error('webhook jobs are sent inside the caller’s transaction')),
    },
    schedule: false,
    supervise: false,
  }));

/** Records a pending delivery and queues its job, both in `tx`. Returns the delivery id. */
export async function queueDelivery(tx: Tx, delivery: { webhookId: string; type: string; occurredAt: Date; data: unknown; test?: boolean }) {
  // The body names its own delivery id; every attempt sends this same body.
  const id = randomUUID();
  const body: DeliveryBody = { id, type: delivery.type, occurredAt: delivery.occurredAt.toISOString(), data: delivery.data };
  await tx.insert(webhookDeliveries).values({ id, webhookId: delivery.webhookId, eventType: delivery.type, payload: body, test: delivery.test ?? false, nextAttemptAt: new Date() });
  await queueJob(tx, id);
  return id;
}

export async function queueJob(tx: Tx, deliveryId: string) {
  await queue().send(WEBHOOK_DELIVERY_QUEUE.name, { deliveryId }, { db: queueDb(tx) });
}

/**
 * Called with the audit rows a writer appended (server/services/mutate.ts), in the same transaction;
 * one lookup of subscribed webhooks for all of them, none at all when no row is a webhook event.
 */
export async function enqueueWebhookDeliveries(tx: Tx, rows: readonly { row: WebhookSource; occurredAt: string }[], publish: (event: NewDomainEvent) => void) {
  const typed = rows.flatMap((r) => {
    const type = webhookEventOf(r.row.action);
    return type ? [{ ...r, type }] : [];
  });
  if (typed.length === 0) return;
  const subscribed = await tx
    .select({ id: webhooks.id, eventTypes: webhooks.eventTypes })
    .from(webhooks)
    .where(and(eq(webhooks.enabled, true), arrayOverlaps(webhooks.eventTypes, [...new Set(typed.map((t) => t.type))])));
  let queued = 0;
  for (const { row, occurredAt, type } of typed) {
    for (const webhook of subscribed) {
      if (!webhook.eventTypes.includes(type)) continue;
      await queueDelivery(tx, { webhookId: webhook.id, type, occurredAt: new Date(occurredAt), data: eventData(row) });
      queued += 1;
    }
  }
  if (queued > 0) publish(WEBHOOK_DELIVERIES_QUEUED);
}

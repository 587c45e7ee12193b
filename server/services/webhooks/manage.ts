// What admins do with webhooks: register one (its signing secret is shown once), edit, enable or
// disable, delete, read its deliveries, send a test delivery through the same queue and sender,
// redeliver a failed delivery, and allow private targets for on-premise installs. All audited;
// audit rows name the URL's origin and a fingerprint only, since webhook URLs often carry tokens.
import 'server-only';
import { createHash } from 'node:crypto';
import { desc, eq, sql } from 'drizzle-orm';
import {
  createWebhookSchema,
  deliveryIdSchema,
  listWebhookDeliveriesSchema,
  setWebhookEnabledSchema,
  updateWebhookSchema,
  WEBHOOK_TEST_EVENT,
  webhookIdSchema,
  webhookSettingsSchema,
} from '@/lib/validation/webhooks';
import { webhookDeliveries, webhooks, type Webhook } from '@/server/db/schema';
import { ConflictError, NotFoundError } from '@/server/errors';
import { requireCapability } from '../authorize';
import type { VerbArgs } from '../context';
import { mutate, type Writer } from '../mutate';
import { parseInput } from '../validate';
import { queueDelivery, queueJob } from './enqueue';
import { WEBHOOK_DELIVERIES_QUEUED, WEBHOOKS_CHANGED } from './events';
import { allowPrivateTargets, writeAllowPrivateTargets } from './settings';
import { newWebhookSecret } from './sign';


/** How a URL appears in the audit trail: its origin and a fingerprint of the whole. */
function auditedUrl(url: string) {
  return { origin: new URL(url).origin, fingerprint: createHash('sha256').update(url).digest('hex').slice(0, 16) };
}
const audited = (w: Pick<Webhook, 'name' | 'url' | 'eventTypes' | 'enabled'>) => ({ name: w.name, url: auditedUrl(w.url), eventTypes: w.eventTypes, enabled: w.enabled });

/** Without the secret, which never leaves the server after it is shown once. */
const publicColumns = {
  id: webhooks.id,
  name: webhooks.name,
  url: webhooks.url,
  eventTypes: webhooks.eventTypes,
  enabled: webhooks.enabled,
  createdAt: webhooks.createdAt,
  updatedAt: webhooks.updatedAt,
};

async function lockWebhook(w: Writer, webhookId: string): Promise<Webhook> {
  const [row] = await w.tx.select().from(webhooks).where(eq(webhooks.id, webhookId)).for('update');
  if (!row) throw new NotFoundError('This webhook does not exist (it may have been deleted).');
  return row;
}

export async function listWebhooks({ ctx }: VerbArgs<unknown>) {
  requireCapability(ctx, 'webhook.manage');
  const rows = await ctx.db.select(publicColumns).from(webhooks).orderBy(webhooks.createdAt);
  const latest = await ctx.db
    .selectDistinctOn([webhookDeliveries.webhookId], {
      webhookId: webhookDeliveries.webhookId,
      state: webhookDeliveries.state,
      lastStatusCode: webhookDeliveries.lastStatusCode,
      at: sql<Date>`coalesce(${webhookDeliveries.lastAttemptAt}, ${webhookDeliveries.createdAt})`.mapWith(webhookDeliveries.createdAt),
    })
    .from(webhookDeliveries)
    .orderBy(webhookDeliveries.webhookId, desc(webhookDeliveries.createdAt));
  const byWebhook = new Map(latest.map((d) => [d.webhookId, d]));
  return rows.map((w) => {
    const last = byWebhook.get(w.id);
    return { ...w, lastDelivery: last ? { state: last.state, lastStatusCode: last.lastStatusCode, at: last.at } : null };
  });
}

export async function createWebhook({ ctx, input }: VerbArgs<unknown>) {
  const user = requireCapability(ctx, 'webhook.manage');
  const data = parseInput(createWebhookSchema, input);
  const secret = newWebhookSecret();
  const webhook = await mutate(ctx, async (w) => {
    const [row] = await w.tx.insert(webhooks).values({ name: data.name, url: data.url, eventTypes: data.eventTypes, enabled: data.enabled, secret, createdBy: user.id }).returning(publicColumns);
    if (!row) throw new Error('webhook insert returned nothing');
    await w.audit({ action: 'webhook.created', entityType: 'webhook', entityId: row.id, after: audited(row) });
    w.publish(WEBHOOKS_CHANGED);
    return row;
  });
  // Shown once: receivers verify Modelgate-Signature with it.
  return { webhook, secret };
}

export async function updateWebhook({ ctx, input }: VerbArgs<unknown>) {
  requireCapability(ctx, 'webhook.manage');
  const data = parseInput(updateWebhookSchema, input);
  return mutate(ctx, async (w) => {
    const before = await lockWebhook(w, data.webhookId);
    const [row] = await w.tx
      .update(webhooks)
      // Only the fields given change (Drizzle leaves out the undefined ones).
      .set({ name: data.name, url: data.url, eventTypes: data.eventTypes, updatedAt: new Date() })
      .where(eq(webhooks.id, data.webhookId))
      .returning(publicColumns);
    if (!row) throw new Error('webhook update returned nothing');
    await w.audit({ action: 'webhook.updated', entityType: 'webhook', entityId: row.id, before: audited(before), after: audited(row) });
    w.publish(WEBHOOKS_CHANGED);
    return row;
  });
}

export async function setWebhookEnabled({ ctx, input }: VerbArgs<unknown>) {
  requireCapability(ctx, 'webhook.manage');
  const data = parseInput(setWebhookEnabledSchema, input);
  return mutate(ctx, async (w) => {
    const before = await lockWebhook(w, data.webhookId);
    if (before.enabled === data.enabled) throw new ConflictError(`“${before.name}” is already ${data.enabled ? 'enabled' : 'disabled'}.`);
    const [row] = await w.tx.update(webhooks).set({ enabled: data.enabled, updatedAt: new Date() }).where(eq(webhooks.id, data.webhookId)).returning(publicColumns);
    if (!row) throw new Error('webhook update returned nothing');
    await w.audit({ action: data.enabled ? 'webhook.enabled' : 'webhook.disabled', entityType: 'webhook', entityId: row.id, before: { enabled: before.enabled }, after: { enabled: row.enabled } });
    w.publish(WEBHOOKS_CHANGED);
    return row;
  });
}

/** Deletes the webhook and its delivery records; jobs still queued for them find nothing and end. */
export async function deleteWebhook({ ctx, input }: VerbArgs<unknown>) {
  requireCapability(ctx, 'webhook.manage');
  const data = parseInput(webhookIdSchema, input);
  return mutate(ctx, async (w) => {
    const before = await lockWebhook(w, data.webhookId);
    const deleted = await w.tx.delete(webhookDeliveries).where(eq(webhookDeliveries.webhookId, before.id)).returning({ id: webhookDeliveries.id });
    await w.tx.delete(webhooks).where(eq(webhooks.id, before.id));
    await w.audit({ action: 'webhook.deleted', entityType: 'webhook', entityId: before.id, before: { ...audited(before), deliveries: deleted.length } });
    w.publish(WEBHOOKS_CHANGED);
    return { id: before.id };
  });
}

export async function listWebhookDeliveries({ ctx, input }: VerbArgs<unknown>) {
  requireCapability(ctx, 'webhook.manage');
  const data = parseInput(listWebhookDeliveriesSchema, input);
  const [webhook] = await ctx.db.select({ id: webhooks.id }).from(webhooks).where(eq(webhooks.id, data.webhookId));
  if (!webhook) throw new NotFoundError('This webhook does not exist (it may have been deleted).');
  return ctx.db
    .select({
      id: webhookDeliveries.id,
      eventType: webhookDeliveries.eventType,
      state: webhookDeliveries.state,
      attempts: webhookDeliveries.attempts,
      lastStatusCode: webhookDeliveries.lastStatusCode,
      lastError: webhookDeliveries.lastError,
      lastDurationMs: webhookDeliveries.lastDurationMs,
      createdAt: webhookDeliveries.createdAt,
      lastAttemptAt: webhookDeliveries.lastAttemptAt,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
      deliveredAt: webhookDeliveries.deliveredAt,
      test: webhookDeliveries.test,
    })
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.webhookId, data.webhookId))
    .orderBy(desc(webhookDeliveries.createdAt))
    .limit(data.limit);
}

/** A test delivery through the same queue, signature and outbound checks as real events (also while disabled). */
export async function sendTestDelivery({ ctx, input }: VerbArgs<unknown>) {
  const user = requireCapability(ctx, 'webhook.manage');
  const data = parseInput(webhookIdSchema, input);
  return mutate(ctx, async (w) => {
    const webhook = await lockWebhook(w, data.webhookId);
    const deliveryId = await queueDelivery(w.tx, {
      webhookId: webhook.id,
      type: WEBHOOK_TEST_EVENT,
      occurredAt: new Date(),
      test: true,
      data: { message: 'A test delivery from Modelgate.', webhook: { id: webhook.id, name: webhook.name }, sentBy: user.name },
    });
    await w.audit({ action: 'webhook.test_sent', entityType: 'webhook', entityId: webhook.id, after: { deliveryId } });
    w.publish(WEBHOOK_DELIVERIES_QUEUED);
    return { deliveryId };
  });
}

/** Queues a failed delivery again, same body and delivery id; its attempts keep counting. */
export async function redeliverWebhookDelivery({ ctx, input }: VerbArgs<unknown>) {
  requireCapability(ctx, 'webhook.manage');
  const data = parseInput(deliveryIdSchema, input);
  return mutate(ctx, async (w) => {
    const [delivery] = await w.tx.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, data.deliveryId)).for('update');
    if (!delivery) throw new NotFoundError('This delivery does not exist (its webhook may have been deleted).');
    if (delivery.state !== 'failed') throw new ConflictError(delivery.state === 'pending' ? 'This delivery is still being tried; redeliver it once it has failed.' : 'This delivery succeeded; there is nothing to redeliver.');
    await w.tx.update(webhookDeliveries).set({ state: 'pending', nextAttemptAt: new Date() }).where(eq(webhookDeliveries.id, delivery.id));
    await queueJob(w.tx, delivery.id);
    await w.audit({ action: 'webhook.redelivered', entityType: 'webhook', entityId: delivery.webhookId, after: { deliveryId: delivery.id, eventType: delivery.eventType, attempts: delivery.attempts } });
    w.publish(WEBHOOK_DELIVERIES_QUEUED);
    return { deliveryId: delivery.id };
  });
}

export async function getWebhookSettings({ ctx }: VerbArgs<unknown>) {
  requireCapability(ctx, 'webhook.manage');
  return { allowPrivateTargets: await allowPrivateTargets(ctx.db) };
}

export async function setWebhookSettings({ ctx, input }: VerbArgs<unknown>) {
  requireCapability(ctx, 'webhook.manage');
  const data = parseInput(webhookSettingsSchema, input);
  return mutate(ctx, async (w) => {
    const before = await allowPrivateTargets(w.tx);
    if (before === data.allowPrivateTargets) throw new ConflictError(`Private targets are already ${before ? 'allowed' : 'refused'}.`);
    await writeAllowPrivateTargets(w.tx, data.allowPrivateTargets);
    await w.audit({ action: 'webhook_settings.updated', entityType: 'app_setting', entityId: 'webhooks.allow_private_targets', before: { allowPrivateTargets: before }, after: { allowPrivateTargets: data.allowPrivateTargets }, reason: data.reason ?? null });
    w.publish(WEBHOOKS_CHANGED);
    return { allowPrivateTargets: data.allowPrivateTargets };
  });
}

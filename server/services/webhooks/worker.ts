// Works the webhook delivery queue: each job is one attempt at one delivery. Every attempt is
// recorded on the delivery (state, attempts, status code, error, duration, next attempt); a
// failure goes back to pg-boss, whose exponential backoff schedules the retry. A refused target
// (SSRF rules) is final: it would be refused again.
import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type PgBoss from 'pg-boss';
import type { Database, DbOrTx } from '@/server/db/connect';
import { webhookDeliveries, webhooks, type WebhookDelivery } from '@/server/db/schema';
import type { EventBus } from '@/server/events/types';
import { createQueueClient, queueDb, WEBHOOK_DELIVERY_QUEUE } from '@/server/jobs/queue';
import { WEBHOOK_DELIVERIES_QUEUED, WEBHOOKS_CHANGED } from './events';
import type { DeliveryBody } from './enqueue';
import { postFollowingRedirects, TargetRefusedError, type Resolver, type Sender } from './outbound';
import { allowPrivateTargets } from './settings';
import { SIGNATURE_HEADER, signatureHeader } from './sign';

export type WebhookWorkerOptions = {
  db: Database;
  bus: EventBus;
  /** Runs pg-boss's migrator at start (off for an app role that may not; then it only checks). */
  migrate?: boolean;
  pollingIntervalSeconds?: number;
  /** Deliveries in flight at once. */
  concurrency?: number;
  /** Tests inject these; the app resolves with the system resolver and sends with node:http(s). */
  resolve?: Resolver;
  send?: Sender;
  timeoutMs?: number;
};

type Job = PgBoss.Job<{ deliveryId: string }>;

const clip = (text: string, max = 500) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function createWebhookWorker(options: WebhookWorkerOptions) {
  const { db, bus } = options;
  const boss = createQueueClient(db, { migrate: options.migrate ?? true, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 });
  boss.on('error', (err: unknown) => console.error('[webhooks] queue error', err));
  const workerIds: string[] = [];
  let unsubscribe: (() => void) | null = null;
  const wake = () => {
    for (const id of workerIds) boss.notifyWorker(id);
  };

  const changed = () => bus.publish([{ ...WEBHOOKS_CHANGED, at: new Date().toISOString() }]).catch((err: unknown) => console.error('[webhooks] publish failed', err));

  async function record(id: string, change: Partial<WebhookDelivery>, tx: DbOrTx = db) {
    await tx
      .update(webhookDeliveries)
      .set({ ...change, attempts: sql`${webhookDeliveries.attempts} + 1`, lastAttemptAt: new Date() })
      .where(eq(webhookDeliveries.id, id));
  }

  async function attempt(job: Job) {
    const [found] = await db
      .select({ delivery: webhookDeliveries, webhook: webhooks })
      .from(webhookDeliveries)
      .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
      .where(eq(webhookDeliveries.id, job.data.deliveryId));
    // Deleted with its webhook, or already settled (a job run again after its worker died).
    if (!found || found.delivery.state !== 'pending') return;
    const { delivery, webhook } = found;
    if (!webhook.enabled && !delivery.test) {
      await record(delivery.id, { state: 'failed', lastError: 'Not sent: the webhook is disabled. Redeliver it once the webhook is enabled again.', lastStatusCode: null, lastDurationMs: null, nextAttemptAt: null });
      await changed();
      return;
    }
    const body = JSON.stringify(delivery.payload);
    const type = (delivery.payload as DeliveryBody).type;
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'Modelgate-Webhooks/1',
      'modelgate-event': type,
      'modelgate-delivery': delivery.id,
      [SIGNATURE_HEADER.toLowerCase()]: signatureHeader(webhook.secret, body),
    };
    const started = performance.now();
    let status: number | null = null;
    let error: string | null = null;
    let refused = false;
    try {
      const res = await postFollowingRedirects(webhook.url, { headers, body }, { allowPrivate: await allowPrivateTargets(db), resolve: options.resolve, send: options.send, timeoutMs: options.timeoutMs });
      status = res.status;
      if (status < 200 || status > 299) error = clip(`HTTP ${status}${res.redirects ? ` (after ${res.redirects} redirect${res.redirects > 1 ? 's' : ''})` : ''}${res.bodySnippet.trim() ? `: ${res.bodySnippet.trim()}` : ''}`);
    } catch (err) {
      refused = err instanceof TargetRefusedError;
      const e = err as NodeJS.ErrnoException;
      error = clip(e.code && !e.message.includes(e.code) ? `${e.code}: ${e.message}` : e.message);
    }
    const lastDurationMs = Math.round(performance.now() - started);

    if (error === null) {
      await record(delivery.id, { state: 'succeeded', lastStatusCode: status, lastError: null, lastDurationMs, deliveredAt: new Date(), nextAttemptAt: null });
    } else if (refused) {
      await record(delivery.id, { state: 'failed', lastStatusCode: null, lastError: error, lastDurationMs, nextAttemptAt: null });
    } else {
      // pg-boss decides retry or give up (its retry limit and backoff); the delivery row says which, in the same transaction.
      await db.transaction(async (tx) => {
        await boss.fail(WEBHOOK_DELIVERY_QUEUE.name, job.id, { message: error }, { db: queueDb(tx) });
        const after = await boss.getJobById(WEBHOOK_DELIVERY_QUEUE.name, job.id, { db: queueDb(tx), includeArchive: false });
        const retrying = after?.state === 'retry';
        // start_after comes back as Postgres text ("2026-01-02 03:04:05.678+00"), which Date reads.
        const nextAttemptAt = retrying && after ? new Date(after.startAfter) : null;
        await record(delivery.id, { state: retrying ? 'pending' : 'failed', lastStatusCode: status, lastError: error, lastDurationMs, nextAttemptAt }, tx);
      });
    }
    await changed();
  }

  return {
    async start() {
      await boss.start();
      for (let i = 0; i < (options.concurrency ?? 1); i++) {
        workerIds.push(
          await boss.work<{ deliveryId: string }>(WEBHOOK_DELIVERY_QUEUE.name, { batchSize: 1 }, async ([job]) => {
            if (job) await attempt(job);
          }),
        );
      }
      // A delivery queued by any instance (its commit announced on the live bus) is tried at once.
      unsubscribe = bus.subscribe((event) => {
        if (event.type === WEBHOOK_DELIVERIES_QUEUED.type) wake();
      });
    },
    /** Looks for work now rather than at the next poll. */
    wake,
    /** Stops polling and waits for the attempts in flight (up to `timeoutMs`). */
    async stop(timeoutMs = 15_000) {
      unsubscribe?.();
      await boss.stop({ graceful: true, wait: true, close: false, timeout: timeoutMs });
    },
  };
}

export type WebhookWorker = ReturnType<typeof createWebhookWorker>;

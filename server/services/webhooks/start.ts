// Starts this app instance's webhook worker (from instrumentation.ts). Every instance runs one;
// pg-boss hands each job to one of them. On embedded PGlite it shares the app's single pooled
// connection and finds work by polling (no LISTEN/NOTIFY across connections needed).
import 'server-only';
import { getDb } from '@/server/db/client';
import { env } from '@/server/env';
import { getBus } from '@/server/events/bus';
import { createWebhookWorker, type WebhookWorker } from './worker';

const globalForWebhooks = globalThis as unknown as { modelgateWebhookWorker?: WebhookWorker };

export function startWebhookWorker() {
  if (globalForWebhooks.modelgateWebhookWorker || !env.DATABASE_URL) return;
  const worker = createWebhookWorker({
    db: getDb(),
    bus: getBus(),
    // An app role started with MODELGATE_MIGRATE=0 may not migrate: it checks the queue schema instead.
    migrate: env.MODELGATE_MIGRATE,
    concurrency: env.MODELGATE_EMBEDDED ? 2 : 4,
  });
  globalForWebhooks.modelgateWebhookWorker = worker;
  worker.start().catch((err: unknown) => {
    console.error('[webhooks] worker not started; deliveries stay queued until it is:', err instanceof Error ? err.message : err);
    globalForWebhooks.modelgateWebhookWorker = undefined;
  });
}


// Ticks the background jobs in every app instance; run-due-jobs makes sure each job runs once.
import 'server-only';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { getDb } from '@/server/db/client';
import { isDatabaseUnavailable, logDatabaseUnavailable } from '@/server/db/errors';
import { env } from '@/server/env';
import { getBus } from '@/server/events/bus';
import type { ServiceContext } from '@/server/services/context';
import { publishCommitted, writerIn } from '@/server/services/mutate';
import type { NewDomainEvent } from '@/server/events/types';
import { expireOverdue } from '@/server/services/releases/expire';
import { maintainEventPartitions } from '@/server/services/monitoring/partitions';
import { driftEvaluator } from '@/server/services/monitoring/alerts/drift-rules';
import { evaluateAlerts } from '@/server/services/monitoring/alerts/evaluate';
import { HOUSEKEEPING_JOBS } from './housekeeping';
import { runDueJobs, type Job } from './run-due-jobs';

const TICK_MS = 60_000;
const globalForJobs = globalThis as unknown as { modelgateScheduler?: NodeJS.Timeout };

/** Jobs that act through service verbs, as the system, with audit rows and live events. */
function serviceJobs(instance: string): Job[] {
  const ctx = (): ServiceContext => ({ db: getDb(), bus: getBus(), user: null, request: { requestId: `job:${instance}`, ip: null, userAgent: null } });
  const asSystem =
    (work: (w: ReturnType<typeof writerIn>) => Promise<Record<string, unknown>>): Extract<Job, { run: unknown }>['run'] =>
    async (tx, afterCommit) => {
      const system = ctx();
      const pending: NewDomainEvent[] = [];
      const writer = writerIn(tx, system, pending);
      const result = await work(writer);
      await writer.flush();
      afterCommit(() => publishCommitted(system, pending));
      return result;
    };
  return [
    { name: 'releases.expire', everySeconds: 60, run: asSystem((w) => expireOverdue(w)) },
    // Days ahead exist before events arrive; days past EVENT_RETENTION_DAYS are dropped whole.
    { name: 'prediction_events.partitions', everySeconds: 3600, run: (tx) => maintainEventPartitions(tx) },
    // One instance per tick evaluates every alert rule (each rule in its own transaction).
    { name: 'alerts.evaluate', everySeconds: 30, claimThenRun: () => evaluateAlerts(ctx(), { drift: driftEvaluator }) },
  ];
}

export function startScheduler() {
  if (globalForJobs.modelgateScheduler) return;
  const instance = `${hostname()}:${env.PORT ?? ''}:${randomUUID().slice(0, 8)}`;
  const jobs = [...HOUSEKEEPING_JOBS, ...serviceJobs(instance)];
  // A database that is away is a state, not a fault: one line per tick until it is back.
  const tick = () =>
    runDueJobs(getDb(), jobs, instance).catch((err: unknown) => (isDatabaseUnavailable(err) ? logDatabaseUnavailable('jobs tick', `job:${instance}`, err) : console.error('[jobs] tick failed', err)));
  globalForJobs.modelgateScheduler = setInterval(tick, TICK_MS);
  globalForJobs.modelgateScheduler.unref();
  setTimeout(tick, 5_000).unref();
}

// Ticks the background jobs in every app instance; run-due-jobs makes sure each job runs once.
import 'server-only';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { getDb } from '@/server/db/client';
import { HOUSEKEEPING_JOBS } from './housekeeping';
import { runDueJobs } from './run-due-jobs';

const TICK_MS = 60_000;
const globalForJobs = globalThis as unknown as { modelgateScheduler?: NodeJS.Timeout };

export function startScheduler() {
  if (globalForJobs.modelgateScheduler) return;
  const instance = `${hostname()}:${process.env.PORT ?? ''}:${randomUUID().slice(0, 8)}`;
  const tick = () =>
    runDueJobs(getDb(), HOUSEKEEPING_JOBS, instance).catch((err: unknown) => console.error('[jobs] tick failed', err));
  globalForJobs.modelgateScheduler = setInterval(tick, TICK_MS);
  globalForJobs.modelgateScheduler.unref();
  setTimeout(tick, 5_000).unref();
}

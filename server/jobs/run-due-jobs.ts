// Runs the jobs that are due, at most once across every app instance on the database: each job's
// row is locked FOR UPDATE SKIP LOCKED and its last run time moved forward in the same transaction,
// so a second instance either skips the locked row or finds the job no longer due.
import 'server-only';
import { and, eq, lte, sql } from 'drizzle-orm';
import type { Database, Tx } from '@/server/db/connect';
import { scheduledJobs } from '@/server/db/schema';

/**
 * A job either runs inside the claiming transaction (`run`: all or nothing; `afterCommit` registers
 * work such as live events for after the commit), or is claimed in a short transaction and then
 * runs on its own (`claimThenRun`: long work that opens its own transactions, e.g. the alert
 * worker; if its instance dies, the next tick after the interval is taken by any instance).
 */
export type Job = { name: string; everySeconds: number } & (
  | { run: (tx: Tx, afterCommit: (fn: () => Promise<void>) => void) => Promise<Record<string, unknown>> }
  | { claimThenRun: () => Promise<Record<string, unknown>> }
);

export async function runDueJobs(db: Database, jobs: readonly Job[], instance: string): Promise<string[]> {
  const ran: string[] = [];
  for (const job of jobs) {
    const deferred: (() => Promise<void>)[] = [];
    await db.transaction(async (tx) => {
      // A new job is due at once.
      await tx
        .insert(scheduledJobs)
        .values({ name: job.name, lastFinishedAt: new Date(0) })
        .onConflictDoNothing();
      const [due] = await tx
        .select()
        .from(scheduledJobs)
        .where(and(eq(scheduledJobs.name, job.name), lte(scheduledJobs.lastFinishedAt, sql`now() - make_interval(secs => ${job.everySeconds})`)))
        .for('update', { skipLocked: true });
      if (!due) return;
      if ('claimThenRun' in job) {
        await tx.update(scheduledJobs).set({ lastFinishedAt: sql`now()`, lastInstance: instance, runCount: sql`${scheduledJobs.runCount} + 1` }).where(eq(scheduledJobs.name, job.name));
        deferred.push(async () => {
          const result = await job.claimThenRun();
          await db.update(scheduledJobs).set({ lastResult: result }).where(eq(scheduledJobs.name, job.name));
        });
        ran.push(job.name);
        return;
      }
      const result = await job.run(tx, (fn) => deferred.push(fn));
      await tx
        .update(scheduledJobs)
        .set({ lastFinishedAt: sql`now()`, lastResult: result, lastInstance: instance, runCount: sql`${scheduledJobs.runCount} + 1` })
        .where(eq(scheduledJobs.name, job.name));
      ran.push(job.name);
    });
    for (const fn of deferred) await fn().catch((err: unknown) => console.error(`[jobs] ${job.name}: after-commit work failed`, err));
  }
  return ran;
}

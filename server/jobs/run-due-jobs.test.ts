import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduledJobs, signInThrottles } from '@/server/db/schema';
import { freshDatabase, type TestDatabase } from '@/server/testing/database';
import { HOUSEKEEPING_JOBS } from './housekeeping';
import { runDueJobs, type Job } from './run-due-jobs';

let t: TestDatabase;
beforeAll(async () => {
  t = await freshDatabase();
});
afterAll(async () => t.close());

describe('background jobs', () => {
  it('runs a due job once however many instances tick at the same moment', async () => {
    let runs = 0;
    const job: Job = {
      name: 'test.count',
      everySeconds: 3600,
      run: async () => {
        runs += 1;
        await new Promise((r) => setTimeout(r, 50));
        return { ok: true };
      },
    };
    const results = await Promise.all(['a', 'b', 'c', 'd'].map((instance) => runDueJobs(t.db, [job], instance)));
    expect(runs).toBe(1);
    expect(results.flat()).toEqual(['test.count']);
    // Not due again until its interval has passed.
    expect(await runDueJobs(t.db, [job], 'a')).toEqual([]);
    await t.db.update(scheduledJobs).set({ lastFinishedAt: sql`now() - interval '2 hours'` }).where(eq(scheduledJobs.name, 'test.count'));
    expect(await runDueJobs(t.db, [job], 'b')).toEqual(['test.count']);
    const [row] = await t.db.select().from(scheduledJobs).where(eq(scheduledJobs.name, 'test.count'));
    expect(row).toMatchObject({ runCount: 2, lastInstance: 'b', lastResult: { ok: true } });
  });

  it('prunes sign-in throttling counters quiet for a day and keeps recent or still waiting ones', async () => {
    const dayAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
    await t.db.insert(signInThrottles).values([
      { scope: 'address', key: '198.51.100.1', ip: '198.51.100.1', failures: 3, firstFailureAt: dayAgo(3), lastFailureAt: dayAgo(2) },
      { scope: 'address', key: '198.51.100.2', ip: '198.51.100.2', failures: 3 },
      { scope: 'account', key: 'waiting@example.com', email: 'waiting@example.com', failures: 40, firstFailureAt: dayAgo(3), lastFailureAt: dayAgo(2), blockedUntil: new Date(Date.now() + 60_000) },
    ]);
    await runDueJobs(t.db, HOUSEKEEPING_JOBS, 'x');
    const left = await t.db.select({ key: signInThrottles.key }).from(signInThrottles);
    expect(left.map((r) => r.key).sort()).toEqual(['198.51.100.2', 'waiting@example.com']);
  });
});

describe('claim-then-run jobs', () => {
  it('run once per due tick across instances, outside the claiming transaction', async () => {
    let runs = 0;
    const job: Job = {
      name: 'test.claim',
      everySeconds: 3600,
      claimThenRun: async () => {
        runs += 1;
        // Its own queries work while it runs (the claim has committed).
        await t.db.select().from(scheduledJobs);
        return { ok: runs };
      },
    };
    const results = await Promise.all(['a', 'b', 'c'].map((instance) => runDueJobs(t.db, [job], instance)));
    expect(runs).toBe(1);
    expect(results.flat()).toEqual(['test.claim']);
    const [row] = await t.db.select().from(scheduledJobs).where(eq(scheduledJobs.name, 'test.claim'));
    expect(row).toMatchObject({ runCount: 1, lastResult: { ok: 1 } });
  });
});

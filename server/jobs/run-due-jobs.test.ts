import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAttempts, scheduledJobs } from '@/server/db/schema';
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

  it('prunes sign-in attempts older than a day and keeps recent ones', async () => {
    await t.db.insert(loginAttempts).values([
      { email: 'old@example.com', ip: '1.1.1.1', succeeded: false, at: new Date(Date.now() - 2 * 86_400_000) },
      { email: 'new@example.com', ip: '1.1.1.1', succeeded: false },
    ]);
    await runDueJobs(t.db, HOUSEKEEPING_JOBS, 'x');
    const left = await t.db.select({ email: loginAttempts.email }).from(loginAttempts);
    expect(left.map((r) => r.email)).toEqual(['new@example.com']);
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

// pg-boss over our own database handle: a job sent inside a transaction exists only if it commits,
// a worker started later (as after a restart) runs it, and a failed job is retried with backoff.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '@/server/testing/database';
import { createQueueClient, installJobQueue, queueDb, requireJobQueue } from './queue';

const QUEUE = 'queue-test';
let t: TestDatabase;

beforeAll(async () => {
  t = await freshDatabase();
  await installJobQueue(t.db, [{ name: QUEUE, retryLimit: 3, retryDelay: 1, retryBackoff: true }]);
});
afterAll(async () => t?.close());

const waitFor = async (check: () => Promise<boolean>, ms = 15_000) => {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('timed out');
};

describe('job queue', () => {
  it('installs idempotently with its own migrator', async () => {
    await installJobQueue(t.db, [{ name: QUEUE }]);
    const [row] = await t.db.execute<{ version: number }>(sql`select version from pgboss.version`);
    expect(Number(row?.version)).toBeGreaterThan(0);
  });

  it('sends inside our transaction: rolled back means no job, committed means one', async () => {
    const client = createQueueClient(t.db);
    await t.db
      .transaction(async (tx) => {
        await client.send(QUEUE, { n: 'rolled back' }, { db: queueDb(tx) });
        throw new Error('abort');
      })
      .catch(() => {});
    const id = await t.db.transaction(async (tx) => client.send(QUEUE, { n: 'committed', list: ['a', 'b'] }, { db: queueDb(tx) }));
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const rows = await t.db.execute<{ data: { n: string } }>(sql`select data from pgboss.job where name = ${QUEUE}`);
    expect(rows.map((r) => r.data.n)).toEqual(['committed']);

    // A worker started afterwards (a fresh process) runs it; a failure is retried.
    const worker = createQueueClient(t.db, { pollingIntervalSeconds: 0.5 });
    await worker.start();
    const seen: string[] = [];
    await worker.work<{ n: string; list: string[] }>(QUEUE, async ([job]) => {
      if (!job) return;
      seen.push(`${job.data.n}:${job.data.list.join('')}`);
      if (seen.length === 1) throw new Error('first attempt fails');
    });
    // pg-boss marks the job completed just after the handler returns.
    await waitFor(async () => (await worker.getJobById(QUEUE, id ?? '', { includeArchive: false }))?.state === 'completed');
    await worker.stop({ graceful: true, wait: true, close: false });
    expect(seen).toEqual(['committed:ab', 'committed:ab']);
    const job = await worker.getJobById<{ n: string }>(QUEUE, id ?? '', { includeArchive: false });
    expect(job?.retryCount).toBe(1);
  });

  it('a start that does not migrate refuses a missing queue schema, and accepts it once installed', async () => {
    await expect(requireJobQueue(t.db)).resolves.toBeUndefined();
    await t.db.execute(sql`drop schema pgboss cascade`);
    await expect(requireJobQueue(t.db)).rejects.toThrow(/pg-boss\) is missing or out of date .*npm run db:migrate/);
    await installJobQueue(t.db);
    await expect(requireJobQueue(t.db)).resolves.toBeUndefined();
  });
});

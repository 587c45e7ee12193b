// Database outages on a real Postgres server of the test's own: with ingestion, health checks and
// tRPC calls flowing through the app's pool, the app's backends are terminated mid-transaction, and
// the server is restarted (fast, then immediate). No answer may be a 500, none may take more than
// 5 s once the database is back (durations are recorded as data: a correctness bound, not a
// benchmark), and every event acknowledged with a 2xx is stored exactly once.
import { TRPCError } from '@trpc/server';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSessionUser } from '@/server/auth/sessions';
import { createMemoryBus } from '@/server/events/memory-bus';
import { handleIngestion } from '@/server/http/ingest';
import { itemsIn } from '@/server/services/monitoring/batches';
import { ingestEvents } from '@/server/services/monitoring/ingest';
import { createUserWithSession } from '@/server/testing/fixtures';
import { eventsRequest, ingestionTarget } from '@/server/testing/ingestion';
import { startPrivatePostgres, type PrivatePostgres } from '@/server/testing/private-postgres';
import { createCallerFactory } from '@/server/trpc/init';
import { appRouter } from '@/server/trpc/routers/_app';
import { appSessionTimeouts } from './client';
import { connect } from './connect';
import { databaseHealth } from './health';
import { runMigrations } from './migrate';

const server = await startPrivatePostgres();
const skipReason = 'unavailable' in server ? server.unavailable : null;
if (skipReason) console.warn(`[outage.test] skipped: ${skipReason}`);

/** The bound: no request waits longer than this past the later of its start and the database's return. */
const BOUND_MS = 5000;

type Outcome = { kind: 'ingest' | 'health' | 'trpc'; start: number; end: number; status: number; ids: string[]; error?: string };

describe.skipIf(skipReason !== null)('database outages (private Postgres server)', () => {
  const pg = server as PrivatePostgres;
  let app: ReturnType<typeof connect>;
  let admin: postgres.Sql;
  let key: string;
  let deploymentId: string;
  let sessionId: string;
  const bus = createMemoryBus();
  const uncaught: unknown[] = [];
  const onUncaught = (err: unknown) => uncaught.push(err);

  beforeAll(async () => {
    // Exactly as server/db/client.ts builds the app's pool.
    app = connect(pg.url, { max: 10, timeouts: appSessionTimeouts() });
    admin = postgres(pg.url, { max: 1, onnotice: () => {}, connection: { application_name: 'outage-test-admin' } });
    await runMigrations(app.db);
    ({ key, deploymentId } = await ingestionTarget(app.db));
    const user = await createUserWithSession(app.db, ['ops']);
    sessionId = user.sessionId as string;
    process.on('uncaughtException', onUncaught);
    process.on('unhandledRejection', onUncaught);
  }, 60_000);

  afterAll(async () => {
    process.off('uncaughtException', onUncaught);
    process.off('unhandledRejection', onUncaught);
    await app?.close().catch(() => {});
    await admin?.end({ timeout: 1 }).catch(() => {});
    pg.drop();
  });

  let batch = 0;
  async function oneRequest(kind: Outcome['kind']): Promise<Outcome> {
    const start = performance.now();
    if (kind === 'ingest') {
      batch += 1;
      const ids = [0, 1, 2, 3, 4].map((i) => `b${batch}-${i}`);
      const res = await handleIngestion(eventsRequest(key, ids), { db: app.db, bus }, ingestEvents, itemsIn('events'));
      const body = (await res.json()) as { accepted?: number; duplicates?: number };
      // A 2xx acknowledges every event of the batch as stored (accepted now or earlier).
      if (res.status === 200 && (body.accepted ?? 0) + (body.duplicates ?? 0) !== ids.length) throw new Error(`partial batch ${JSON.stringify(body)}`);
      return { kind, start, end: performance.now(), status: res.status, ids: res.status === 200 ? ids : [] };
    }
    if (kind === 'health') {
      const res = await databaseHealth(app.db);
      return { kind, start, end: performance.now(), status: res.status, ids: [] };
    }
    // A tRPC call as the route handler makes it: the session user is looked up inside the chain.
    const caller = createCallerFactory(appRouter)({ db: app.db, bus, user: null, request: { requestId: `outage-${batch}`, ip: null, userAgent: 'vitest' }, lookupUser: () => loadSessionUser(app.db, sessionId) });
    try {
      await caller.notifications.unreadCount();
      return { kind, start, end: performance.now(), status: 200, ids: [] };
    } catch (err) {
      const status = err instanceof TRPCError ? ({ SERVICE_UNAVAILABLE: 503, UNAUTHORIZED: 401 } as Record<string, number>)[err.code] ?? 500 : 500;
      return { kind, start, end: performance.now(), status, ids: [], error: String(err) };
    }
  }

  /** Requests from `workers` loops until `stop` resolves; returns every outcome. */
  async function flow(fault: () => Promise<number>): Promise<{ outcomes: Outcome[]; back: number }> {
    const outcomes: Outcome[] = [];
    let running = true;
    const kinds: Outcome['kind'][] = ['ingest', 'ingest', 'ingest', 'ingest', 'health', 'trpc'];
    const loops = kinds.map(async (kind) => {
      while (running) {
        outcomes.push(await oneRequest(kind));
        await new Promise((r) => setTimeout(r, 10));
      }
    });
    const back = await fault();
    running = false;
    await Promise.all(loops);
    return { outcomes, back };
  }

  function check({ outcomes, back }: { outcomes: Outcome[]; back: number }) {
    const summary = (o: Outcome) => `${o.kind} ${o.status} ${Math.round(o.end - o.start)} ms${o.error ? ` ${o.error}` : ''}`;
    expect(outcomes.filter((o) => o.status >= 500 && o.status !== 503).map(summary)).toEqual([]);
    // Durations as data: every request finished within the bound of the later of its start and the return.
    expect(outcomes.filter((o) => o.end - Math.max(o.start, back) > BOUND_MS).map(summary)).toEqual([]);
    // Recovery: a request started after the return succeeded within the bound of it.
    const recovered = outcomes.filter((o) => o.kind === 'ingest' && o.status === 200 && o.start >= back).map((o) => o.end - back);
    expect(recovered.length).toBeGreaterThan(0);
    expect(Math.min(...recovered)).toBeLessThan(BOUND_MS);
    expect(uncaught).toEqual([]);
    return outcomes.flatMap((o) => o.ids);
  }

  async function storedOnce(acknowledged: string[]) {
    const rows = await admin<{ event_id: string; n: number }[]>`select event_id, count(*)::int as n from prediction_events where deployment_id = ${deploymentId} group by event_id`;
    const counts = new Map(rows.map((r) => [r.event_id, r.n]));
    expect(acknowledged.filter((id) => counts.get(id) !== 1)).toEqual([]);
    expect(rows.filter((r) => r.n !== 1)).toEqual([]);
  }

  const terminateApp = () => admin`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'modelgate' and pid <> pg_backend_pid()`;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('terminating the app’s backends mid-transaction: no 500, no wait past the bound, acknowledged events stored once', async () => {
    const result = await flow(async () => {
      await sleep(800);
      let back = 0;
      for (let i = 0; i < 3; i++) {
        await terminateApp();
        back = performance.now();
        await sleep(400);
      }
      await sleep(2500);
      return back;
    });
    expect(result.outcomes.filter((o) => o.status === 200).length).toBeGreaterThan(10);
    await storedOnce(check(result));
  }, 30_000);

  it.each(['fast', 'immediate'] as const)('restarting the server (%s): 503s while it is down, back to 200 within the bound', async (mode) => {
    const result = await flow(async () => {
      await sleep(800);
      await pg.restart(mode); // returns once the server accepts connections again
      const back = performance.now();
      await sleep(3000);
      return back;
    });
    await storedOnce(check(result));
  }, 30_000);
});

// Notification fan-out to 1,000 watchers on a real Postgres (BENCH_DATABASE_URL, default the local
// server), with the Postgres live bus (NOTIFY after commit) the app runs on. Reported, p50/p95 over
// BENCH_ROUNDS runs:
//  1. registering a new version of a model nobody watches (the baseline);
//  2. the same for a model 1,000 people watch (1,000 notification rows in the same transaction);
//  3. from calling (2) until a listening page has the live event for the last of the 1,000;
//  4. notify() of 1,000 rows alone, in a transaction of its own.
// Usage: npm run bench:fanout   (creates and drops its own database)
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { connect } from '@/server/db/connect';
import { runMigrations } from '@/server/db/migrate';
import { modelWatches, users } from '@/server/db/schema';
import { createPgBus } from '@/server/events/pg-bus';
import type { DomainEvent } from '@/server/events/types';
import { createVersion } from '@/server/services/catalog/create-version';
import { registerModel } from '@/server/services/catalog/register-model';
import { notify } from '@/server/services/collaboration/notify';
import type { ServiceContext, SessionUser } from '@/server/services/context';
import { mutate } from '@/server/services/mutate';
import { tfjsModelFiles } from '@/server/testing/tfjs-fixture';

const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const WATCHERS = Number(process.env.BENCH_WATCHERS ?? 1000);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const line = (label: string, xs: number[]) =>
  console.log(`  ${label.padEnd(56)} n=${String(xs.length).padStart(3)}  p50 ${pct(xs, 50).toFixed(1).padStart(7)} ms  p95 ${pct(xs, 95).toFixed(1).padStart(7)} ms  max ${Math.max(...xs).toFixed(1).padStart(7)} ms`);

const name = `modelgate_bench_${randomBytes(4).toString('hex')}`;
const admin = postgres(base, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${name}`);
const url = new URL(base);
url.pathname = `/${name}`;
const { db, close } = connect(url.toString(), { max: 10 });
const bus = createPgBus(url.toString());

try {
  await runMigrations(db);
  const [row] = await db.insert(users).values({ email: 'bench@modelgate.local', name: 'Bench Author', roles: ['data_scientist'] }).returning();
  if (!row) throw new Error('no user');
  const author: SessionUser = { id: row.id, email: row.email, name: row.name, roles: row.roles, sessionId: null };
  const ctx: ServiceContext = { db, bus, user: author, request: { requestId: 'bench', ip: null, userAgent: 'bench' } };
  const model = (n: string) => registerModel({ ctx, input: { name: n, ownerTeam: 'Bench', taskType: 'binary_classification', riskTier: 'low' } });
  const watched = await model('Bench Watched');
  const quiet = await model('Bench Unwatched');

  const roles = [['data_scientist'], ['approver'], ['ops'], ['risk_reviewer'], []] as const;
  const people = await db
    .insert(users)
    .values(Array.from({ length: WATCHERS }, (_, i) => ({ email: `watcher${i}@bench.modelgate.local`, name: `Watcher ${i}`, roles: [...(roles[i % roles.length] ?? [])] })))
    .returning({ id: users.id });
  await db.insert(modelWatches).values(people.map((p) => ({ userId: p.id, modelId: watched.id })));
  const watcherIds = new Set(people.map((p) => p.id));

  // A listening page: counts the recipients named by live notification events since `since`.
  let waiting: { remaining: Set<string>; done: () => void } | null = null;
  bus.subscribe((e: DomainEvent) => {
    if (e.type !== 'notifications.changed' || !waiting || e.audience === 'all') return;
    for (const id of e.audience.userIds) waiting.remaining.delete(id);
    if (waiting.remaining.size === 0) waiting.done();
  });
  await bus.ready();

  let seed = 1;
  const newVersion = (modelId: string) => createVersion({ ctx, input: { modelId, files: tfjsModelFiles({ inputs: 4, seed: seed++ }).files, metadata: {} } });

  // Warm-up: connections, prepared statements, the artifact path.
  await newVersion(quiet.id);
  await newVersion(watched.id);

  const baseline: number[] = [];
  const withFanout: number[] = [];
  const delivered: number[] = [];
  const notifyAlone: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    let t0 = performance.now();
    await newVersion(quiet.id);
    baseline.push(performance.now() - t0);

    const all = new Promise<void>((resolve) => (waiting = { remaining: new Set(watcherIds), done: resolve }));
    t0 = performance.now();
    await newVersion(watched.id);
    withFanout.push(performance.now() - t0);
    await all;
    delivered.push(performance.now() - t0);
    waiting = null;

    const subjectId = crypto.randomUUID();
    t0 = performance.now();
    const written = await mutate(ctx, (w) =>
      notify(
        w,
        people.map((p) => ({ userId: p.id, kind: 'mention' as const, title: `Bench ${r}`, href: `/models/${watched.id}`, subjectType: 'model', subjectId, modelId: watched.id, actorName: 'Bench' })),
      ),
    );
    notifyAlone.push(performance.now() - t0);
    if (written !== WATCHERS) throw new Error(`notify wrote ${written}`);
  }

  const [count] = await db.execute<{ n: number }>(`select count(*)::int as n from notifications where kind = 'version_created_watched'`);
  console.log(`notification fan-out, ${WATCHERS} watchers, ${ROUNDS} rounds, real Postgres with the NOTIFY live bus (${count?.n ?? '?'} new-version notifications written)`);
  line('new version, model nobody watches', baseline);
  line(`new version, ${WATCHERS} watchers (rows in the transaction)`, withFanout);
  line(`  ... until the live event for all ${WATCHERS} has arrived`, delivered);
  line(`notify() of ${WATCHERS} rows in its own transaction`, notifyAlone);
  console.log(`  fan-out cost on version creation (p50 difference)          ${(pct(withFanout, 50) - pct(baseline, 50)).toFixed(1)} ms`);
} finally {
  await bus.close();
  await close();
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
}

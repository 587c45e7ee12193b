// Cost of the shared per-key ingestion rate limit on the hot path: one upsert per batch on a real
// Postgres (BENCH_DATABASE_URL, default the local server), sequential and 16 at once on one key
// (they queue on its row) and on 16 keys, as latency per call.
// Usage: npx tsx --conditions=react-server bench/ingestion-rate.ts   (creates and drops its own database)
import { randomBytes, randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { connect } from '@/server/db/connect';
import { runMigrations } from '@/server/db/migrate';
import { deployments, ingestionKeys, registeredModels, users } from '@/server/db/schema';
import { takeIngestionTokens } from '@/server/services/monitoring/ingestion-rate';

const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CALLS = Number(process.env.BENCH_CALLS ?? 2000);
const name = `modelgate_bench_${randomBytes(4).toString('hex')}`;
const admin = postgres(base, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${name}`);
const url = new URL(base);
url.pathname = `/${name}`;
const { db, close } = connect(url.toString(), { max: 16 });
try {
  await runMigrations(db);
  const [user] = await db.insert(users).values({ email: 'bench@modelgate.local', name: 'Bench' }).returning();
  const [model] = await db.insert(registeredModels).values({ name: 'Bench', nameKey: 'bench', ownerTeam: 'x', taskType: 'regression', riskTier: 'low', createdBy: user?.id ?? '' }).returning();
  const [deployment] = await db.insert(deployments).values({ modelId: model?.id ?? '', environment: 'bench', createdBy: user?.id ?? '' }).returning();
  const keys = await db
    .insert(ingestionKeys)
    .values(Array.from({ length: 16 }, (_, i) => ({ deploymentId: deployment?.id ?? '', name: `k${i}`, prefix: `k${i}`, keyHash: randomUUID(), scopes: ['write' as const], createdBy: user?.id ?? '' })))
    .returning();
  const ids = keys.map((k) => k.id);
  const run = async (label: string, concurrency: number, keyOf: (i: number) => string) => {
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < CALLS) {
          const i = next++;
          await takeIngestionTokens(db, keyOf(i), 1000, 1_000_000_000);
        }
      }),
    );
    const ms = performance.now() - started;
    console.log(`  ${label.padEnd(36)} ${((ms * 1000) / CALLS).toFixed(0).padStart(6)} µs per call, ${Math.round(CALLS / (ms / 1000))} calls/s`);
  };
  console.log(`shared ingestion rate limit, ${CALLS} calls per line, real Postgres`);
  await run('warm-up', 1, () => ids[0] ?? '');
  await run('sequential, one key', 1, () => ids[0] ?? '');
  await run('16 at once, one key', 16, () => ids[0] ?? '');
  await run('16 at once, 16 keys', 16, (i) => ids[i % 16] ?? '');
} finally {
  await close();
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
}

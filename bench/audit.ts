// Audit trail figures on a real Postgres (BENCH_DATABASE_URL, default the local server):
//  1. overhead of the audit row per audited mutation (p50/p95), against the same mutation unaudited;
//  2. chain verification speed (events/s) over 100,000 events.
// Usage: npm run bench:audit   (creates and drops its own database)
import { createHash, randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { canonicalRow, GENESIS_HASH, type ChainedFields } from '@/server/audit/hash';
import { verifyAuditChain } from '@/server/audit/verify';
import { connect } from '@/server/db/connect';
import { runMigrations } from '@/server/db/migrate';
import { auditChainHead, auditEvents, users } from '@/server/db/schema';
import { createMemoryBus } from '@/server/events/memory-bus';
import type { ServiceContext } from '@/server/services/context';
import { mutate } from '@/server/services/mutate';

const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 2000);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

const name = `modelgate_bench_${randomBytes(4).toString('hex')}`;
const admin = postgres(base, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${name}`);
const url = new URL(base);
url.pathname = `/${name}`;
const { db, close } = connect(url.toString(), { max: 4 });

try {
  await runMigrations(db);
  const [user] = await db.insert(users).values({ email: 'bench@modelgate.local', name: 'Bench', roles: ['admin'] }).returning();
  if (!user) throw new Error('no user');
  const ctx: ServiceContext = {
    db,
    bus: createMemoryBus(),
    user: { id: user.id, email: user.email, name: user.name, roles: user.roles, sessionId: null },
    request: { requestId: 'bench', ip: '127.0.0.1', userAgent: 'bench' },
  };

  // 1. The same one-row update, with and without its audit row, interleaved so both see the same machine state.
  const plain: number[] = [];
  const audited: number[] = [];
  for (let i = 0; i < ITERATIONS + 200; i++) {
    const t0 = performance.now();
    await db.transaction(async (tx) => {
      await tx.update(users).set({ name: `Bench ${i}` }).where(eq(users.id, user.id));
    });
    const t1 = performance.now();
    await mutate(ctx, async ({ tx, audit }) => {
      await tx.update(users).set({ name: `Bench ${i}` }).where(eq(users.id, user.id));
      await audit({ action: 'user.roles_changed', entityType: 'user', entityId: user.id, before: { name: `Bench ${i - 1}` }, after: { name: `Bench ${i}` } });
    });
    const t2 = performance.now();
    if (i >= 200) {
      plain.push(t1 - t0);
      audited.push(t2 - t1);
    }
  }
  const overhead = audited.map((a, i) => a - (plain[i] ?? 0));
  console.log(`audited mutation, ${ITERATIONS} runs on real Postgres:`);
  console.log(`  without audit  p50 ${pct(plain, 50).toFixed(3)} ms   p95 ${pct(plain, 95).toFixed(3)} ms`);
  console.log(`  with audit     p50 ${pct(audited, 50).toFixed(3)} ms   p95 ${pct(audited, 95).toFixed(3)} ms`);
  console.log(`  overhead       p50 ${pct(overhead, 50).toFixed(3)} ms   p95 ${pct(overhead, 95).toFixed(3)} ms   (target p50 <= 2 ms)`);

  // 2. Fill the chain to EVENTS events (bulk insert of correctly chained rows), then verify it.
  const [head] = await db.select().from(auditChainHead);
  let seq = Number(head?.seq ?? 0);
  let prev = head?.hash ?? GENESIS_HASH;
  const start = new Date();
  while (seq < EVENTS) {
    const batch = [];
    for (let i = 0; i < 2000 && seq < EVENTS; i++) {
      seq += 1;
      const fields: ChainedFields = {
        seq,
        occurredAt: new Date(start.getTime() + seq).toISOString(),
        actorType: 'user',
        actorId: user.id,
        actorName: 'Bench',
        actorRoles: ['admin'],
        action: 'user.roles_changed',
        entityType: 'user',
        entityId: user.id,
        before: { roles: ['ops'], n: seq - 1 },
        after: { roles: ['ops', 'auditor'], n: seq },
        changedFields: ['n', 'roles'],
        reason: seq % 10 === 0 ? 'quarterly access review' : null,
        requestId: `req-${seq}`,
        ip: '10.0.0.1',
        userAgent: 'Mozilla/5.0 (X11; Linux x86_64) bench',
        prevHash: prev,
      };
      const canonical = canonicalRow(fields);
      const hash = createHash('sha256').update(canonical).update(prev).digest('hex');
      batch.push({ canonical, hash });
      prev = hash;
    }
    await db.insert(auditEvents).values(batch);
  }
  await db.update(auditChainHead).set({ seq, hash: prev }).where(eq(auditChainHead.id, 1));
  await db.execute(sql`analyze audit_events`);

  const runs: number[] = [];
  let count = 0;
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    const result = await verifyAuditChain(db);
    runs.push(performance.now() - t0);
    if (!result.ok) throw new Error(`chain broken: ${JSON.stringify(result)}`);
    count = result.count;
  }
  const best = Math.min(...runs);
  console.log(`verify ${count} events: best ${best.toFixed(0)} ms of 3 (${runs.map((x) => x.toFixed(0)).join(', ')}) = ${Math.round(count / (best / 1000)).toLocaleString('en')} events/s (target >= 200,000)`);
} finally {
  await close();
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
}

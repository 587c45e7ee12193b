// Prediction ingestion throughput on a real Postgres (BENCH_DATABASE_URL, default the local server):
// events with 20 features in batches of 1,000 through the ingestion service (validation, event-id
// idempotency, partitioned insert, per-minute aggregates, one transaction per batch), with 1 and 4
// batches in flight, next to a plain COPY of the same rows into the same table; then a sweep through
// HTTP (a node:http server in front of the POST /api/v1/events handler, keep-alive clients) at 4, 16
// and 64 concurrent batches, with the count of each status (503s past INGEST_MAX_CONCURRENT are
// retried by the client after a short pause, as a well-behaved sender would).
// Usage: npm run bench:ingest   (creates and drops its own database)
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import postgres from 'postgres';
import { connect } from '@/server/db/connect';
import { runMigrations } from '@/server/db/migrate';
import { users } from '@/server/db/schema';
import { createMemoryBus } from '@/server/events/memory-bus';
import type { ServiceContext, SessionUser } from '@/server/services/context';
import { createVersion } from '@/server/services/catalog/create-version';
import { registerModel } from '@/server/services/catalog/register-model';
import { createDeployment } from '@/server/services/monitoring/deployments';
import { handleIngestion } from '@/server/http/ingest';
import { itemsIn } from '@/server/services/monitoring/batches';
import { ingestEvents } from '@/server/services/monitoring/ingest';
import { authenticateIngestionKey, createIngestionKey } from '@/server/services/monitoring/ingestion-keys';
import { keyContextFor } from '@/server/testing/fixtures';
import { tfjsModelFiles } from '@/server/testing/tfjs-fixture';
import { packedHex } from '@/server/db/packed';
import { env } from '@/server/env';

const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const BATCHES = Number(process.env.BENCH_BATCHES ?? 60);
const BATCH = 1000;
const FEATURES = 20;

const name = `modelgate_bench_${randomBytes(4).toString('hex')}`;
const admin = postgres(base, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${name}`);
const url = new URL(base);
url.pathname = `/${name}`;
const { db, client, close } = connect(url.toString(), { max: 10 });
const bus = createMemoryBus();

try {
  await runMigrations(db);
  const [row] = await db.insert(users).values({ email: 'bench@modelgate.local', name: 'Bench', roles: ['data_scientist', 'ops'] }).returning();
  if (!row) throw new Error('no user');
  const user: SessionUser = { id: row.id, email: row.email, name: row.name, roles: row.roles, sessionId: null };
  const ctx: ServiceContext = { db, bus, user, request: { requestId: 'bench', ip: null, userAgent: 'bench' } };
  const features = [
    ...Array.from({ length: 16 }, (_, i) => ({ name: `num_${i}`, type: 'numeric' as const, min: -10, max: 10, allowMissing: true })),
    ...Array.from({ length: 4 }, (_, i) => ({ name: `cat_${i}`, type: 'categorical' as const, categories: ['a', 'b', 'c', 'd'], allowMissing: true })),
  ];
  const model = await registerModel({ ctx, input: { name: 'Bench Ingest', ownerTeam: 'Bench', taskType: 'binary_classification', riskTier: 'low' } });
  await createVersion({ ctx, input: { modelId: model.id, files: tfjsModelFiles({ inputs: FEATURES }).files, metadata: { inputSchema: { features }, outputSchema: { target: 'y', classLabels: ['no', 'yes'], positiveClass: 'yes' } } } });
  const deployment = await createDeployment({ ctx, input: { modelId: model.id, environment: 'bench' } });
  const key = await createIngestionKey({ ctx, input: { deploymentId: deployment.id, name: 'bench' } });
  const principal = await authenticateIngestionKey(db, key.key);
  if (!principal) throw new Error('no key');

  let counter = 0;
  const batch = () =>
    Array.from({ length: BATCH }, () => {
      counter += 1;
      const f: Record<string, number | string> = {};
      for (let i = 0; i < 16; i++) f[`num_${i}`] = Math.round((Math.random() * 8 - 4) * 1e4) / 1e4;
      for (let i = 0; i < 4; i++) f[`cat_${i}`] = 'abcd'[Math.floor(Math.random() * 4)] as string;
      const p = Math.random();
      return { event_id: `evt-${counter}`, timestamp: new Date(Date.now() - Math.floor(Math.random() * 3_600_000)).toISOString(), features: f, prediction: p > 0.5 ? 'yes' : 'no', probabilities: [1 - p, p], latency_ms: 2 + Math.random() * 20, model_version: 1 };
    });

  async function run(inFlight: number) {
    const bodies = Array.from({ length: BATCHES }, () => ({ events: batch() }));
    const t0 = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (next < bodies.length) {
          const body = bodies[next++];
          const result = await ingestEvents({ ctx: keyContextFor(db, principal!, bus), input: body });
          if (result.accepted !== BATCH) throw new Error(`accepted ${result.accepted}: ${JSON.stringify(result.rejected[0])}`);
        }
      }),
    );
    return (BATCHES * BATCH) / ((performance.now() - t0) / 1000);
  }

  // The POST /api/v1/events handler itself (key lookup, body read and JSON.parse, rate check, the
  // service, the JSON answer) on request bodies as a client sends them; only Next.js's routing is left out.
  async function runHandler(inFlight: number) {
    const bodies = Array.from({ length: BATCHES }, () => JSON.stringify({ events: batch() }));
    const t0 = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (next < bodies.length) {
          const body = bodies[next++] as string;
          const req = new Request('http://localhost/api/v1/events', { method: 'POST', body, headers: { authorization: `Bearer ${key.key}`, 'content-type': 'application/json' } });
          const res = await handleIngestion(req, { db, bus }, ingestEvents, itemsIn('events'));
          const result = (await res.json()) as { accepted?: number };
          if (res.status !== 200 || result.accepted !== BATCH) throw new Error(`HTTP ${res.status}: ${JSON.stringify(result).slice(0, 300)}`);
        }
      }),
    );
    return (BATCHES * BATCH) / ((performance.now() - t0) / 1000);
  }

  await run(2); // warm-up
  // Three rounds each, the median reported (this machine's other work moves single runs by ±20 %).
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  const ones: number[] = [];
  const fours: number[] = [];
  const handlers: number[] = [];
  for (let round = 0; round < 3; round++) {
    ones.push(await run(1));
    fours.push(await run(4));
    handlers.push(await runHandler(4));
  }
  const one = median(ones);
  const four = median(fours);
  const handler = median(handlers);

  // The same kind of rows, COPY'd straight into the table (no checks, no ids, no aggregates).
  const rows: string[] = [];
  for (const b of Array.from({ length: BATCHES }, batch)) {
    for (const e of b) {
      const f = e.features;
      const num = `\\\\x${packedHex(Array.from({ length: 16 }, (_, i) => Number(f[`num_${i}`])))}`;
      const cat = `{${Array.from({ length: 4 }, (_, i) => f[`cat_${i}`]).join(',')}}`;
      rows.push([deployment.id, e.timestamp, `copy-${e.event_id}`, principal.deploymentId, num, cat, e.prediction, e.probabilities[1], `{${e.probabilities.join(',')}}`, e.latency_ms].join('\t'));
    }
  }
  const versionId = (await client`select id from model_versions where model_id = ${model.id}`)[0]?.id as string;
  const text = rows.map((r) => r.replace(principal.deploymentId, versionId)).join('\n') + '\n';
  const t0 = performance.now();
  const stream = await client`copy prediction_events (deployment_id, ts, event_id, version_id, numeric, categorical, prediction_label, prediction_value, probabilities, latency_ms) from stdin`.writable();
  await pipeline(Readable.from([text]), stream);
  const copyRate = rows.length / ((performance.now() - t0) / 1000);

  console.log(`ingestion, ${FEATURES}-feature events, batches of ${BATCH}, ${BATCHES} batches per run, real Postgres`);
  const runs = (xs: number[]) => `(runs ${xs.map((x) => x.toFixed(0)).join(' / ')})`;
  console.log(`  ingest service, 1 batch in flight   ${one.toFixed(0).padStart(8)} events/s median ${runs(ones)}`);
  console.log(`  ingest service, 4 batches in flight ${four.toFixed(0).padStart(8)} events/s median ${runs(fours)}`);
  console.log(`  POST handler, 4 batches in flight   ${handler.toFixed(0).padStart(8)} events/s median ${runs(handlers)}`);
  console.log(`  plain COPY of the same rows          ${copyRate.toFixed(0).padStart(8)} events/s`);
  console.log(`  ratio (4 in flight / COPY)           ${(four / copyRate).toFixed(2)}`);

  // Through HTTP: the handler behind a plain node:http server (Next.js's routing left out).
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const request = new Request(`http://localhost${req.url}`, { method: req.method, headers: req.headers as Record<string, string>, body: Buffer.concat(chunks) });
    const answer = await handleIngestion(request, { db, bus }, ingestEvents, itemsIn('events'));
    res.writeHead(answer.status, Object.fromEntries(answer.headers));
    res.end(Buffer.from(await answer.arrayBuffer()));
  });
  // Keep idle client sockets open across runs (Node's 5 s default closes them under a reusing client: ECONNRESET).
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/events`;
  const SWEEP_BATCHES = Number(process.env.BENCH_SWEEP_BATCHES ?? 128);
  async function sweep(concurrency: number) {
    const bodies = Array.from({ length: SWEEP_BATCHES }, () => JSON.stringify({ events: batch() }));
    const statuses = new Map<number, number>();
    const t0 = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < bodies.length) {
          const body = bodies[next++] as string;
          for (;;) {
            const res = await fetch(endpoint, { method: 'POST', body, headers: { authorization: `Bearer ${key.key}`, 'content-type': 'application/json' } });
            statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
            const answer = (await res.json()) as { accepted?: number };
            if (res.status === 200) {
              if (answer.accepted !== BATCH) throw new Error(`accepted ${answer.accepted}`);
              break;
            }
            if (res.status !== 503 && res.status !== 429) throw new Error(`HTTP ${res.status}: ${JSON.stringify(answer).slice(0, 300)}`);
            // Retry-After is whole seconds; a sender spreads its retries over that time.
            const after = Number(res.headers.get('retry-after') ?? 1);
            await new Promise((r) => setTimeout(r, after * 1000 * (0.05 + Math.random() * 0.25)));
          }
        }
      }),
    );
    return { rate: (SWEEP_BATCHES * BATCH) / ((performance.now() - t0) / 1000), statuses };
  }
  await sweep(4); // warm-up
  console.log(`  HTTP sweep, ${SWEEP_BATCHES} batches per run, INGEST_MAX_CONCURRENT=${env.INGEST_MAX_CONCURRENT} (median of 3; status counts of the median run)`);
  for (const concurrency of [4, 16, 64]) {
    const runs = [await sweep(concurrency), await sweep(concurrency), await sweep(concurrency)].sort((a, b) => a.rate - b.rate);
    const mid = runs[1] as (typeof runs)[number];
    const counts = [...mid.statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}: ${n}`).join(', ');
    console.log(`  HTTP, ${String(concurrency).padStart(2)} concurrent batches       ${mid.rate.toFixed(0).padStart(8)} events/s median (runs ${runs.map((r) => r.rate.toFixed(0)).join(' / ')}; ${counts})`);
  }
  await new Promise((r) => server.close(r));
} finally {
  await close();
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
}

// Catalog figures on a real Postgres, over HTTP against a running app instance:
//  1. search latency (p50/p95/p99) with 32 concurrent clients on 10,000 models and 100,000 versions;
//  2. upload throughput of a 50 MB TF.js model (MB/s).
// Usage: npm run bench:catalog   (creates and drops its own database; BENCH_DATABASE_URL to change server)
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { connect } from '@/server/db/connect';
import { runMigrations } from '@/server/db/migrate';
import { users } from '@/server/db/schema';
import { createMemoryBus } from '@/server/events/memory-bus';
import { createApiToken } from '@/server/services/api-tokens/tokens';
import { listModels } from '@/server/services/catalog/list-models';

const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PORT = Number(process.env.BENCH_PORT ?? 3195);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 32);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const WORDS = ['churn', 'credit', 'fraud', 'risk', 'uplift', 'demand', 'forecast', 'pricing', 'propensity', 'default', 'retention', 'anomaly'];

function randomQuery() {
  const p = new URLSearchParams({ q: WORDS[Math.floor(Math.random() * WORDS.length)] ?? 'churn' });
  const r = Math.random();
  if (r < 0.3) p.set('riskTier', 'high');
  else if (r < 0.5) p.set('alias', 'champion');
  else if (r < 0.6) p.set('tag', 'tier:t2');
  if (Math.random() < 0.3) p.set('page', String(1 + Math.floor(Math.random() * 5)));
  if (Math.random() < 0.2) p.delete('q');
  return p;
}

const queryInput = (p: URLSearchParams) => ({ ...Object.fromEntries(p), page: p.get('page') ? Number(p.get('page')) : undefined });

/** `clients` callers each running `once` back to back for `seconds`: every call's latency, and how many answered wrong. */
async function closedLoop(clients: number, seconds: number, once: () => Promise<boolean>) {
  const latencies: number[] = [];
  let errors = 0;
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (Date.now() < until) {
        const s = performance.now();
        if (!(await once())) errors++;
        latencies.push(performance.now() - s);
      }
    }),
  );
  return { latencies, errors };
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;

const name = `modelgate_bench_catalog_${randomBytes(3).toString('hex')}`;
const admin = postgres(base, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${name}`);
const url = new URL(base);
url.pathname = `/${name}`;
const { db, close } = connect(url.toString(), { max: 4 });
let app: ReturnType<typeof spawn> | null = null;

try {
  await runMigrations(db);
  const [user] = await db.insert(users).values({ email: 'bench@modelgate.local', name: 'Bench Scientist', roles: ['data_scientist'] }).returning();
  if (!user) throw new Error('no user');
  const t0 = performance.now();
  await db.execute(sql`
    insert into registered_models (name, name_key, description, owner_team, task_type, risk_tier, tags, latest_version, created_by, updated_at)
    select
      initcap(w1) || ' ' || initcap(w2) || ' ' || g,
      lower(initcap(w1) || ' ' || initcap(w2) || ' ' || g),
      'Predicts ' || w2 || ' for the ' || w1 || ' portfolio. Trained monthly on warehouse extracts; see the model card.',
      'Team ' || (g % 40),
      (array['binary_classification','multiclass_classification','regression'])[1 + g % 3],
      (array['low','medium','high'])[1 + g % 3],
      jsonb_build_array(jsonb_build_object('key', 'domain', 'value', w1), jsonb_build_object('key', 'tier', 'value', 't' || (g % 5))),
      10, ${user.id}, now() - (g || ' minutes')::interval
    from generate_series(1, 10000) g,
      lateral (select (array[${sql.raw(WORDS.map((w) => `'${w}'`).join(','))}])[1 + g % 12] as w1,
                      (array[${sql.raw(WORDS.map((w) => `'${w}'`).join(','))}])[1 + (g / 12) % 12] as w2) words`);
  await db.execute(sql`
    insert into model_versions (model_id, version, format, content_digest, total_bytes, metrics, created_by)
    select m.id, v, 'layers-model', md5(m.id::text || v) || md5(v::text || m.id::text), 1024 * v, jsonb_build_object('auc', 0.7 + v / 100.0), ${user.id}
    from registered_models m, generate_series(1, 10) v`);
  await db.execute(sql`
    insert into aliases (model_id, name, version_id, protected, updated_by)
    select v.model_id, 'champion', v.id, false, ${user.id} from model_versions v where v.version = 10 and hashtext(v.model_id::text) % 4 = 0`);
  await db.execute(sql`analyze`);
  console.log(`seeded 10,000 models and 100,000 versions in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const ctx = { db, bus: createMemoryBus(), user: { id: user.id, email: user.email, name: user.name, roles: user.roles, sessionId: null }, request: { requestId: 'bench', ip: null, userAgent: 'bench' } };
  const { token } = await createApiToken({ ctx, input: { name: 'bench' } });

  // The service verb alone (database + service code, no HTTP), with the app's pool size.
  {
    const inProcess = connect(url.toString(), { max: 16 });
    const serviceCtx = { ...ctx, db: inProcess.db };
    const { latencies } = await closedLoop(CLIENTS, 10, async () => !!(await listModels({ ctx: serviceCtx, input: queryInput(randomQuery()) })));
    await inProcess.close();
    console.log(`catalog search in process (service verb), ${CLIENTS} concurrent callers for 10 s: ${(latencies.length / 10).toFixed(0)}/s, p50 ${pct(latencies, 50).toFixed(1)} ms   p95 ${pct(latencies, 95).toFixed(1)} ms`);
  }

  app = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', '--conditions=react-server', 'scripts/start.ts'], {
    env: { ...process.env, PORT: String(PORT), DATABASE_URL: url.toString(), MODELGATE_SEED: '0', DATABASE_POOL_MAX: '16' },
    stdio: 'ignore',
    detached: true,
  });
  const origin = `http://localhost:${PORT}`;
  for (let i = 0; ; i++) {
    if ((await fetch(`${origin}/sign-in`).catch(() => null))?.ok) break;
    if (i > 600) throw new Error('app did not start');
    await new Promise((r) => setTimeout(r, 500));
  }
  const headers = { authorization: `Bearer ${token}` };

  for (let i = 0; i < 50; i++) await fetch(`${origin}/api/v1/models?${randomQuery()}`, { headers }).then((r) => r.arrayBuffer());

  // What this process (the load generator, on the same two cores) spends per request is printed
  // with each run, so its share of the machine can be read off.
  const clientCpuPerRequest = (since: NodeJS.CpuUsage, requests: number) => {
    const used = process.cpuUsage(since);
    return ((used.user + used.system) / 1000 / requests).toFixed(2);
  };
  const cpu = process.cpuUsage();
  const { latencies, errors } = await closedLoop(CLIENTS, SECONDS, async () => {
    const res = await fetch(`${origin}/api/v1/models?${randomQuery()}`, { headers });
    await res.arrayBuffer();
    return res.ok;
  });
  console.log(`catalog search over HTTP, ${CLIENTS} concurrent clients for ${SECONDS} s: ${latencies.length} requests (${(latencies.length / SECONDS).toFixed(0)}/s), ${errors} errors, client CPU ${clientCpuPerRequest(cpu, latencies.length)} ms a request`);
  console.log(`  latency p50 ${pct(latencies, 50).toFixed(1)} ms   p95 ${pct(latencies, 95).toFixed(1)} ms   p99 ${pct(latencies, 99).toFixed(1)} ms   (target p95 <= 50 ms)`);

  // The same without gzip: fetch asks for it and the app (Next.js) compresses each JSON answer on
  // its one event loop; a client that does not ask (curl, most CI scripts) gets plain JSON.
  {
    const plainCpu = process.cpuUsage();
    const { latencies: plain, errors: failed } = await closedLoop(CLIENTS, SECONDS, async () => {
      const res = await fetch(`${origin}/api/v1/models?${randomQuery()}`, { headers: { ...headers, 'accept-encoding': 'identity' } });
      await res.arrayBuffer();
      return res.ok && !res.headers.get('content-encoding');
    });
    console.log(`  uncompressed answers: ${(plain.length / SECONDS).toFixed(0)}/s, p50 ${pct(plain, 50).toFixed(1)} ms   p95 ${pct(plain, 95).toFixed(1)} ms   p99 ${pct(plain, 99).toFixed(1)} ms, ${failed} errors, client CPU ${clientCpuPerRequest(plainCpu, plain.length)} ms a request`);
  }

  // The floor under any API call on this machine: the same clients asking for a model that does not
  // exist (token check, one indexed lookup, a 404), so what search itself adds can be read off.
  {
    const { latencies: floor, errors: wrong } = await closedLoop(CLIENTS, 10, async () => {
      const res = await fetch(`${origin}/api/v1/models/00000000-0000-4000-8000-000000000000`, { headers });
      await res.arrayBuffer();
      return res.status === 404;
    });
    console.log(`  floor (same clients, GET of an unknown model: token check + one lookup + 404): ${(floor.length / 10).toFixed(0)}/s, p50 ${pct(floor, 50).toFixed(1)} ms   p95 ${pct(floor, 95).toFixed(1)} ms, ${wrong} answers other than 404`);
  }

  // Upload: a 50 MB weight shard behind a valid model.json, fresh bytes each run (no dedup shortcut).
  const created = await fetch(`${origin}/api/v1/models`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Upload Bench', ownerTeam: 'Bench', taskType: 'regression', riskTier: 'low' }),
  }).then((r) => r.json() as Promise<{ id: string }>);
  const rows = 3125;
  const cols = 4000; // 3125 x 4000 float32 = 50,000,000 bytes
  for (let run = 1; run <= 3; run++) {
    const weights = new Uint8Array(rows * cols * 4);
    for (let i = 0; i < weights.length; i += 4096) weights[i] = (i + run) % 251;
    const modelJson = {
      format: 'layers-model',
      generatedBy: 'bench',
      convertedBy: null,
      modelTopology: { class_name: 'Sequential', config: { name: 's', layers: [{ class_name: 'Dense', config: { name: 'd', units: cols, batch_input_shape: [null, rows] } }] } },
      weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: [{ name: 'd/kernel', shape: [rows, cols], dtype: 'float32' }] }],
    };
    const form = new FormData();
    form.append('files', new Blob([JSON.stringify(modelJson)], { type: 'application/json' }), 'model.json');
    form.append('files', new Blob([weights]), 'group1-shard1of1.bin');
    form.append('metadata', JSON.stringify({ outputSchema: { target: 'y' } }));
    const s = performance.now();
    const res = await fetch(`${origin}/api/v1/models/${created.id}/versions`, { method: 'POST', headers, body: form });
    const body = await res.text();
    const seconds = (performance.now() - s) / 1000;
    if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${body}`);
    console.log(`upload run ${run}: 50.0 MB in ${seconds.toFixed(2)} s = ${(50 / seconds).toFixed(1)} MB/s (validated, hashed, stored in Postgres)`);
  }
} finally {
  if (app?.pid) process.kill(-app.pid, 'SIGTERM');
  await new Promise((r) => setTimeout(r, 1500));
  await close();
  if (process.env.BENCH_KEEP) console.log(`kept database ${name}`);
  else await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
}

// Drift report time on a real Postgres (BENCH_DATABASE_URL, default the local server): a deployment
// window of 100,000 and 1,000,000 events × 20 numeric features against a 5,000-row reference
// dataset, end to end (read the window from the partitioned events table, Evidently's default
// statistics per feature, dataset drift). Measured three ways in one run:
// - through the front door: the built app started on this database (npm start), timing
//   GET /api/v1/deployments/{id}/drift with an ingestion key (what machines and the API ask) and the
//   Drift tab's own tRPC query over HTTP with a signed-in session (histograms, 24 time buckets);
// - in process: the same computeDrift, with the time of each phase;
// - scipy (bench/drift_scipy.py) computing the same statistics on the same values, and the ratio.
// The window reader the app used is printed from the response and must be the COPY reader here.
// Usage: BENCH_SIZES=100000,1000000 BENCH_RUNS=3 BENCH_PORT=4117 npm run bench:drift-report
// (creates and drops its own database, kept with BENCH_KEEP_DATABASE=1; builds the app first if the build is stale)
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import postgres from 'postgres';
import seedrandom from 'seedrandom';
import { connect } from '@/server/db/connect';
import { runMigrations } from '@/server/db/migrate';
import { alertRules, predictionMinutes } from '@/server/db/schema';
import { createMemoryBus } from '@/server/events/memory-bus';
import type { ServiceContext, SessionUser } from '@/server/services/context';
import { createVersion } from '@/server/services/catalog/create-version';
import { registerModel } from '@/server/services/catalog/register-model';
import { createDeployment } from '@/server/services/monitoring/deployments';
import { createIngestionKey } from '@/server/services/monitoring/ingestion-keys';
import { createUserWithSession } from '@/server/testing/fixtures';
import { computeDrift, type DriftTimings } from '@/server/services/monitoring/drift';
import { ensureEventPartitions } from '@/server/services/monitoring/partitions';
import { packedHex } from '@/server/db/packed';
import { tfjsModelFiles } from '@/server/testing/tfjs-fixture';

const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const FEATURES = 20;
const REFERENCE = 5000;
const SIZES = (process.env.BENCH_SIZES ?? '100000,1000000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PORT = Number(process.env.BENCH_PORT ?? 4117);
const ORIGIN = `http://localhost:${PORT}`;
const PASSWORD = 'bench-drift-password-2026';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const ms = (xs: number[]) => `${median(xs).toFixed(0)} ms`;
const hasScipy = spawnSync('python3', ['-c', 'import scipy, numpy'], { stdio: 'ignore' }).status === 0;
const scratch = mkdtempSync(path.join(tmpdir(), 'modelgate-drift-bench-'));

/** Cookies of a next-auth credentials sign-in, as a browser would hold them. */
async function signIn(email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => res.headers.getSetCookie().forEach((c) => {
    const [pair] = c.split(';');
    const at = pair?.indexOf('=') ?? -1;
    if (pair && at > 0) jar.set(pair.slice(0, at), pair.slice(at + 1));
  });
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const csrf = await fetch(`${ORIGIN}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${ORIGIN}/api/auth/callback/credentials`, { method: 'POST', redirect: 'manual', headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ csrfToken, email, password, json: 'true', callbackUrl: '/' }) });
  keep(res);
  const session = (await (await fetch(`${ORIGIN}/api/auth/session`, { headers: { cookie: cookie() } })).json()) as { user?: { email?: string } };
  if (session.user?.email !== email) throw new Error('bench sign-in failed');
  return cookie();
}

/** Starts the built app on the bench database (the real start path), resolved once it answers. */
async function startApp(databaseUrl: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=react-server', 'scripts/start.ts'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(PORT), MODELGATE_SEED: '0', MODELGATE_SIMULATE: '0', NEXTAUTH_URL: ORIGIN },
  });
  child.stdout?.resume();
  for (let waited = 0; ; waited += 1000) {
    if (child.exitCode !== null) throw new Error(`the app exited (${child.exitCode})`);
    const ok = await fetch(`${ORIGIN}/sign-in`).then((r) => r.ok, () => false);
    if (ok) return child;
    if (waited > 900_000) throw new Error('the app did not start in 15 minutes');
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** Median wall time of `runs` calls after one warm-up call, and the last answer. */
async function timed<T>(runs: number, call: () => Promise<T>): Promise<{ times: number[]; last: T }> {
  let last = await call();
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    last = await call();
    times.push(performance.now() - t0);
  }
  return { times, last };
}

async function getJson(url: string, headers: Record<string, string>): Promise<Record<string, unknown>> {
  const res = await fetch(url, { headers });
  const body = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${url.split('?')[0]}: HTTP ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
  return body;
}

const name = `modelgate_bench_${randomBytes(4).toString('hex')}`;
const admin = postgres(base, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${name}`);
const url = new URL(base);
url.pathname = `/${name}`;
const { db, client, close } = connect(url.toString(), { max: 10 });
let app: ReturnType<typeof spawn> | null = null;
const random = seedrandom('drift-report');
const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

try {
  await runMigrations(db);
  const user: SessionUser = await createUserWithSession(db, ['data_scientist', 'ops'], { email: 'bench@modelgate.local', name: 'Bench', password: PASSWORD });
  const ctx: ServiceContext = { db, bus: createMemoryBus(), user, request: { requestId: 'bench', ip: null, userAgent: 'bench' } };
  const names = Array.from({ length: FEATURES }, (_, i) => `f${i}`);
  const referenceValues = new Float64Array(REFERENCE * FEATURES).map(() => Number(gauss().toFixed(5)));
  const csv = [[...names, 'y'].join(','), ...Array.from({ length: REFERENCE }, (_, r) => [...names.map((_, f) => String(referenceValues[r * FEATURES + f])), random() < 0.2 ? 'yes' : 'no'].join(','))].join('\n');
  writeFileSync(path.join(scratch, 'reference.f64'), new Uint8Array(referenceValues.buffer));
  const model = await registerModel({ ctx, input: { name: 'Bench Drift', ownerTeam: 'Bench', taskType: 'binary_classification', riskTier: 'low' } });
  const version = await createVersion({
    ctx,
    input: {
      modelId: model.id,
      files: tfjsModelFiles({ inputs: FEATURES }).files,
      metadata: { inputSchema: { features: names.map((n) => ({ name: n, type: 'numeric' as const, allowMissing: true })) }, outputSchema: { target: 'y', classLabels: ['no', 'yes'] } },
      referenceDataset: { name: 'reference.csv', bytes: new TextEncoder().encode(csv) },
    },
  });
  const deployment = await createDeployment({ ctx, input: { modelId: model.id, environment: 'bench' } });
  const versionId = (await client`select id from model_versions where model_id = ${model.id} and version = ${version.version}`)[0]?.id as string;
  // The app's alert worker would compute this deployment's drift every 30 s during the runs.
  await db.update(alertRules).set({ enabled: false });
  const { key } = await createIngestionKey({ ctx, input: { deploymentId: deployment.id, name: 'bench', scopes: ['read'] } });
  app = await startApp(url.toString());
  const cookie = await signIn(user.email, PASSWORD);

  console.log(`drift report, ${FEATURES} numeric features, reference ${REFERENCE} rows (Wasserstein by default), real Postgres, app on ${ORIGIN}`);
  let loaded = 0;
  const end = Date.now();
  const windowValues = new Float64Array(Math.max(...SIZES) * FEATURES);
  for (const size of SIZES) {
    // Events spread over the hour before `end`; half the features shifted by 0.3 sd.
    const from = new Date(end - 3_600_000);
    await ensureEventPartitions(db, [from, new Date(end)]);
    const lines: string[] = [];
    for (let i = loaded; i < size; i++) {
      const ts = new Date(from.getTime() + Math.floor(random() * 3_600_000)).toISOString();
      const values = names.map((_, f) => Number((gauss() + (f % 2 ? 0.3 : 0)).toFixed(5)));
      windowValues.set(values, i * FEATURES);
      lines.push(`${deployment.id}\t${ts}\tevt-${i}\t${versionId}\t\\\\x${packedHex(values)}\t{}\tno\t0.2\t\\N\t5`);
      if (lines.length === 100_000 || i === size - 1) {
        const stream = await client`copy prediction_events (deployment_id, ts, event_id, version_id, numeric, categorical, prediction_label, prediction_value, probabilities, latency_ms) from stdin`.writable();
        await pipeline(Readable.from([`${lines.join('\n')}\n`]), stream);
        lines.length = 0;
      }
    }
    loaded = size;
    await db.delete(predictionMinutes);
    await db.insert(predictionMinutes).values({ deploymentId: deployment.id, versionId, bucket: new Date(end - 1_800_000), count: size, latencyCount: 0, latencySum: 0, latencyBuckets: [], predictions: {}, predictionSum: 0, missing: [], outOfRange: [], unknownCategory: [], typeErrors: 0 });
    await client`vacuum analyze prediction_events`;
    const to = new Date(end + 1);
    const window = `from=${from.toISOString()}&to=${to.toISOString()}`;
    console.log(`  ${size.toLocaleString('en')} events`);

    // Through the front door: the REST read with the deployment's key, and the Drift tab's query.
    const rest = await timed(RUNS, () => getJson(`${ORIGIN}/api/v1/deployments/${deployment.id}/drift?${window}`, { authorization: `Bearer ${key}` }));
    const restReport = rest.last as { window_reader?: string; statistics_threads?: number; current_rows?: number; share_drifted?: number; features?: { statistic: number | null }[] };
    if (restReport.window_reader !== 'copy') throw new Error(`the app read the window with ${restReport.window_reader}, not the COPY reader`);
    const trpcInput = encodeURIComponent(JSON.stringify({ json: { deploymentId: deployment.id, from: from.toISOString(), to: to.toISOString(), buckets: 24 } }));
    const tab = await timed(RUNS, () => getJson(`${ORIGIN}/api/trpc/monitoring.drift?input=${trpcInput}`, { cookie }));
    const tabReport = (tab.last as { result?: { data?: { json?: { reader?: string; statisticsThreads?: number; currentRows?: number } } } }).result?.data?.json;
    console.log(`    HTTP  GET /api/v1/deployments/{id}/drift : median ${ms(rest.times)} (runs ${rest.times.map((t) => t.toFixed(0)).join(', ')}); reader ${restReport.window_reader}, statistics threads ${restReport.statistics_threads}, rows ${restReport.current_rows}, share drifted ${restReport.share_drifted}`);
    console.log(`    HTTP  Drift tab (tRPC, 24 buckets)       : median ${ms(tab.times)} (runs ${tab.times.map((t) => t.toFixed(0)).join(', ')}); reader ${tabReport?.reader}, statistics threads ${tabReport?.statisticsThreads}, rows ${tabReport?.currentRows}`);

    // In process: the API's report and the UI's, with the time of each phase.
    for (const [label, options] of [
      ['api (no buckets)', { buckets: 0, histograms: false }],
      ['ui (24 buckets)', { buckets: 24, histograms: true }],
    ] as const) {
      const runs: { total: number; timings: DriftTimings }[] = [];
      let report: Awaited<ReturnType<typeof computeDrift>> | null = null;
      for (let r = 0; r < RUNS + 1; r++) {
        const timings: DriftTimings = { readWindow: 0, features: 0, series: 0 };
        const t0 = performance.now();
        report = await computeDrift(db, { deploymentId: deployment.id, from, to, ...options, timings });
        if (r > 0) runs.push({ total: performance.now() - t0, timings }); // the first run parses the reference (cached after)
      }
      console.log(
        `    in process, ${label.padEnd(17)}         : median ${ms(runs.map((r) => r.total))} (runs ${runs.map((r) => r.total.toFixed(0)).join(', ')}); ` +
          `read window ${ms(runs.map((r) => r.timings.readWindow))}, per-feature stats ${ms(runs.map((r) => r.timings.features))}, time series ${ms(runs.map((r) => r.timings.series))}; ` +
          `reader ${report?.reader}, threads ${report?.statisticsThreads}, drifted ${report?.dataset?.driftedCount}/${report?.dataset?.featureCount}, method ${report?.features[0]?.method}`,
      );
    }

    // scipy on the same values, in the same run.
    if (!hasScipy) {
      console.log('    scipy: python3 with numpy and scipy not found; no ratio');
      continue;
    }
    writeFileSync(path.join(scratch, 'window.f64'), new Uint8Array(windowValues.buffer, 0, size * FEATURES * 8));
    const py = spawnSync('python3', ['bench/drift_scipy.py', path.join(scratch, 'reference.f64'), path.join(scratch, 'window.f64'), String(FEATURES), String(RUNS)], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (py.status !== 0) throw new Error(`scipy failed: ${py.stderr}`);
    const scipy = JSON.parse(py.stdout) as { seconds: number[]; statistics: number[] };
    const scipyMs = scipy.seconds.map((x) => x * 1000);
    const worst = Math.max(...scipy.statistics.map((x, f) => Math.abs(((restReport.features?.[f]?.statistic ?? NaN) - x) / x)));
    console.log(`    scipy (same statistics, same values)     : median ${ms(scipyMs)} (runs ${scipyMs.map((t) => t.toFixed(0)).join(', ')}); largest relative difference from the API's statistics ${worst.toExponential(1)}`);
    console.log(`    scipy / HTTP API: ${(median(scipyMs) / median(rest.times)).toFixed(1)}x; scipy / HTTP Drift tab: ${(median(scipyMs) / median(tab.times)).toFixed(1)}x`);
  }
} finally {
  app?.kill('SIGTERM');
  rmSync(scratch, { recursive: true, force: true });
  await close();
  if (process.env.BENCH_KEEP_DATABASE === '1') console.log(`kept database ${name}`);
  else await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
}

// Drift report time on a real Postgres (BENCH_DATABASE_URL, default the local server): a deployment
// window of 100,000 and 1,000,000 events × 20 numeric features against a 5,000-row reference
// dataset, end to end (read the window from the partitioned events table, Evidently's default
// statistics per feature, dataset drift), as the API and alerts ask for it (no time buckets) and as
// the UI does (histograms, drift over 24 time buckets), with the time of each phase.
// Usage: BENCH_SIZES=100000,1000000 BENCH_RUNS=3 npm run bench:drift-report   (creates and drops its own database)
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import postgres from 'postgres';
import seedrandom from 'seedrandom';
import { connect } from '@/server/db/connect';
import { runMigrations } from '@/server/db/migrate';
import { predictionMinutes, users } from '@/server/db/schema';
import { createMemoryBus } from '@/server/events/memory-bus';
import type { ServiceContext, SessionUser } from '@/server/services/context';
import { createVersion } from '@/server/services/catalog/create-version';
import { registerModel } from '@/server/services/catalog/register-model';
import { createDeployment } from '@/server/services/monitoring/deployments';
import { computeDrift, type DriftTimings } from '@/server/services/monitoring/drift';
import { ensureEventPartitions } from '@/server/services/monitoring/partitions';
import { packedHex } from '@/server/db/packed';
import { tfjsModelFiles } from '@/server/testing/tfjs-fixture';

const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const FEATURES = 20;
const REFERENCE = 5000;
const SIZES = (process.env.BENCH_SIZES ?? '100000,1000000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

const name = `modelgate_bench_${randomBytes(4).toString('hex')}`;
const admin = postgres(base, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${name}`);
const url = new URL(base);
url.pathname = `/${name}`;
const { db, client, close } = connect(url.toString(), { max: 10 });
const random = seedrandom('drift-report');
const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

try {
  await runMigrations(db);
  const [row] = await db.insert(users).values({ email: 'bench@modelgate.local', name: 'Bench', roles: ['data_scientist', 'ops'] }).returning();
  if (!row) throw new Error('no user');
  const user: SessionUser = { id: row.id, email: row.email, name: row.name, roles: row.roles, sessionId: null };
  const ctx: ServiceContext = { db, bus: createMemoryBus(), user, request: { requestId: 'bench', ip: null, userAgent: 'bench' } };
  const names = Array.from({ length: FEATURES }, (_, i) => `f${i}`);
  const csv = [[...names, 'y'].join(','), ...Array.from({ length: REFERENCE }, () => [...names.map(() => gauss().toFixed(5)), random() < 0.2 ? 'yes' : 'no'].join(','))].join('\n');
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

  console.log(`drift report, ${FEATURES} numeric features, reference ${REFERENCE} rows (Wasserstein by default), real Postgres`);
  let loaded = 0;
  const end = Date.now();
  for (const size of SIZES) {
    // Events spread over the hour before `end`; half the features shifted by 0.3 sd.
    const from = new Date(end - 3_600_000);
    await ensureEventPartitions(db, [from, new Date(end)]);
    const lines: string[] = [];
    for (let i = loaded; i < size; i++) {
      const ts = new Date(from.getTime() + Math.floor(random() * 3_600_000)).toISOString();
      const values = names.map((_, f) => Number((gauss() + (f % 2 ? 0.3 : 0)).toFixed(5)));
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
    // The API and alert report (no time buckets, no histograms) and the UI's (24 buckets, histograms).
    for (const [label, options] of [
      ['api/alerts (buckets 0)', { buckets: 0, histograms: false }],
      ['ui (24 buckets)', { buckets: 24, histograms: true }],
    ] as const) {
      const runs: { total: number; timings: DriftTimings }[] = [];
      let report: Awaited<ReturnType<typeof computeDrift>> | null = null;
      for (let r = 0; r < RUNS + 1; r++) {
        const timings: DriftTimings = { readWindow: 0, features: 0, series: 0 };
        const t0 = performance.now();
        report = await computeDrift(db, { deploymentId: deployment.id, from, to: new Date(end + 1), ...options, timings });
        if (r > 0) runs.push({ total: performance.now() - t0, timings }); // the first run parses the reference (cached after)
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
      const ms = (xs: number[]) => `${median(xs).toFixed(0)} ms`;
      console.log(
        `  ${String(size).padStart(9)} events, ${label.padEnd(22)}: median ${ms(runs.map((r) => r.total))} (runs: ${runs.map((r) => r.total.toFixed(0)).join(', ')}); ` +
          `read window ${ms(runs.map((r) => r.timings.readWindow))}, per-feature stats ${ms(runs.map((r) => r.timings.features))}, time series ${ms(runs.map((r) => r.timings.series))}; ` +
          `rows ${report?.currentRows}, drifted ${report?.dataset?.driftedCount}/${report?.dataset?.featureCount}, method ${report?.features[0]?.method}`,
      );
    }
  }
} finally {
  await close();
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
}

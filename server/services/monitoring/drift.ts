// Drift of a deployment's window against the serving version's reference dataset, per feature with
// Evidently's default statistics (lib/drift), plus dataset drift, reference vs current histograms,
// and drift per feature over time for the heat-map.
import 'server-only';
import { and, desc, eq, gte, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { parseCsv, parseNumber, isMissing } from '@/lib/datasets/csv';
import { datasetDrift, featureDrift, prepareNumeric, type DriftMethod, type FeatureDriftResult, type NumericSample } from '@/lib/drift';
import { sturgesEdgesOf } from '@/lib/drift/shares';
import { layoutOf, type Layout } from '@/lib/monitoring/events';
import type { InputSchema } from '@/lib/validation/catalog';
import { postgresArtifactStore, readAll } from '@/server/artifacts/store';
import { withSideConnection, type DbOrTx } from '@/server/db/connect';
import { datasets, modelVersions, predictionMinutes } from '@/server/db/schema';
import { ConflictError, ValidationError } from '@/server/errors';
import { requireRole } from '../authorize';
import type { VerbArgs } from '../context';
import { parseInput } from '../validate';
import { MONITORING_READERS } from './access';
import { findDeployment } from './deployments';
import { copyWindow } from './window-copy';

export const driftWindowSchema = z
  .object({
    deploymentId: z.string().uuid(),
    from: z.coerce.date(),
    to: z.coerce.date(),
    /** Dataset drift: the share of drifted features that counts as drift. */
    shareThreshold: z.number().gt(0).max(1).default(0.5),
    /** Time buckets for drift over time (0 = none). */
    buckets: z.number().int().min(0).max(96).default(0),
  })
  .refine((w) => w.from < w.to, { message: '“from” must be before “to”.', path: ['from'] });

type Reference = { rows: number; numeric: Map<string, NumericSample>; categorical: Map<string, (string | null)[]> };

// Reference datasets are immutable (content-addressed): parse each once per process.
const references = new Map<string, Promise<Reference>>();

async function referenceOf(db: DbOrTx, datasetId: string, layout: Layout): Promise<Reference> {
  const [dataset] = await db.select({ sha256: datasets.sha256 }).from(datasets).where(eq(datasets.id, datasetId));
  if (!dataset) throw new ConflictError('The version’s reference dataset is missing.');
  const key = `${dataset.sha256}|${layout.numeric.map((f) => f.name).join(',')}|${layout.categorical.map((f) => f.name).join(',')}`;
  let ref = references.get(key);
  if (!ref) {
    ref = (async () => {
      const opened = await postgresArtifactStore(db).open(dataset.sha256);
      if (!opened) throw new ConflictError('The stored bytes of the reference dataset are missing.');
      const { header, rows } = parseCsv(new TextDecoder().decode(await readAll(opened.stream)));
      const numeric = new Map<string, NumericSample>();
      const categorical = new Map<string, (string | null)[]>();
      for (const f of layout.numeric) {
        const i = header.indexOf(f.name);
        if (i < 0) continue;
        numeric.set(f.name, prepareNumeric(Float64Array.from(rows, (r) => parseNumber(r[i] ?? '') ?? NaN)));
      }
      for (const f of layout.categorical) {
        const i = header.indexOf(f.name);
        if (i < 0) continue;
        categorical.set(f.name, rows.map((r) => (isMissing(r[i] ?? '') ? null : (r[i] ?? '').trim())));
      }
      return { rows: rows.length, numeric, categorical };
    })();
    ref.catch(() => references.delete(key));
    references.set(key, ref);
    if (references.size > 32) references.delete(references.keys().next().value as string);
  }
  return ref;
}

type Window = { count: number; ts: Float64Array; numeric: Float64Array[]; categorical: (string | null)[][] };

/**
 * The window's feature values, one array per feature: on real Postgres a binary COPY on a
 * connection of its own (a million 20-feature events in about a second), otherwise (embedded
 * PGlite, or inside a transaction) one float8[] per feature through array_agg.
 */
async function windowOf(db: DbOrTx, deploymentId: string, versionId: string, layout: Layout, from: Date, to: Date, expected: number): Promise<Window> {
  try {
    const copied = await withSideConnection(db, (side) => copyWindow(side, { deploymentId, versionId, from, to, numeric: layout.numeric.length, categorical: layout.categorical.length, expected }));
    if (copied) return copied;
  } catch (err) {
    console.warn('[drift] binary COPY failed, reading arrays instead:', err instanceof Error ? err.message : err);
  }
  return windowByArrays(db, deploymentId, versionId, layout, from, to);
}

/** The same columns through array_agg: one float8[] per feature (all aggregates of one scan see rows in the same order). */
async function windowByArrays(db: DbOrTx, deploymentId: string, versionId: string, layout: Layout, from: Date, to: Date): Promise<Window> {
  const numericCols = layout.numeric.map((_, i) => sql`array_agg(numeric[${sql.raw(String(i + 1))}])`);
  const categoricalCols = layout.categorical.map((_, i) => sql`array_agg(categorical[${sql.raw(String(i + 1))}])`);
  const cols = [sql`count(*)::int`, sql`array_agg((extract(epoch from ts) * 1000)::float8)`, ...numericCols, ...categoricalCols];
  const named = cols.map((c, i) => sql`${c} as ${sql.raw(`c${i}`)}`);
  const rows = await db.execute<Record<string, unknown>>(
    sql`select ${sql.join(named, sql`, `)} from prediction_events where deployment_id = ${deploymentId} and version_id = ${versionId} and ts >= ${from.toISOString()} and ts < ${to.toISOString()}`,
  );
  const row = (rows[0] ?? {}) as Record<string, unknown>;
  const values = cols.map((_, i) => row[`c${i}`]);
  const count = Number(values[0] ?? 0);
  const asNumbers = (v: unknown) => Float64Array.from((v as (number | string | null)[] | null) ?? [], (x) => (x === null ? NaN : Number(x)));
  return {
    count,
    ts: asNumbers(values[1]),
    numeric: layout.numeric.map((_, i) => asNumbers(values[2 + i])),
    categorical: layout.categorical.map((_, i) => ((values[2 + layout.numeric.length + i] as (string | null)[] | null) ?? [])),
  };
}

export type FeatureReport = FeatureDriftResult & {
  feature: string;
  histogram: { bins: string[]; reference: number[]; current: number[] };
};

function numericHistogram(ref: NumericSample, cur: Float64Array): FeatureReport['histogram'] {
  const present = cur.filter((x) => !Number.isNaN(x));
  if (ref.sorted.length === 0 && present.length === 0) return { bins: [], reference: [], current: [] };
  const edges = sturgesEdgesOf(ref.sorted, present);
  const shares = (values: Float64Array) => {
    const counts = new Array<number>(Math.max(0, edges.length - 1)).fill(0);
    const last = edges.length - 2;
    for (const v of values) {
      let lo = 0;
      let hi = last;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((edges[mid] ?? Infinity) <= v) lo = mid;
        else hi = mid - 1;
      }
      counts[lo] = (counts[lo] ?? 0) + 1;
    }
    return counts.map((c) => (values.length ? c / values.length : 0));
  };
  const fmt = (x: number) => Number(x.toPrecision(3)).toString();
  return { bins: Array.from({ length: edges.length - 1 }, (_, i) => `${fmt(edges[i] ?? 0)}–${fmt(edges[i + 1] ?? 0)}`), reference: shares(ref.sorted), current: shares(present) };
}

function categoricalHistogram(ref: (string | null)[], cur: (string | null)[]): FeatureReport['histogram'] {
  const count = (values: (string | null)[]) => {
    const m = new Map<string, number>();
    let n = 0;
    for (const v of values) if (v !== null) (m.set(v, (m.get(v) ?? 0) + 1), n++);
    return { m, n };
  };
  const r = count(ref);
  const c = count(cur);
  const bins = [...new Set([...r.m.keys(), ...c.m.keys()])].sort();
  return { bins, reference: bins.map((b) => (r.n ? (r.m.get(b) ?? 0) / r.n : 0)), current: bins.map((b) => (c.n ? (c.m.get(b) ?? 0) / c.n : 0)) };
}

/** A method and threshold for a feature that override the defaults (from an alert rule). */
export type DriftOverrides = (feature: string) => { method?: DriftMethod; threshold?: number } | undefined;

function driftOfWindow(reference: Reference, layout: Layout, window: Pick<Window, 'numeric' | 'categorical'>, overrides: DriftOverrides, withHistograms: boolean): FeatureReport[] {
  const out: FeatureReport[] = [];
  layout.numeric.forEach((f, i) => {
    const ref = reference.numeric.get(f.name);
    const cur = window.numeric[i];
    if (!ref || !cur) return;
    const result = featureDrift(ref, cur, { type: 'numeric', ...overrides(f.name) });
    out.push({ ...result, feature: f.name, histogram: withHistograms ? numericHistogram(ref, cur) : { bins: [], reference: [], current: [] } });
  });
  layout.categorical.forEach((f, i) => {
    const ref = reference.categorical.get(f.name);
    const cur = window.categorical[i];
    if (!ref || !cur) return;
    const result = featureDrift(ref, cur, { type: 'categorical', ...overrides(f.name) });
    out.push({ ...result, feature: f.name, histogram: withHistograms ? categoricalHistogram(ref, cur) : { bins: [], reference: [], current: [] } });
  });
  return out;
}

/** The version with the most events in the window: the one whose reference is the baseline. */
async function windowVersion(db: DbOrTx, deploymentId: string, from: Date, to: Date) {
  const [top] = await db
    .select({ versionId: predictionMinutes.versionId, n: sql<number>`sum(${predictionMinutes.count})::int` })
    .from(predictionMinutes)
    .where(and(eq(predictionMinutes.deploymentId, deploymentId), gte(predictionMinutes.bucket, new Date(Math.floor(from.getTime() / 60_000) * 60_000)), lt(predictionMinutes.bucket, to)))
    .groupBy(predictionMinutes.versionId)
    .orderBy(desc(sql`sum(${predictionMinutes.count})`))
    .limit(1);
  if (!top) return null;
  const [found] = await db.select({ id: modelVersions.id, version: modelVersions.version, inputSchema: modelVersions.inputSchema, referenceDatasetId: modelVersions.referenceDatasetId }).from(modelVersions).where(eq(modelVersions.id, top.versionId));
  return found ? { ...found, events: top.n } : null;
}

/** Milliseconds spent in each phase of one report, filled in when passed (the benchmark reads them). */
export type DriftTimings = { readWindow: number; features: number; series: number };

export async function computeDrift(
  db: DbOrTx,
  input: { deploymentId: string; from: Date; to: Date; shareThreshold?: number; buckets?: number; overrides?: DriftOverrides; histograms?: boolean; timings?: DriftTimings },
) {
  const { deployment } = await findDeployment(db, input.deploymentId);
  const version = await windowVersion(db, deployment.id, input.from, input.to);
  const base = { deploymentId: deployment.id, from: input.from.toISOString(), to: input.to.toISOString() };
  if (!version) return { ...base, version: null, referenceRows: 0, currentRows: 0, features: [] as FeatureReport[], dataset: null, series: [], note: 'No events in this window.' };
  if (!version.inputSchema || !version.referenceDatasetId) {
    return { ...base, version: version.version, referenceRows: 0, currentRows: 0, features: [] as FeatureReport[], dataset: null, series: [], note: `v${version.version} has no ${version.inputSchema ? 'reference dataset' : 'input schema'}, so drift cannot be computed; attach one on the version page.` };
  }
  const layout = layoutOf(version.inputSchema as InputSchema);
  const t0 = performance.now();
  const [reference, window] = await Promise.all([referenceOf(db, version.referenceDatasetId, layout), windowOf(db, deployment.id, version.id, layout, input.from, input.to, version.events)]);
  const overrides: DriftOverrides = input.overrides ?? (() => undefined);
  const t1 = performance.now();
  const features = driftOfWindow(reference, layout, window, overrides, input.histograms ?? true);
  const dataset = datasetDrift(features, input.shareThreshold ?? 0.5);
  const t2 = performance.now();

  const series: { at: string; rows: number; features: Record<string, { score: number | null; drifted: boolean }>; share: number }[] = [];
  const buckets = input.buckets ?? 0;
  if (buckets > 0 && window.count > 0) {
    // Rows are not in time order: group row indexes by bucket, then gather each bucket's values.
    const width = (input.to.getTime() - input.from.getTime()) / buckets;
    const bucketOf = new Int32Array(window.count);
    const sizes = new Int32Array(buckets);
    for (let r = 0; r < window.count; r++) {
      const b = Math.min(buckets - 1, Math.max(0, Math.floor(((window.ts[r] ?? 0) - input.from.getTime()) / width)));
      bucketOf[r] = b;
      sizes[b] = (sizes[b] ?? 0) + 1;
    }
    for (let b = 0; b < buckets; b++) {
      const size = sizes[b] ?? 0;
      if (size === 0) continue;
      const rows = new Int32Array(size);
      let k = 0;
      for (let r = 0; r < window.count; r++) if (bucketOf[r] === b) rows[k++] = r;
      const slice = {
        numeric: window.numeric.map((col) => Float64Array.from(rows, (r) => col[r] ?? NaN)),
        categorical: window.categorical.map((col) => Array.from(rows, (r) => col[r] ?? null)),
      };
      const part = driftOfWindow(reference, layout, slice, overrides, false);
      series.push({ at: new Date(input.from.getTime() + b * width).toISOString(), rows: size, features: Object.fromEntries(part.map((f) => [f.feature, { score: f.score, drifted: f.drifted }])), share: datasetDrift(part, input.shareThreshold ?? 0.5).share });
    }
  }
  if (input.timings) Object.assign(input.timings, { readWindow: t1 - t0, features: t2 - t1, series: performance.now() - t2 });
  return { ...base, version: version.version, referenceRows: reference.rows, currentRows: window.count, features, dataset, series, note: null };
}

export async function driftReport({ ctx, input }: VerbArgs<unknown>) {
  requireRole(ctx, MONITORING_READERS);
  const w = parseInput(driftWindowSchema, input);
  if (w.to.getTime() - w.from.getTime() > 31 * 86_400_000) throw new ValidationError('A drift window spans at most 31 days.');
  return computeDrift(ctx.db, w);
}

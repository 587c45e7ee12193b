// Drift of a deployment's window against the serving version's reference dataset, per feature with
// Evidently's default statistics (lib/drift), plus dataset drift, reference vs current histograms,
// and drift per feature over time for the heat-map.
import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { boundedDate } from '@/lib/validation/primitives';
import { parseCsv, parseNumber, isMissing } from '@/lib/datasets/csv';
import {
  datasetDrift,
  featureDrift,
  prepareNumeric,
  type DriftMethod,
  type GroupDriftResult,
  type NumericSample,
  type RowGroups,
  type WindowDriftResult,
} from '@/lib/drift';
import { NO_HISTOGRAM, type FeatureHistogram, type NumericFigures } from '@/lib/drift/figures';
import { layoutOf, type Layout } from '@/lib/monitoring/events';
import type { InputSchema } from '@/lib/validation/catalog';
import { postgresArtifactStore, readAll } from '@/server/artifacts/store';
import { hasSideConnection, withSideConnection, type DbOrTx } from '@/server/db/connect';
import { datasets } from '@/server/db/schema';
import { ConflictError, ValidationError } from '@/server/errors';
import type { VerbArgs } from '../context';
import { parseInput } from '../validate';
import { requireMonitoringRead } from './access';
import { findDeployment } from './deployments';
import { packFloat64, unpackFloat64 } from '@/server/db/packed';
import { numericFiguresOnThreads, threadsFor, type FeatureJob } from './drift-threads';
import { copyWindow } from './window-copy';
import { giveBackColumns, takeColumn } from './window-memory';
import { windowVersions, type ServedVersion } from './window-versions';

export const driftWindowSchema = z
  .object({
    deploymentId: z.string().uuid(),
    from: boundedDate(),
    to: boundedDate(),
    /** Dataset drift: the share of drifted features that counts as drift. */
    shareThreshold: z.number().gt(0).max(1).default(0.5),
    /** Time buckets for drift over time (0 = none). */
    buckets: z.number().int().min(0).max(96).default(0),
    /** Reference and current histograms per feature (machine reads leave them out). */
    histograms: z.boolean().default(true),
  })
  .refine((w) => w.from < w.to, { message: '“from” must be before “to”.', path: ['from'] });

/** `key` names the dataset and the features read from it (the cache key below). */
type Reference = { key: string; rows: number; numeric: Map<string, NumericSample>; categorical: Map<string, (string | null)[]> };

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
      return { key, rows: rows.length, numeric, categorical };
    })();
    ref.catch(() => references.delete(key));
    references.set(key, ref);
    if (references.size > 32) references.delete(references.keys().next().value as string);
  }
  return ref;
}

type Window = { count: number; ts: Float64Array; numeric: Float64Array[]; categorical: (string | null)[][] };

/**
 * How a window's events are read. Both give the same columns (a missing value is NaN or null) and
 * are tested against the same scipy fixtures; which one runs is chosen explicitly, never by falling
 * back after a failure:
 * - `copy`: a binary COPY on a connection of its own, parsed as it streams (real Postgres);
 * - `aggregate`: one row of aggregates over the pool (embedded PGlite serves one connection).
 */
export type WindowReader = 'copy' | 'aggregate';

/** The reader a database handle supports: COPY where it can open side connections. */
export function windowReaderFor(db: DbOrTx): WindowReader {
  return hasSideConnection(db) ? 'copy' : 'aggregate';
}

type WindowRead = { deploymentId: string; versionId: string; layout: Layout; from: Date; to: Date; expected: number; timestamps: boolean };

async function windowOf(db: DbOrTx, reader: WindowReader, w: WindowRead): Promise<Window> {
  if (reader === 'aggregate') return windowByAggregates(db, w);
  const copied = await withSideConnection(db, (side) =>
    copyWindow(side, { deploymentId: w.deploymentId, versionId: w.versionId, from: w.from, to: w.to, numeric: w.layout.numeric.length, categorical: w.layout.categorical.length, expected: w.expected, timestamps: w.timestamps }),
  );
  if (!copied) throw new Error('The copy window reader needs a database handle with side connections.');
  return copied;
}

/** The same columns through aggregates (all aggregates of one scan see rows in the same order): the
 * packed numeric values of every row end to end, each row padded or cut to the layout's width.
 * Categorical columns come back as JSON, where a missing value is null (a text[] with NULL elements
 * is parsed by the driver into the string "NULL"). */
async function windowByAggregates(db: DbOrTx, { deploymentId, versionId, layout, from, to }: WindowRead): Promise<Window> {
  const width = layout.numeric.length;
  const padding = packFloat64(new Float64Array(width).fill(NaN));
  const categoricalCols = layout.categorical.map((_, i) => sql`json_agg(categorical[${sql.raw(String(i + 1))}])`);
  const cols = [
    sql`count(*)::int`,
    sql`array_agg((extract(epoch from ts) * 1000)::float8)`,
    sql`coalesce(string_agg(substring(numeric || ${padding}::bytea from 1 for ${width * 8}), ''::bytea), ''::bytea)`,
    ...categoricalCols,
  ];
  const named = cols.map((c, i) => sql`${c} as ${sql.raw(`c${i}`)}`);
  const rows = await db.execute<Record<string, unknown>>(
    sql`select ${sql.join(named, sql`, `)} from prediction_events where deployment_id = ${deploymentId} and version_id = ${versionId} and ts >= ${from.toISOString()} and ts < ${to.toISOString()}`,
  );
  const row = (rows[0] ?? {}) as Record<string, unknown>;
  const values = cols.map((_, i) => row[`c${i}`]);
  const count = Number(values[0] ?? 0);
  const packed = unpackFloat64((values[2] as Uint8Array | null) ?? new Uint8Array());
  const numeric = layout.numeric.map((_, f) => {
    const column = takeColumn(count).subarray(0, count);
    for (let r = 0; r < count; r++) column[r] = packed[r * width + f] ?? NaN;
    return column;
  });
  const categorical = layout.categorical.map((_, i) => {
    const raw = values[3 + i];
    const list = (typeof raw === 'string' ? JSON.parse(raw) : raw) as unknown[] | null;
    return (list ?? []).map((v) => (typeof v === 'string' ? v : null));
  });
  return {
    count,
    ts: Float64Array.from((values[1] as (number | string | null)[] | null) ?? [], (x) => (x === null ? NaN : Number(x))),
    numeric,
    categorical,
  };
}

/** A feature's drift. Numeric features carry no pooled distinct count: counting a window's distinct
 * values costs as much as the sort the placement avoids, and the default method needs only to know
 * that the count exceeds five (lib/drift/placement). */
export type FeatureReport = WindowDriftResult & {
  feature: string;
  /** Categorical features only: distinct categories of reference and window pooled. */
  distinct?: number;
  histogram: FeatureHistogram;
};

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

function categoricalDrifts(reference: Reference, layout: Layout, columns: (string | null)[][], overrides: DriftOverrides, withHistograms: boolean): FeatureReport[] {
  const out: FeatureReport[] = [];
  layout.categorical.forEach((f, i) => {
    const ref = reference.categorical.get(f.name);
    const cur = columns[i];
    if (!ref || !cur) return;
    const result = featureDrift(ref, cur, { type: 'categorical', ...overrides(f.name) });
    out.push({ ...result, feature: f.name, histogram: withHistograms ? categoricalHistogram(ref, cur) : NO_HISTOGRAM });
  });
  return out;
}

/** Each row's time bucket (rows are not in time order), clamped into [0, buckets). */
function bucketsOf(ts: Float64Array, count: number, from: Date, to: Date, buckets: number): RowGroups & { width: number; sizes: Int32Array } {
  const width = (to.getTime() - from.getTime()) / buckets;
  const of = buckets <= 256 ? new Uint8Array(count) : new Uint16Array(count);
  const sizes = new Int32Array(buckets);
  const start = from.getTime();
  for (let r = 0; r < count; r++) {
    const b = Math.min(buckets - 1, Math.max(0, Math.floor(((ts[r] ?? 0) - start) / width)));
    of[r] = b;
    sizes[b]!++;
  }
  return { of, count: buckets, width, sizes };
}

/** Row indexes of each bucket, in row order. */
function rowsByBucket(grouping: ReturnType<typeof bucketsOf>): Int32Array[] {
  const rows = Array.from(grouping.sizes, (n) => new Int32Array(n));
  const at = new Int32Array(grouping.count);
  for (let r = 0; r < grouping.of.length; r++) {
    const b = grouping.of[r] as number;
    (rows[b] as Int32Array)[at[b]!++] = r;
  }
  return rows;
}

/** Milliseconds spent in each phase of one report, filled in when passed (the benchmark reads them). */
export type DriftTimings = { readWindow: number; features: number; series: number };

type DriftInput = {
  deploymentId: string;
  from: Date;
  to: Date;
  shareThreshold?: number;
  buckets?: number;
  overrides?: DriftOverrides;
  histograms?: boolean;
  timings?: DriftTimings;
  reader?: WindowReader;
  /** Threads for the per-feature statistics, the caller's included (default: threadsFor the window). */
  threads?: number;
};

type SeriesPoint = { at: string; rows: number; features: Record<string, { score: number | null; drifted: boolean }>; share: number };

/** Drift of one version's events in the window against that version's own reference dataset. */
export type VersionDrift = {
  versionId: string;
  version: number;
  /** The first and last minute of the window in which this version served events. */
  firstMinute: string;
  lastMinute: string;
  referenceRows: number;
  currentRows: number;
  features: FeatureReport[];
  dataset: ReturnType<typeof datasetDrift> | null;
  series: SeriesPoint[];
  /** Threads that computed the numeric features' statistics together (0: nothing was computed). */
  statisticsThreads: number;
  note: string | null;
};

async function versionDrift(db: DbOrTx, reader: WindowReader, deploymentId: string, version: ServedVersion, input: DriftInput): Promise<VersionDrift> {
  const base = { versionId: version.id, version: version.version, firstMinute: version.firstMinute.toISOString(), lastMinute: version.lastMinute.toISOString() };
  if (!version.inputSchema || !version.referenceDatasetId) {
    return { ...base, referenceRows: 0, currentRows: version.events, features: [], dataset: null, series: [], statisticsThreads: 0, note: `v${version.version} has no ${version.inputSchema ? 'reference dataset' : 'input schema'}, so its drift cannot be computed; attach one on the version page.` };
  }
  const layout = layoutOf(version.inputSchema as InputSchema);
  const t0 = performance.now();
  const [reference, window] = await Promise.all([
    referenceOf(db, version.referenceDatasetId, layout),
    windowOf(db, reader, { deploymentId, versionId: version.id, layout, from: input.from, to: input.to, expected: version.events, timestamps: (input.buckets ?? 0) > 0 }),
  ]);
  try {
    return await computeVersionDrift(base, reference, window, layout, input, t0);
  } finally {
    // Nothing below keeps a view on the window's columns: the next read reuses their memory.
    giveBackColumns([...window.numeric, window.ts]);
  }
}

async function computeVersionDrift(base: Pick<VersionDrift, 'versionId' | 'version' | 'firstMinute' | 'lastMinute'>, reference: Reference, window: Window, layout: Layout, input: DriftInput, t0: number): Promise<VersionDrift> {
  const overrides: DriftOverrides = input.overrides ?? (() => undefined);
  const t1 = performance.now();
  const withHistograms = input.histograms ?? true;
  const buckets = input.buckets ?? 0;
  const grouping = buckets > 0 && window.count > 0 ? bucketsOf(window.ts, window.count, input.from, input.to, buckets) : null;
  // Each numeric column is placed against its reference once: the window's statistics and every
  // bucket's come from that one pass (lib/drift/figures), no sorting of the window; the features are
  // shared out over the statistics threads (drift-threads.ts).
  const jobs: (FeatureJob & { feature: string })[] = [];
  layout.numeric.forEach((f, i) => {
    const ref = reference.numeric.get(f.name);
    const column = window.numeric[i];
    if (ref && column) jobs.push({ feature: f.name, key: `${reference.key}|${f.name}`, reference: ref, column, options: overrides(f.name) ?? {} });
  });
  const groups = grouping ? { of: grouping.of, count: grouping.count, sizes: grouping.sizes } : null;
  const numeric = await numericFiguresOnThreads(jobs, withHistograms, groups, input.threads ?? threadsFor(jobs.length * window.count));
  const features: FeatureReport[] = [
    ...jobs.map(({ feature }, k) => ({ ...(numeric.figures[k] as NumericFigures).drift, feature, histogram: (numeric.figures[k] as NumericFigures).histogram })),
    ...categoricalDrifts(reference, layout, window.categorical, overrides, withHistograms),
  ];
  const dataset = datasetDrift(features, input.shareThreshold ?? 0.5);
  const t2 = performance.now();

  const series: SeriesPoint[] = [];
  if (grouping) {
    const rowsOf = layout.categorical.length > 0 ? rowsByBucket(grouping) : null;
    for (let b = 0; b < buckets; b++) {
      const size = grouping.sizes[b] ?? 0;
      if (size === 0) continue;
      const part: (GroupDriftResult & { feature: string })[] = jobs.map(({ feature }, k) => ({ ...((numeric.figures[k] as NumericFigures).groups[b] as GroupDriftResult), feature }));
      if (rowsOf) {
        const rows = rowsOf[b] as Int32Array;
        const columns = window.categorical.map((col) => Array.from(rows, (r) => col[r] ?? null));
        part.push(...categoricalDrifts(reference, layout, columns, overrides, false));
      }
      series.push({ at: new Date(input.from.getTime() + b * grouping.width).toISOString(), rows: size, features: Object.fromEntries(part.map((f) => [f.feature, { score: f.score, drifted: f.drifted }])), share: datasetDrift(part, input.shareThreshold ?? 0.5).share });
    }
  }
  if (input.timings) {
    input.timings.readWindow += t1 - t0;
    input.timings.features += t2 - t1;
    input.timings.series += performance.now() - t2;
  }
  return { ...base, referenceRows: reference.rows, currentRows: window.count, features, dataset, series, statisticsThreads: numeric.threads, note: null };
}

/**
 * The one drift computation, from the events table to the figures, for the tRPC and REST reads
 * (through driftReport) and the alert worker alike. Each version that served events in the window
 * is compared with its own reference dataset; the top-level figures are those of the version served
 * last (the one serving at the end of the window), and `versions` holds every part.
 */
export async function computeDrift(db: DbOrTx, input: DriftInput) {
  const { deployment } = await findDeployment(db, input.deploymentId);
  const reader = input.reader ?? windowReaderFor(db);
  if (input.timings) Object.assign(input.timings, { readWindow: 0, features: 0, series: 0 });
  const served = await windowVersions(db, deployment.id, input.from, input.to);
  // One version at a time: each part holds its whole window in memory while it is computed.
  const versions: VersionDrift[] = [];
  for (const v of served) versions.push(await versionDrift(db, reader, deployment.id, v, input));
  const base = { deploymentId: deployment.id, from: input.from.toISOString(), to: input.to.toISOString(), reader, versions };
  const latest = versions[0];
  if (!latest) return { ...base, versionId: null, version: null, referenceRows: 0, currentRows: 0, features: [] as FeatureReport[], dataset: null, series: [] as SeriesPoint[], statisticsThreads: 0, note: 'No events in this window.' };
  const { firstMinute: _f, lastMinute: _l, ...figures } = latest;
  return { ...base, ...figures };
}

export type DriftReport = Awaited<ReturnType<typeof computeDrift>>;

/** The longest window a drift read may cover, for people and machines alike. */
const MAX_DRIFT_WINDOW_DAYS = 31;

/**
 * Drift of a deployment over a window: for people who read monitoring (session or API token) and
 * for a deployment's own ingestion key with the read scope.
 */
export async function driftReport({ ctx, input }: VerbArgs<unknown>, timings?: DriftTimings): Promise<DriftReport> {
  const w = parseInput(driftWindowSchema, input);
  requireMonitoringRead(ctx, w.deploymentId);
  if (w.to.getTime() - w.from.getTime() > MAX_DRIFT_WINDOW_DAYS * 86_400_000) throw new ValidationError(`A drift window spans at most ${MAX_DRIFT_WINDOW_DAYS} days.`);
  return computeDrift(ctx.db, { ...w, ...(timings ? { timings } : {}) });
}

// A deployment's statistics over a time window, read from the per-minute aggregates (traffic,
// latency percentiles, prediction distribution, data quality) and, where labels arrived, the
// performance metrics computed with the shared metrics module from the labelled events only.
import 'server-only';
import { and, asc, eq, gte, inArray, lt } from 'drizzle-orm';
import { z } from 'zod';
import { boundedDate } from '@/lib/validation/primitives';
import { binarySummary, multiclassSummary, regressionSummary, type MetricSummary } from '@/lib/evaluation/summary';
import { createBinaryAccumulator, createMulticlassAccumulator, createRegressionAccumulator } from '@/lib/metrics';
import { LATENCY_BUCKETS, percentileFromBuckets } from '@/lib/monitoring/latency';
import { layoutOf } from '@/lib/monitoring/events';
import type { InputSchema, OutputSchema, TaskType } from '@/lib/validation/catalog';
import type { DbOrTx } from '@/server/db/connect';
import { modelVersions, predictionEvents, predictionLabels, predictionMinutes } from '@/server/db/schema';
import { ValidationError } from '@/server/errors';
import { requireCapability } from '../authorize';
import type { VerbArgs } from '../context';
import { parseInput } from '../validate';
import { findDeployment } from './deployments';

export const windowSchema = z
  .object({
    deploymentId: z.string().uuid(),
    from: boundedDate(),
    to: boundedDate(),
    /** Points per series; the bucket width is chosen to give about this many. */
    points: z.number().int().min(10).max(10_080).default(120), // up to a week of 1-minute buckets
  })
  .refine((w) => w.from < w.to, { message: '“from” must be before “to”.', path: ['from'] });

const STEPS_MIN = [1, 2, 5, 10, 15, 30, 60, 120, 360, 720, 1440];

function bucketMinutes(from: Date, to: Date, points: number): number {
  const minutes = (to.getTime() - from.getTime()) / 60_000;
  return STEPS_MIN.find((s) => minutes / s <= points) ?? 1440;
}

type Point = { at: string; count: number; latency: number[]; latencySum: number; latencyCount: number; predictions: Record<string, number>; predictionSum: number; missing: number[]; outOfRange: number[]; unknownCategory: number[]; typeErrors: number };

const addInto = (target: number[], source: readonly number[]) => source.forEach((v, i) => (target[i] = (target[i] ?? 0) + v));

export async function deploymentStats({ ctx, input }: VerbArgs<unknown>) {
  requireCapability(ctx, 'monitoring.read');
  const w = parseInput(windowSchema, input);
  if (w.to.getTime() - w.from.getTime() > 400 * 86_400_000) throw new ValidationError('A window spans at most 400 days.');
  return computeStats(ctx.db, w);
}

export type DeploymentStats = Awaited<ReturnType<typeof computeStats>>;

/** The statistics themselves, for the page and for the alert worker (which checks no role). */
export async function computeStats(db: DbOrTx, w: { deploymentId: string; from: Date; to: Date; points: number }) {
  const ctx = { db };
  const { deployment, taskType } = await findDeployment(ctx.db, w.deploymentId);
  const step = bucketMinutes(w.from, w.to, w.points);
  const stepMs = step * 60_000;
  const rows = await ctx.db
    .select()
    .from(predictionMinutes)
    .where(and(eq(predictionMinutes.deploymentId, deployment.id), gte(predictionMinutes.bucket, w.from), lt(predictionMinutes.bucket, w.to)))
    .orderBy(asc(predictionMinutes.bucket));
  const versionIds = [...new Set(rows.map((r) => r.versionId))];
  const versions = versionIds.length
    ? await ctx.db.select({ id: modelVersions.id, version: modelVersions.version, inputSchema: modelVersions.inputSchema, outputSchema: modelVersions.outputSchema }).from(modelVersions).where(inArray(modelVersions.id, versionIds))
    : [];

  const series = new Map<number, Point>();
  const total: Omit<Point, 'at'> = { count: 0, latency: new Array<number>(LATENCY_BUCKETS).fill(0), latencySum: 0, latencyCount: 0, predictions: {}, predictionSum: 0, missing: [], outOfRange: [], unknownCategory: [], typeErrors: 0 };
  // Quality counts are per version layout; they are summed per feature name across versions.
  const quality = new Map<string, { missing: number; outOfRange: number; unknownCategory: number; kind: 'numeric' | 'categorical' }>();
  // Feature names per version, worked out once: a week at 1-minute detail is 10,080 rows.
  const layouts = new Map(
    versions.map((v) => {
      const layout = v.inputSchema ? layoutOf(v.inputSchema) : null;
      return [v.id, layout ? { names: [...layout.numeric.map((f) => f.name), ...layout.categorical.map((f) => f.name)], numeric: layout.numeric.length } : null];
    }),
  );
  for (const r of rows) {
    const key = Math.floor((r.bucket.getTime() - w.from.getTime()) / stepMs) * stepMs + w.from.getTime();
    let p = series.get(key);
    if (!p) {
      p = { at: new Date(key).toISOString(), count: 0, latency: new Array<number>(LATENCY_BUCKETS).fill(0), latencySum: 0, latencyCount: 0, predictions: {}, predictionSum: 0, missing: [], outOfRange: [], unknownCategory: [], typeErrors: 0 };
      series.set(key, p);
    }
    for (const target of [p, total]) {
      target.count += r.count;
      target.latencySum += r.latencySum;
      target.latencyCount += r.latencyCount;
      target.predictionSum += r.predictionSum;
      target.typeErrors += r.typeErrors;
      addInto(target.latency, r.latencyBuckets);
      for (const [label, n] of Object.entries(r.predictions)) target.predictions[label] = (target.predictions[label] ?? 0) + n;
    }
    const layout = layouts.get(r.versionId);
    if (layout) {
      layout.names.forEach((name, i) => {
        const q = quality.get(name) ?? { missing: 0, outOfRange: 0, unknownCategory: 0, kind: i < layout.numeric ? ('numeric' as const) : ('categorical' as const) };
        q.missing += r.missing[i] ?? 0;
        if (i < layout.numeric) q.outOfRange += r.outOfRange[i] ?? 0;
        else q.unknownCategory += r.unknownCategory[i - layout.numeric] ?? 0;
        quality.set(name, q);
      });
    }
  }

  const perMinute = (n: number) => n / step;
  const points = [...series.values()].map((p) => ({
    at: p.at,
    count: p.count,
    ratePerMinute: perMinute(p.count),
    latencyP50: percentileFromBuckets(p.latency, 50),
    latencyP95: percentileFromBuckets(p.latency, 95),
    latencyP99: percentileFromBuckets(p.latency, 99),
    predictions: p.predictions,
    meanPrediction: p.count > 0 && Object.keys(p.predictions).length === 0 ? p.predictionSum / p.count : null,
    typeErrors: p.typeErrors,
  }));
  const seconds = (w.to.getTime() - w.from.getTime()) / 1000;
  return {
    deploymentId: deployment.id,
    taskType,
    from: w.from.toISOString(),
    to: w.to.toISOString(),
    bucketMinutes: step,
    versions: versions.map((v) => ({ id: v.id, version: v.version })).sort((a, b) => a.version - b.version),
    totals: {
      count: total.count,
      ratePerSecond: total.count / seconds,
      latencyP50: percentileFromBuckets(total.latency, 50),
      latencyP95: percentileFromBuckets(total.latency, 95),
      latencyP99: percentileFromBuckets(total.latency, 99),
      latencyMean: total.latencyCount > 0 ? total.latencySum / total.latencyCount : null,
      predictions: total.predictions,
      typeErrors: total.typeErrors,
    },
    quality: [...quality].map(([feature, q]) => ({
      feature,
      kind: q.kind,
      missingRate: total.count > 0 ? q.missing / total.count : 0,
      outOfRangeRate: q.kind === 'numeric' && total.count > 0 ? q.outOfRange / total.count : null,
      unknownCategoryRate: q.kind === 'categorical' && total.count > 0 ? q.unknownCategory / total.count : null,
    })),
    typeErrorRate: total.count + total.typeErrors > 0 ? total.typeErrors / (total.count + total.typeErrors) : 0,
    series: points,
    performance: await performance(ctx.db, deployment.id, taskType, versions, w.from, w.to),
  };
}

/** Metrics over the window's labelled events (labels may arrive days later). */
async function performance(db: DbOrTx, deploymentId: string, taskType: TaskType, versions: { id: string; outputSchema: OutputSchema | null; inputSchema: InputSchema | null }[], from: Date, to: Date): Promise<{ labelled: number; metrics: MetricSummary } | null> {
  const rows = await db
    .select({ label: predictionLabels.label, value: predictionLabels.value, predictionLabel: predictionEvents.predictionLabel, predictionValue: predictionEvents.predictionValue, probabilities: predictionEvents.probabilities, versionId: predictionEvents.versionId })
    .from(predictionLabels)
    .innerJoin(predictionEvents, and(eq(predictionEvents.deploymentId, predictionLabels.deploymentId), eq(predictionEvents.ts, predictionLabels.ts), eq(predictionEvents.eventId, predictionLabels.eventId)))
    .where(and(eq(predictionLabels.deploymentId, deploymentId), gte(predictionLabels.ts, from), lt(predictionLabels.ts, to)));
  if (rows.length === 0) return null;
  const output = versions.find((v) => v.outputSchema)?.outputSchema ?? null;
  if (taskType === 'regression') {
    const pairs = rows.filter((r) => r.value !== null && r.predictionValue !== null);
    if (pairs.length === 0) return null;
    const acc = createRegressionAccumulator();
    acc.add(Float32Array.from(pairs, (r) => r.predictionValue ?? NaN), Float64Array.from(pairs, (r) => r.value ?? NaN));
    return { labelled: pairs.length, metrics: regressionSummary(acc.result()) };
  }
  const labels = output?.classLabels ?? [];
  const known = rows.filter((r) => r.label !== null && labels.includes(r.label));
  if (known.length === 0) return null;
  if (taskType === 'binary_classification') {
    const positive = output?.positiveClass ?? labels[1];
    const acc = createBinaryAccumulator();
    const score = (r: (typeof known)[number]) => r.predictionValue ?? (r.predictionLabel === positive ? 1 : 0);
    acc.add(Float32Array.from(known, score), Float64Array.from(known, (r) => (r.label === positive ? 1 : 0)));
    return { labelled: known.length, metrics: binarySummary(acc.result(0.5)) };
  }
  const k = labels.length;
  const probs = new Float32Array(known.length * k);
  known.forEach((r, i) => {
    if (r.probabilities && r.probabilities.length === k) r.probabilities.forEach((p, j) => (probs[i * k + j] = p));
    else probs[i * k + Math.max(0, labels.indexOf(r.predictionLabel ?? ''))] = 1;
  });
  const acc = createMulticlassAccumulator();
  acc.add(probs, Float64Array.from(known, (r) => labels.indexOf(r.label ?? '')), k);
  return { labelled: known.length, metrics: multiclassSummary(acc.result()) };
}

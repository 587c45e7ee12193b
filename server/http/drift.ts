// GET /api/v1/deployments/{id}/drift: the drift report verb for machines (a deployment's ingestion
// key with the read scope, or a personal API token) and browser sessions, in the REST shape.
import 'server-only';
import { INGESTION_KEY_PREFIX } from '@/server/services/monitoring/ingestion-keys';
import { driftReport, type DriftReport, type DriftTimings, type FeatureReport } from '@/server/services/monitoring/drift';
import { apiContext } from './api-context';
import { ingestionKeyContext, type IngestDeps } from './ingest';
import { errorResponse } from './respond';

function presentFeature(f: FeatureReport) {
  return {
    name: f.feature,
    type: f.type,
    method: f.method,
    statistic: f.statistic,
    p_value: f.pValue,
    threshold: f.threshold,
    drifted: f.drifted,
    reference_count: f.referenceCount,
    current_count: f.currentCount,
    reference_missing: f.referenceMissing,
    current_missing: f.currentMissing,
    ...(f.skipped ? { skipped: f.skipped } : {}),
  };
}

function presentDrift(report: DriftReport) {
  return {
    deployment_id: report.deploymentId,
    from: report.from,
    to: report.to,
    // How the window was read: the same verb and reader as the UI and the alert worker (see drift.ts).
    window_reader: report.reader,
    // How many threads computed the per-feature statistics (see drift-threads.ts).
    statistics_threads: report.statisticsThreads,
    version: report.version,
    reference_rows: report.referenceRows,
    current_rows: report.currentRows,
    share_drifted: report.dataset?.share ?? null,
    dataset_drift: report.dataset?.drifted ?? null,
    note: report.note,
    features: report.features.map(presentFeature),
    versions: report.versions.map((v) => ({
      version: v.version,
      first_minute: v.firstMinute,
      last_minute: v.lastMinute,
      reference_rows: v.referenceRows,
      current_rows: v.currentRows,
      share_drifted: v.dataset?.share ?? null,
      dataset_drift: v.dataset?.drifted ?? null,
      note: v.note,
      features: v.features.map(presentFeature),
    })),
  };
}

export async function handleDriftRead(req: Request, deploymentId: string, deps: Pick<IngestDeps, 'db' | 'bus'>): Promise<Response> {
  const started = performance.now();
  try {
    const q = new URL(req.url).searchParams;
    const now = Date.now();
    const input = {
      deploymentId,
      from: q.get('from') ?? new Date(now - 3_600_000).toISOString(),
      to: q.get('to') ?? new Date(now).toISOString(),
      histograms: false,
      ...(q.get('share_threshold') !== null ? { shareThreshold: Number(q.get('share_threshold')) } : {}),
    };
    const token = req.headers.get('authorization')?.split(' ')[1]?.trim() ?? '';
    const ctx = token.startsWith(INGESTION_KEY_PREFIX) ? await ingestionKeyContext(req, deps) : await apiContext(req, 'monitoring.read');
    const timings: DriftTimings = { readWindow: 0, features: 0, series: 0 };
    const report = await driftReport({ ctx, input }, timings);
    // Where the time went, for people and benchmarks reading the response (Server-Timing).
    const serverTiming = [
      `read;dur=${timings.readWindow.toFixed(1)};desc="read window"`,
      `stats;dur=${timings.features.toFixed(1)};desc="per-feature statistics"`,
      `total;dur=${(performance.now() - started).toFixed(1)};desc="key check and report"`,
    ].join(', ');
    return Response.json(presentDrift(report), { headers: { 'server-timing': serverTiming } });
  } catch (err) {
    return errorResponse(err);
  }
}

// Drift of a deployment over a window, for machines: an ingestion key with the read scope for this
// deployment, a personal API token, or a browser session of someone who reads monitoring.
import { keyCan } from '@/lib/permissions';
import { getDb } from '@/server/db/client';
import { ForbiddenError } from '@/server/errors';
import { apiContext } from '@/server/http/api-context';
import { ingestionPrincipal } from '@/server/http/ingest';
import { errorResponse } from '@/server/http/respond';
import { computeDrift, driftReport } from '@/server/services/monitoring/drift';
import { INGESTION_KEY_PREFIX } from '@/server/services/monitoring/ingestion-keys';
import { parseInput } from '@/server/services/validate';
import { driftWindowSchema } from '@/server/services/monitoring/drift';

export const dynamic = 'force-dynamic';

type Report = Awaited<ReturnType<typeof computeDrift>>;

function present(report: Report) {
  return {
    deployment_id: report.deploymentId,
    from: report.from,
    to: report.to,
    version: report.version,
    reference_rows: report.referenceRows,
    current_rows: report.currentRows,
    share_drifted: report.dataset?.share ?? null,
    dataset_drift: report.dataset?.drifted ?? null,
    note: report.note,
    features: report.features.map((f) => ({
      name: f.feature,
      type: f.type,
      method: f.method,
      statistic: f.statistic,
      p_value: f.pValue,
      threshold: f.threshold,
      drifted: f.drifted,
      reference_count: f.referenceCount,
      current_count: f.currentCount,
      ...(f.skipped ? { skipped: f.skipped } : {}),
    })),
  };
}

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const { id } = await params;
    const q = new URL(req.url).searchParams;
    const now = Date.now();
    const input = { deploymentId: id, from: q.get('from') ?? new Date(now - 3_600_000).toISOString(), to: q.get('to') ?? new Date(now).toISOString(), ...(q.get('share_threshold') ? { shareThreshold: Number(q.get('share_threshold')) } : {}) };
    const token = req.headers.get('authorization')?.split(' ')[1]?.trim() ?? '';
    if (token.startsWith(INGESTION_KEY_PREFIX)) {
      const db = getDb();
      const principal = await ingestionPrincipal(req, db);
      if (!keyCan(principal.scopes, 'drift.read')) throw new ForbiddenError(`Key ${principal.prefix}… has no read scope; create a key with the read scope to read drift.`);
      if (principal.deploymentId !== id) throw new ForbiddenError('This key belongs to another deployment.');
      const w = parseInput(driftWindowSchema, input);
      return Response.json(present(await computeDrift(db, { ...w, histograms: false })));
    }
    const ctx = await apiContext(req, 'monitoring.read');
    return Response.json(present(await driftReport({ ctx, input })));
  } catch (err) {
    return errorResponse(err);
  }
}

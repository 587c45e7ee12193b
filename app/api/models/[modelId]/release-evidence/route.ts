// Evidence export of every release request of a model in a time range, as JSON or printable HTML.
import { apiContext } from '@/server/http/api-context';
import { evidenceResponse } from '@/server/http/evidence-response';
import { apiRoute } from '@/server/http/route';
import { exportModelReleaseEvidence } from '@/server/services/releases/evidence';

export const dynamic = 'force-dynamic';

export const GET = apiRoute<{ modelId: string }>(async (req, { modelId }) => {
  const ctx = await apiContext(req, 'release.read');
  const url = new URL(req.url);
  const q = (name: string) => url.searchParams.get(name) || undefined;
  const file = await exportModelReleaseEvidence({ ctx, input: { modelId, format: q('format'), from: q('from'), to: q('to') } });
  return evidenceResponse(file, url.searchParams.has('download'));
});

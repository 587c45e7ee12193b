// Evidence export of one release request, as JSON or printable HTML (a download, so a plain GET).
import { apiContext } from '@/server/http/api-context';
import { evidenceResponse } from '@/server/http/evidence-response';
import { apiRoute } from '@/server/http/route';
import { exportReleaseEvidence } from '@/server/services/releases/evidence';

export const dynamic = 'force-dynamic';

export const GET = apiRoute<{ requestId: string }>(async (req, { requestId }) => {
  const ctx = await apiContext(req, 'release.read');
  const url = new URL(req.url);
  const file = await exportReleaseEvidence({ ctx, input: { requestId, format: url.searchParams.get('format') ?? undefined } });
  return evidenceResponse(file, url.searchParams.has('download'));
});

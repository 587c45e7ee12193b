// Evidence export of one release request, as JSON or printable HTML (a download, so a plain GET).
import { apiContext } from '@/server/http/api-context';
import { errorResponse } from '@/server/http/respond';
import { exportReleaseEvidence } from '@/server/services/releases/evidence';
import { evidenceResponse } from '@/server/http/evidence-response';

export const dynamic = 'force-dynamic';

export async function GET(req: Request, { params }: { params: Promise<{ requestId: string }> }) {
  try {
    const ctx = await apiContext(req, 'release.read');
    const url = new URL(req.url);
    const file = await exportReleaseEvidence({ ctx, input: { requestId: (await params).requestId, format: url.searchParams.get('format') ?? undefined } });
    return evidenceResponse(file, url.searchParams.has('download'));
  } catch (err) {
    return errorResponse(err);
  }
}

// Evidence export of every release request of a model in a time range, as JSON or printable HTML.
import { apiContext } from '@/server/http/api-context';
import { errorResponse } from '@/server/http/respond';
import { exportModelReleaseEvidence } from '@/server/services/releases/evidence';
import { evidenceResponse } from '@/server/http/evidence-response';

export const dynamic = 'force-dynamic';

export async function GET(req: Request, { params }: { params: Promise<{ modelId: string }> }) {
  try {
    const ctx = await apiContext(req, 'release.read');
    const url = new URL(req.url);
    const q = (name: string) => url.searchParams.get(name) || undefined;
    const file = await exportModelReleaseEvidence({ ctx, input: { modelId: (await params).modelId, format: q('format'), from: q('from'), to: q('to') } });
    return evidenceResponse(file, url.searchParams.has('download'));
  } catch (err) {
    return errorResponse(err);
  }
}

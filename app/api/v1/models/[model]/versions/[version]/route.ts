import { errorResponse } from '@/server/http/respond';
import { apiContext } from '@/server/http/api-context';
import { getVersion } from '@/server/services/catalog/get-version';

export const dynamic = 'force-dynamic';

export async function GET(req: Request, { params }: { params: Promise<{ model: string; version: string }> }) {
  try {
    const ctx = await apiContext(req, 'catalog.read');
    const { model, version } = await params;
    return Response.json(await getVersion({ ctx, input: { modelId: decodeURIComponent(model), version: Number(version) } }));
  } catch (err) {
    return errorResponse(err);
  }
}

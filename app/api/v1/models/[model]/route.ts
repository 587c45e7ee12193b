import { errorResponse } from '@/server/http/respond';
import { apiContext } from '@/server/http/api-context';
import { getModel } from '@/server/services/catalog/get-model';

export const dynamic = 'force-dynamic';

export async function GET(req: Request, { params }: { params: Promise<{ model: string }> }) {
  try {
    const ctx = await apiContext(req, 'catalog.read');
    const { model } = await params;
    return Response.json(await getModel({ ctx, input: { modelId: decodeURIComponent(model) } }));
  } catch (err) {
    return errorResponse(err);
  }
}

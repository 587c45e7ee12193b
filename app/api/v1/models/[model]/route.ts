import { apiContext } from '@/server/http/api-context';
import { apiRoute } from '@/server/http/route';
import { getModel } from '@/server/services/catalog/get-model';

export const dynamic = 'force-dynamic';

export const GET = apiRoute<{ model: string }>(async (req, { model }) => {
  const ctx = await apiContext(req, 'catalog.read');
  return Response.json(await getModel({ ctx, input: { modelId: model } }));
});

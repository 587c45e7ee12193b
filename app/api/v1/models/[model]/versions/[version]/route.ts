import { apiContext } from '@/server/http/api-context';
import { apiRoute } from '@/server/http/route';
import { getVersion } from '@/server/services/catalog/get-version';

export const dynamic = 'force-dynamic';

export const GET = apiRoute<{ model: string; version: string }>(async (req, { model, version }) => {
  const ctx = await apiContext(req, 'catalog.read');
  return Response.json(await getVersion({ ctx, input: { modelId: model, version: Number(version) } }));
});

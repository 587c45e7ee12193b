import { apiContext } from '@/server/http/api-context';
import { apiRoute, readJson } from '@/server/http/route';
import { listModels } from '@/server/services/catalog/list-models';
import { registerModel } from '@/server/services/catalog/register-model';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(async (req) => {
  const ctx = await apiContext(req, 'catalog.read');
  const p = new URL(req.url).searchParams;
  const num = (k: string) => (p.get(k) ? Number(p.get(k)) : undefined);
  const input = { ...Object.fromEntries([...p].filter(([k, v]) => v !== '' && k !== 'page' && k !== 'pageSize')), page: num('page'), pageSize: num('pageSize') };
  return Response.json(await listModels({ ctx, input }));
});

export const POST = apiRoute(async (req) => {
  const ctx = await apiContext(req, 'model.register');
  const body = await readJson(req, 'The body must be JSON: { name, ownerTeam, taskType, riskTier, description?, tags? }.');
  return Response.json(await registerModel({ ctx, input: body }), { status: 201 });
});

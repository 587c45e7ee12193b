import { errorResponse } from '@/server/http/respond';
import { apiContext } from '@/server/http/api-context';
import { listModels } from '@/server/services/catalog/list-models';
import { registerModel } from '@/server/services/catalog/register-model';
import { ValidationError } from '@/server/errors';

export const dynamic = 'force-dynamic';

export async function GET(req: Request) {
  try {
    const ctx = await apiContext(req, 'catalog.read');
    const p = new URL(req.url).searchParams;
    const num = (k: string) => (p.get(k) ? Number(p.get(k)) : undefined);
    const input = { ...Object.fromEntries([...p].filter(([k, v]) => v !== '' && k !== 'page' && k !== 'pageSize')), page: num('page'), pageSize: num('pageSize') };
    return Response.json(await listModels({ ctx, input }));
  } catch (err) {
    return errorResponse(err);
  }
}

export async function POST(req: Request) {
  try {
    const ctx = await apiContext(req, 'model.register');
    const body: unknown = await req.json().catch(() => {
      throw new ValidationError('The body must be JSON: { name, ownerTeam, taskType, riskTier, description?, tags? }.');
    });
    return Response.json(await registerModel({ ctx, input: body }), { status: 201 });
  } catch (err) {
    return errorResponse(err);
  }
}

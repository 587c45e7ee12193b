import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { createTrpcContext } from '@/server/context';
import { crossSiteRefusal } from '@/server/http/same-origin';
import { appRouter } from '@/server/trpc/routers/_app';

export const dynamic = 'force-dynamic';

function handler(req: Request) {
  const refusal = crossSiteRefusal(req);
  if (refusal) return Response.json({ error: { message: refusal } }, { status: 403 });
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    createContext: () => createTrpcContext(req.headers),
  });
}

export { handler as GET, handler as POST };

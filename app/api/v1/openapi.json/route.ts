import { openApiDocument } from '@/server/http/openapi';

export const dynamic = 'force-dynamic';

export function GET(req: Request) {
  return Response.json(openApiDocument(new URL(req.url).origin));
}

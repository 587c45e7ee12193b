import { openApiDocument } from '@/server/http/openapi';
import { apiRoute } from '@/server/http/route';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(async (req) => Response.json(openApiDocument(new URL(req.url).origin)));

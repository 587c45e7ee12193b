// Ground-truth labels for earlier prediction events (ingestion key).
import { getDb } from '@/server/db/client';
import { getBus } from '@/server/events/bus';
import { handleIngestion, itemsIn } from '@/server/http/ingest';
import { apiRoute } from '@/server/http/route';
import { attachLabels } from '@/server/services/monitoring/labels';

export const dynamic = 'force-dynamic';

export const POST = apiRoute(async (req) => {
  const deps = { db: getDb(), bus: getBus() };
  return handleIngestion(req, deps, (principal, body) => attachLabels(deps.db, deps.bus, principal, body), itemsIn('labels'));
});

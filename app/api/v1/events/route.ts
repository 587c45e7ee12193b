// Prediction events from a deployment's serving code (ingestion key). See README "Sending predictions".
import { getDb } from '@/server/db/client';
import { getBus } from '@/server/events/bus';
import { handleIngestion, itemsIn } from '@/server/http/ingest';
import { apiRoute } from '@/server/http/route';
import { ingestEvents } from '@/server/services/monitoring/ingest';

export const dynamic = 'force-dynamic';

export const POST = apiRoute(async (req) => {
  const deps = { db: getDb(), bus: getBus() };
  return handleIngestion(req, deps, (principal, body) => ingestEvents(deps.db, deps.bus, principal, body), itemsIn('events'));
});

// Prediction events from a deployment's serving code (ingestion key). See README "Sending predictions".
import { getDb } from '@/server/db/client';
import { getBus } from '@/server/events/bus';
import { handleIngestion } from '@/server/http/ingest';
import { apiRoute } from '@/server/http/route';
import { itemsIn } from '@/server/services/monitoring/batches';
import { ingestEvents } from '@/server/services/monitoring/ingest';

export const dynamic = 'force-dynamic';

export const POST = apiRoute(async (req) => handleIngestion(req, { db: getDb(), bus: getBus() }, ingestEvents, itemsIn('events')));

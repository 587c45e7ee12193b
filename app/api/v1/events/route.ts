// Prediction events from a deployment's serving code (ingestion key). See README "Sending predictions".
import { getDb } from '@/server/db/client';
import { getBus } from '@/server/events/bus';
import { handleIngestion } from '@/server/http/ingest';
import { itemsIn } from '@/server/services/monitoring/batches';
import { ingestEvents } from '@/server/services/monitoring/ingest';

export const dynamic = 'force-dynamic';

export async function POST(req: Request) {
  return handleIngestion(req, { db: getDb(), bus: getBus() }, ingestEvents, itemsIn('events'));
}

// Ground-truth labels for earlier prediction events (ingestion key).
import { getDb } from '@/server/db/client';
import { getBus } from '@/server/events/bus';
import { handleIngestion } from '@/server/http/ingest';
import { apiRoute } from '@/server/http/route';
import { itemsIn } from '@/server/services/monitoring/batches';
import { attachLabels } from '@/server/services/monitoring/labels';

export const dynamic = 'force-dynamic';

export const POST = apiRoute(async (req) => handleIngestion(req, { db: getDb(), bus: getBus() }, attachLabels, itemsIn('labels')));

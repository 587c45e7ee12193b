// Drift of a deployment over a window, for machines: an ingestion key with the read scope for this
// deployment, a personal API token, or a browser session of someone who reads monitoring.
import { getDb } from '@/server/db/client';
import { getBus } from '@/server/events/bus';
import { handleDriftRead } from '@/server/http/drift';
import { apiRoute } from '@/server/http/route';

export const dynamic = 'force-dynamic';

export const GET = apiRoute<{ id: string }>(async (req, { id }) => handleDriftRead(req, id, { db: getDb(), bus: getBus() }));

// Drift of a deployment over a window, for machines: an ingestion key with the read scope for this
// deployment, a personal API token, or a browser session of someone who reads monitoring.
import { getDb } from '@/server/db/client';
import { getBus } from '@/server/events/bus';
import { handleDriftRead } from '@/server/http/drift';

export const dynamic = 'force-dynamic';

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return handleDriftRead(req, id, { db: getDb(), bus: getBus() });
}

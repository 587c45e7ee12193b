// GET /api/health: readiness for load balancers and operators (no sign-in): 200 when the database
// answers a query, 503 with Retry-After when it does not.
import { getDb } from '@/server/db/client';
import { databaseHealth } from '@/server/db/health';

export const dynamic = 'force-dynamic';

export async function GET() {
  return databaseHealth(getDb());
}

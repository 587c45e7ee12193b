// The app's one database handle, created on first use and shared across hot reloads and route bundles.
import 'server-only';
import { env } from '@/server/env';
import { connect, EMBEDDED_POOL_MAX } from './connect';

type Handle = ReturnType<typeof connect>;
const globalForDb = globalThis as unknown as { modelgateDb?: Handle };

export function getDbHandle(): Handle {
  if (!globalForDb.modelgateDb) {
    if (!env.DATABASE_URL) {
      throw new Error('DATABASE_URL is not set. Start Modelgate with `npm start` (embedded database) or set DATABASE_URL.');
    }
    globalForDb.modelgateDb = connect(env.DATABASE_URL, { max: env.MODELGATE_EMBEDDED ? EMBEDDED_POOL_MAX : env.DATABASE_POOL_MAX });
  }
  return globalForDb.modelgateDb;
}

export const getDb = () => getDbHandle().db;

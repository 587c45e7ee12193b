// The app's one database handle, created on first use and shared across hot reloads and route bundles.
import 'server-only';
import { env } from '@/server/env';
import { connect, EMBEDDED_POOL_MAX } from './connect';

type Handle = ReturnType<typeof connect>;

/** The app's server-side limits on each connection (ignored by embedded PGlite, which has one session). */
export const appSessionTimeouts = () => ({ statementMs: env.DATABASE_STATEMENT_TIMEOUT_MS, idleInTransactionMs: env.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS });
const globalForDb = globalThis as unknown as { modelgateDb?: Handle };

export function getDbHandle(): Handle {
  if (!globalForDb.modelgateDb) {
    if (!env.DATABASE_URL) {
      throw new Error('DATABASE_URL is not set. Start Modelgate with `npm start` (embedded database) or set DATABASE_URL.');
    }
    globalForDb.modelgateDb = connect(env.DATABASE_URL, { max: env.MODELGATE_EMBEDDED ? EMBEDDED_POOL_MAX : env.DATABASE_POOL_MAX, timeouts: appSessionTimeouts() });
  }
  return globalForDb.modelgateDb;
}

export const getDb = () => getDbHandle().db;

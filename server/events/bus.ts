// The app's live bus: in-process on the embedded database, LISTEN/NOTIFY on a real Postgres.
import 'server-only';
import { env } from '@/server/env';
import { createMemoryBus } from './memory-bus';
import { createPgBus } from './pg-bus';
import type { EventBus } from './types';

const globalForBus = globalThis as unknown as { modelgateBus?: EventBus };

export function getBus(): EventBus {
  if (!globalForBus.modelgateBus) {
    globalForBus.modelgateBus =
      env.MODELGATE_EMBEDDED || !env.DATABASE_URL ? createMemoryBus() : createPgBus(env.DATABASE_URL);
  }
  return globalForBus.modelgateBus;
}

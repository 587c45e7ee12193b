// Housekeeping of short-lived security data. Not audited: the sign-ins and sign-outs themselves
// are in the audit trail; these rows only back session checks and sign-in throttling.
import 'server-only';
import { lt, or, sql } from 'drizzle-orm';
import { knownSignInAddresses, sessions, signInThrottles } from '@/server/db/schema';
import { env } from '@/server/env';
import type { Job } from './run-due-jobs';

export const HOUSEKEEPING_JOBS: readonly Job[] = [
  {
    name: 'sessions.prune',
    everySeconds: 3600,
    run: async (tx) => {
      const gone = await tx
        .delete(sessions)
        .where(or(lt(sessions.expiresAt, sql`now() - interval '7 days'`), lt(sessions.revokedAt, sql`now() - interval '7 days'`)))
        .returning({ id: sessions.id });
      return { deleted: gone.length };
    },
  },
  {
    // Counters quiet for a day (past any wait) are spent; known addresses expire unless used again.
    name: 'sign_in_throttles.prune',
    everySeconds: 3600,
    run: async (tx) => {
      const counters = await tx
        .delete(signInThrottles)
        .where(sql`greatest(${signInThrottles.lastFailureAt}, coalesce(${signInThrottles.blockedUntil}, ${signInThrottles.lastFailureAt})) < now() - interval '1 day'`)
        .returning({ key: signInThrottles.key });
      const addresses = await tx
        .delete(knownSignInAddresses)
        .where(lt(knownSignInAddresses.lastSucceededAt, sql`now() - make_interval(days => ${env.LOGIN_KNOWN_ADDRESS_DAYS})`))
        .returning({ ip: knownSignInAddresses.ip });
      return { deleted: counters.length, knownAddressesDeleted: addresses.length };
    },
  },
];

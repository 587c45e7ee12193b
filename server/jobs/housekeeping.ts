// Housekeeping of short-lived security data. Not audited: the sign-ins and sign-outs themselves
// are in the audit trail; these rows only back session checks and sign-in throttling.
import { lt, or, sql } from 'drizzle-orm';
import { loginAttempts, sessions } from '@/server/db/schema';
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
    name: 'login_attempts.prune',
    everySeconds: 3600,
    run: async (tx) => {
      const gone = await tx.delete(loginAttempts).where(lt(loginAttempts.at, sql`now() - interval '1 day'`)).returning({ id: loginAttempts.id });
      return { deleted: gone.length };
    },
  },
];

// Brute-force protection: failed sign-ins since the last success, counted per account and per IP
// over a sliding window, in Postgres so every app instance enforces the same limit.
import 'server-only';
import { and, count, eq, gt, min } from 'drizzle-orm';
import type { DbOrTx } from '@/server/db/connect';
import { loginAttempts } from '@/server/db/schema';
import { env } from '@/server/env';
import { TooManyRequestsError } from '@/server/errors';

async function failuresSince(db: DbOrTx, column: typeof loginAttempts.email | typeof loginAttempts.ip, value: string, since: Date) {
  const [lastSuccess] = await db
    .select({ at: loginAttempts.at })
    .from(loginAttempts)
    .where(and(eq(column, value), eq(loginAttempts.succeeded, true), gt(loginAttempts.at, since)))
    .orderBy(loginAttempts.at)
    .limit(1);
  const from = lastSuccess && column === loginAttempts.email ? lastSuccess.at : since;
  const [row] = await db
    .select({ n: count(), oldest: min(loginAttempts.at) })
    .from(loginAttempts)
    .where(and(eq(column, value), eq(loginAttempts.succeeded, false), gt(loginAttempts.at, from)));
  return { n: row?.n ?? 0, oldest: row?.oldest ?? null };
}

export async function assertNotThrottled(db: DbOrTx, email: string, ip: string) {
  const windowMs = env.LOGIN_WINDOW_MINUTES * 60_000;
  const since = new Date(Date.now() - windowMs);
  const checks = [
    { ...(await failuresSince(db, loginAttempts.email, email, since)), max: env.LOGIN_MAX_FAILURES_PER_ACCOUNT, what: 'for this account' },
    { ...(await failuresSince(db, loginAttempts.ip, ip, since)), max: env.LOGIN_MAX_FAILURES_PER_IP, what: 'from your network address' },
  ];
  for (const c of checks) {
    if (c.n >= c.max) {
      const oldest = c.oldest ? new Date(c.oldest).getTime() : Date.now();
      const retryAfterSeconds = Math.max(1, Math.ceil((oldest + windowMs - Date.now()) / 1000));
      const minutes = Math.ceil(retryAfterSeconds / 60);
      throw new TooManyRequestsError(
        `Too many failed sign-in attempts ${c.what}. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
        retryAfterSeconds,
      );
    }
  }
}

export async function recordAttempt(db: DbOrTx, email: string, ip: string, succeeded: boolean) {
  await db.insert(loginAttempts).values({ email, ip, succeeded });
}

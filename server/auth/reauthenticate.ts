// Re-authentication at the moment of an electronic signature: the signer re-enters their password,
// or, for accounts that only use single sign-on, has signed in within the configured minutes.
// Wrong passwords count towards the same throttling counters as sign-in (server/auth/throttle.ts).
import 'server-only';
import { and, eq, sql, type SQLWrapper } from 'drizzle-orm';
import type { Database } from '@/server/db/connect';
import { prepared } from '@/server/db/prepared';
import { sessions, users } from '@/server/db/schema';
import { env } from '@/server/env';
import { PreconditionFailedError, TooManyRequestsError, UnauthorizedError, ValidationError } from '@/server/errors';
import { actorOf } from '@/server/audit/emit';
import type { ServiceContext, SessionUser } from '@/server/services/context';
import { mutate } from '@/server/services/mutate';
import { verifyPassword } from './password';
import { claimAttempt, recordSuccess, retryAfterSeconds, throttleAudit, throttledMessage, throttlesAfterFailure } from './throttle';

export type Reauthentication = { method: 'password' | 'recent_sso'; email: string };

export class WrongPasswordError extends ValidationError {}

export async function reauthenticate(ctx: ServiceContext, user: SessionUser, password: string | undefined): Promise<Reauthentication> {
  const db = ctx.db;
  // One round trip: the account and, for single sign-on, when this request's session began.
  const query = (on: Database, userId: SQLWrapper | string, sessionId: SQLWrapper | string) =>
    on
      .select({ email: users.email, passwordHash: users.passwordHash, disabled: users.disabled, sessionStartedAt: sessions.createdAt })
      .from(users)
      .leftJoin(sessions, and(eq(sessions.userId, users.id), eq(sessions.id, sessionId)))
      .where(eq(users.id, userId));
  const ready = prepared(db, 'auth.reauthenticate', (pool) => query(pool, sql.placeholder('userId'), sql.placeholder('sessionId')).prepare('auth_reauthenticate'));
  const sessionId = user.sessionId ?? '00000000-0000-0000-0000-000000000000';
  const [row] = ready ? await ready.execute({ userId: user.id, sessionId }) : await query(db, user.id, sessionId);
  if (!row || row.disabled) throw new UnauthorizedError('Your account is not active.');
  const email = row.email.toLowerCase();
  if (row.passwordHash) {
    if (!password) throw new ValidationError('Re-enter your password to sign.', { issues: [{ path: 'password', message: 'Re-enter your password to sign.' }] });
    const attempt = { email, ip: ctx.request.ip ?? 'unknown', userId: user.id };
    const actor = actorOf(ctx);
    const claim = await claimAttempt(db, attempt);
    if (claim.refusedBy) {
      const refusedBy = claim.refusedBy;
      await mutate(ctx, ({ audit }) => audit(throttleAudit.refused(refusedBy, attempt, actor)));
      throw new TooManyRequestsError(throttledMessage(refusedBy), retryAfterSeconds(refusedBy));
    }
    const ok = await verifyPassword(row.passwordHash, password);
    if (!ok) {
      // The wrong password itself is audited by the caller (signature.failed); delays it starts are audited here.
      const throttled = await throttlesAfterFailure(db, attempt, claim);
      if (throttled.length > 0) await mutate(ctx, async ({ audit }) => { for (const t of throttled) await audit(throttleAudit.applied(t, actor)); });
      throw new WrongPasswordError('That password is not correct. Nothing was signed.', { issues: [{ path: 'password', message: 'That password is not correct.' }] });
    }
    await recordSuccess(db, attempt, claim);
    return { method: 'password', email: row.email };
  }
  // Single sign-on: the session behind this request must be fresh.
  const maxAgeMs = env.SIGNATURE_SSO_MAX_AGE_MINUTES * 60_000;
  if (!row.sessionStartedAt || Date.now() - row.sessionStartedAt.getTime() > maxAgeMs) {
    throw new PreconditionFailedError(`Signing needs a sign-in from the last ${env.SIGNATURE_SSO_MAX_AGE_MINUTES} minutes. Sign out and sign in again with single sign-on, then sign.`);
  }
  return { method: 'recent_sso', email: row.email };
}

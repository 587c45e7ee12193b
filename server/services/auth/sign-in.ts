// Email + password sign-in: throttled (server/auth/throttle.ts), argon2id-verified, audited, and
// backed by a server-side session. Every refusal, and every delay a failure starts, is audited.
import 'server-only';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AuditActor } from '@/server/audit/emit';
import { verifyPassword } from '@/server/auth/password';
import { createSession } from '@/server/auth/sessions';
import { claimAttempt, recordSuccess, retryAfterSeconds, throttleAudit, throttledMessage, throttlesAfterFailure, type SignInAttempt } from '@/server/auth/throttle';
import { users, type User } from '@/server/db/schema';
import { TooManyRequestsError, UnauthorizedError, ValidationError } from '@/server/errors';
import type { SessionUser, VerbArgs } from '../context';
import { mutate } from '../mutate';

const signInInput = z.object({
  email: z.string().trim().toLowerCase().email(),
  password: z.string().min(1).max(1024),
});

const actorFor = (user: User | undefined, email: string): AuditActor => ({ type: 'user', id: user?.id ?? null, name: user?.name ?? email, roles: user?.roles ?? [] });

export async function signInWithPassword({ ctx, input }: VerbArgs<unknown>): Promise<SessionUser> {
  const parsed = signInInput.safeParse(input);
  if (!parsed.success) throw new ValidationError('Enter your email address and password.');
  const { email, password } = parsed.data;
  const [user] = await ctx.db.select().from(users).where(sql`lower(${users.email}) = ${email}`);
  const attempt: SignInAttempt = { email, ip: ctx.request.ip ?? 'unknown', userId: user?.id ?? null };
  const actor = actorFor(user, email);

  const claim = await claimAttempt(ctx.db, attempt);
  if (claim.refusedBy) {
    const refusedBy = claim.refusedBy;
    await mutate(ctx, ({ audit }) => audit(throttleAudit.refused(refusedBy, attempt, actor)));
    throw new TooManyRequestsError(throttledMessage(refusedBy), retryAfterSeconds(refusedBy));
  }

  const valid = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !valid || user.disabled) {
    const throttled = await throttlesAfterFailure(ctx.db, attempt, claim);
    await mutate(ctx, async ({ audit }) => {
      await audit({
        action: 'auth.sign_in_failed',
        entityType: 'user',
        entityId: user?.id ?? email,
        after: { email, reason: !user ? 'unknown_email' : user.disabled ? 'disabled' : 'wrong_password' },
        actor,
      });
      for (const t of throttled) await audit(throttleAudit.applied(t, actor));
    });
    throw new UnauthorizedError(user?.disabled && valid ? 'This account is disabled. Ask an administrator.' : 'Email or password is incorrect.');
  }

  const sessionId = await mutate(ctx, async ({ tx, audit }) => {
    await recordSuccess(tx, { ...attempt, userId: user.id }, claim);
    const id = await createSession(tx, user.id, 'credentials', ctx.request);
    await audit({
      action: 'auth.signed_in',
      entityType: 'user',
      entityId: user.id,
      after: { provider: 'credentials', sessionId: id },
      actor: { type: 'user', id: user.id, name: user.name, roles: user.roles },
    });
    return id;
  });
  return { id: user.id, email: user.email, name: user.name, roles: user.roles, sessionId };
}

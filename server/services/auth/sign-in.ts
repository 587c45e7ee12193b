// Email + password sign-in: throttled, argon2id-verified, audited, and backed by a server-side session.
import 'server-only';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { verifyPassword } from '@/server/auth/password';
import { createSession } from '@/server/auth/sessions';
import { assertNotThrottled, recordAttempt } from '@/server/auth/throttle';
import { users } from '@/server/db/schema';
import { UnauthorizedError, ValidationError } from '@/server/errors';
import type { SessionUser, VerbArgs } from '../context';
import { mutate } from '../mutate';

export const signInInput = z.object({
  email: z.string().trim().toLowerCase().email(),
  password: z.string().min(1).max(1024),
});

export async function signInWithPassword({ ctx, input }: VerbArgs<unknown>): Promise<SessionUser> {
  const parsed = signInInput.safeParse(input);
  if (!parsed.success) throw new ValidationError('Enter your email address and password.');
  const { email, password } = parsed.data;
  const ip = ctx.request.ip ?? 'unknown';

  await assertNotThrottled(ctx.db, email, ip);
  const [user] = await ctx.db.select().from(users).where(sql`lower(${users.email}) = ${email}`);
  const valid = await verifyPassword(user?.passwordHash ?? null, password);

  if (!user || !valid || user.disabled) {
    await mutate(ctx, async ({ tx, audit }) => {
      await recordAttempt(tx, email, ip, false);
      await audit({
        action: 'auth.sign_in_failed',
        entityType: 'user',
        entityId: user?.id ?? email,
        after: { email, reason: !user ? 'unknown_email' : user.disabled ? 'disabled' : 'wrong_password' },
        actor: { type: 'user', id: user?.id ?? null, name: user?.name ?? email, roles: user?.roles ?? [] },
      });
    });
    throw new UnauthorizedError(user?.disabled && valid ? 'This account is disabled. Ask an administrator.' : 'Email or password is incorrect.');
  }

  const sessionId = await mutate(ctx, async ({ tx, audit }) => {
    await recordAttempt(tx, email, ip, true);
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

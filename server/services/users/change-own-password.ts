import 'server-only';
import { and, eq, isNull, ne } from 'drizzle-orm';
import { changePasswordSchema } from '@/lib/validation/users';
import { hashPassword, verifyPassword } from '@/server/auth/password';
import { sessions, users } from '@/server/db/schema';
import { ForbiddenError } from '@/server/errors';
import { requireCapability } from '../authorize';
import type { VerbArgs } from '../context';
import { mutate } from '../mutate';
import { parseInput } from '../validate';

/** Changes the caller's password after re-checking the current one; other sessions are signed out. */
export async function changeOwnPassword({ ctx, input }: VerbArgs<unknown>) {
  const me = requireCapability(ctx, 'session.use');
  const data = parseInput(changePasswordSchema, input);
  const [row] = await ctx.db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, me.id));
  if (!(await verifyPassword(row?.passwordHash ?? null, data.currentPassword))) {
    throw new ForbiddenError('Your current password is not correct.');
  }
  const passwordHash = await hashPassword(data.newPassword);
  await mutate(ctx, async ({ tx, audit }) => {
    await tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, me.id));
    const others = me.sessionId ? and(eq(sessions.userId, me.id), isNull(sessions.revokedAt), ne(sessions.id, me.sessionId)) : and(eq(sessions.userId, me.id), isNull(sessions.revokedAt));
    await tx.update(sessions).set({ revokedAt: new Date() }).where(others);
    await audit({ action: 'user.password_changed', entityType: 'user', entityId: me.id });
  });
  return { ok: true as const };
}

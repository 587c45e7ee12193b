// Admins see the sign-in throttling counters (who is being slowed down, from where, until when)
// and clear one, e.g. to let a person back in at once from a new address during an attack.
import 'server-only';
import { and, desc, eq, gt, or, sql } from 'drizzle-orm';
import { clearSignInThrottleSchema } from '@/lib/validation/users';
import { signInThrottles } from '@/server/db/schema';
import { env } from '@/server/env';
import { NotFoundError } from '@/server/errors';
import { requireCapability } from '../authorize';
import type { VerbArgs } from '../context';
import { mutate } from '../mutate';
import { parseInput } from '../validate';


/** Counters still counting (a failure inside the window) or waiting; waiting ones first. */
export async function listSignInThrottles({ ctx }: VerbArgs<void>) {
  requireCapability(ctx, 'user.manage');
  const rows = await ctx.db
    .select()
    .from(signInThrottles)
    .where(
      or(
        gt(signInThrottles.blockedUntil, sql`now()`),
        gt(signInThrottles.lastFailureAt, sql`now() - make_interval(mins => ${env.LOGIN_WINDOW_MINUTES})`),
      ),
    )
    .orderBy(desc(signInThrottles.blockedUntil), desc(signInThrottles.lastFailureAt))
    .limit(200);
  const now = Date.now();
  return rows.map((r) => ({ ...r, waiting: !!r.blockedUntil && r.blockedUntil.getTime() > now }));
}

export async function clearSignInThrottle({ ctx, input }: VerbArgs<unknown>) {
  requireCapability(ctx, 'user.manage');
  const data = parseInput(clearSignInThrottleSchema, input);
  return mutate(ctx, async ({ tx, audit }) => {
    const [gone] = await tx
      .delete(signInThrottles)
      .where(and(eq(signInThrottles.scope, data.scope), eq(signInThrottles.key, data.key)))
      .returning();
    if (!gone) throw new NotFoundError('This sign-in limit has already ended or been cleared.');
    await audit({
      action: 'auth.throttle_cleared',
      entityType: 'sign_in_throttle',
      entityId: `${gone.scope}:${gone.key}`,
      before: { scope: gone.scope, email: gone.email, ip: gone.ip, failures: gone.failures, blockedUntil: gone.blockedUntil?.toISOString() ?? null },
      reason: data.reason ?? null,
    });
    return { scope: gone.scope, key: gone.key };
  });
}

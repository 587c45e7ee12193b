import 'server-only';
import { eq } from 'drizzle-orm';
import { setUserDisabledSchema } from '@/lib/validation/users';
import { revokeUserSessions } from '@/server/auth/sessions';
import { users } from '@/server/db/schema';
import { ConflictError, NotFoundError } from '@/server/errors';
import { requireCapability } from '../authorize';
import type { VerbArgs } from '../context';
import { mutate } from '../mutate';
import { parseInput } from '../validate';
import { USERS_CHANGED } from './events';
import { assertAnotherActiveAdmin } from './last-admin';

/** Disables (and revokes every session of) a person, or enables them again. */
export async function setUserDisabled({ ctx, input }: VerbArgs<unknown>) {
  const actor = requireCapability(ctx, 'user.manage');
  const data = parseInput(setUserDisabledSchema, input);
  if (data.disabled && data.userId === actor.id) throw new ConflictError('You cannot disable your own account.');
  return mutate(ctx, async ({ tx, audit, publish }) => {
    const [before] = await tx.select().from(users).where(eq(users.id, data.userId)).for('update');
    if (!before) throw new NotFoundError('No such user.');
    if (before.disabled === data.disabled) return { id: before.id, disabled: before.disabled };
    if (data.disabled && before.roles.includes('admin')) {
      await assertAnotherActiveAdmin(tx, before.id, 'This is the last active admin and cannot be disabled.');
    }
    await tx.update(users).set({ disabled: data.disabled, updatedAt: new Date() }).where(eq(users.id, before.id));
    if (data.disabled) await revokeUserSessions(tx, before.id);
    await audit({
      action: data.disabled ? 'user.disabled' : 'user.enabled',
      entityType: 'user',
      entityId: before.id,
      before: { disabled: before.disabled },
      after: { disabled: data.disabled },
      reason: data.reason ?? null,
    });
    publish(USERS_CHANGED(before.id));
    return { id: before.id, disabled: data.disabled };
  });
}

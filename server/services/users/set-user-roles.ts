import 'server-only';
import { eq } from 'drizzle-orm';
import { setUserRolesSchema } from '@/lib/validation/users';
import { users } from '@/server/db/schema';
import { NotFoundError } from '@/server/errors';
import { requireCapability } from '../authorize';
import type { VerbArgs } from '../context';
import { mutate } from '../mutate';
import { parseInput } from '../validate';
import { USERS_CHANGED } from './events';
import { assertAnotherActiveAdmin } from './last-admin';

/** Replaces a person's roles. Takes effect on their next request (roles are read per request). */
export async function setUserRoles({ ctx, input }: VerbArgs<unknown>) {
  requireCapability(ctx, 'user.manage');
  const data = parseInput(setUserRolesSchema, input);
  return mutate(ctx, async ({ tx, audit, publish }) => {
    const [before] = await tx.select().from(users).where(eq(users.id, data.userId)).for('update');
    if (!before) throw new NotFoundError('No such user.');
    if (before.roles.includes('admin') && !data.roles.includes('admin')) {
      await assertAnotherActiveAdmin(tx, before.id, 'This is the last active admin; give another person the admin role first.');
    }
    const [after] = await tx
      .update(users)
      .set({ roles: data.roles, updatedAt: new Date() })
      .where(eq(users.id, data.userId))
      .returning();
    if (!after) throw new NotFoundError('No such user.');
    await audit({
      action: 'user.roles_changed',
      entityType: 'user',
      entityId: after.id,
      before: { roles: before.roles },
      after: { roles: after.roles },
      reason: data.reason ?? null,
    });
    publish(USERS_CHANGED(after.id));
    return { id: after.id, roles: after.roles };
  });
}

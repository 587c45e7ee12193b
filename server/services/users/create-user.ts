import 'server-only';
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { createUserSchema } from '@/lib/validation/users';
import { hashPassword } from '@/server/auth/password';
import { users } from '@/server/db/schema';
import { ConflictError } from '@/server/errors';
import { requireCapability } from '../authorize';
import type { VerbArgs } from '../context';
import { mutate } from '../mutate';
import { parseInput } from '../validate';
import { USERS_CHANGED } from './events';

/** Creates (invites) a person. Without a password, a temporary one is generated and returned once. */
export async function createUser({ ctx, input }: VerbArgs<unknown>) {
  requireCapability(ctx, 'user.manage');
  const data = parseInput(createUserSchema, input);
  const temporaryPassword = data.password ? null : randomBytes(12).toString('base64url');
  const passwordHash = await hashPassword(data.password ?? temporaryPassword ?? '');

  const user = await mutate(ctx, async ({ tx, audit, publish }) => {
    const [clash] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${data.email}`);
    if (clash) throw new ConflictError(`A user with the email ${data.email} already exists.`);
    const [row] = await tx
      .insert(users)
      .values({ email: data.email, name: data.name, roles: data.roles, passwordHash })
      .returning({ id: users.id, email: users.email, name: users.name, roles: users.roles, disabled: users.disabled });
    if (!row) throw new Error('user insert returned nothing');
    await audit({ action: 'user.created', entityType: 'user', entityId: row.id, after: { email: row.email, name: row.name, roles: row.roles, disabled: false } });
    publish(USERS_CHANGED(row.id));
    return row;
  });
  return { user, temporaryPassword };
}

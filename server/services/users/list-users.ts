import 'server-only';
import { asc } from 'drizzle-orm';
import { users } from '@/server/db/schema';
import { requireCapability } from '../authorize';
import type { VerbArgs } from '../context';


export async function listUsers({ ctx }: VerbArgs<void>) {
  requireCapability(ctx, 'user.read');
  return ctx.db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      roles: users.roles,
      disabled: users.disabled,
      sso: users.passwordHash,
      createdAt: users.createdAt,
      updatedAt: users.updatedAt,
    })
    .from(users)
    .orderBy(asc(users.name))
    .then((rows) => rows.map(({ sso, ...u }) => ({ ...u, hasPassword: sso !== null })));
}

import 'server-only';
import { asc } from 'drizzle-orm';
import { users } from '@/server/db/schema';
import { requireRole } from '../authorize';
import type { VerbArgs } from '../context';

export const USER_READERS = ['admin', 'auditor'] as const;

export async function listUsers({ ctx }: VerbArgs<void>) {
  requireRole(ctx, USER_READERS);
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

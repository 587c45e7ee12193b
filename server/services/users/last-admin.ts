import 'server-only';
import { and, eq, ne, sql } from 'drizzle-orm';
import type { Tx } from '@/server/db/connect';
import { users } from '@/server/db/schema';
import { ConflictError } from '@/server/errors';

/** Someone must always be able to administer Modelgate. */
export async function assertAnotherActiveAdmin(tx: Tx, userId: string, message: string) {
  const [others] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(and(ne(users.id, userId), eq(users.disabled, false), sql`'admin' = any(${users.roles})`));
  if (!others?.n) throw new ConflictError(message);
}

// Who may be told about a subject: active people, narrowed to those who may see it. Every fan-out
// reads its recipients through here, so a disabled person or one without the reading role is
// never passed to notify().
import 'server-only';
import { and, arrayOverlaps, eq, inArray, ne, type SQL } from 'drizzle-orm';
import type { Role } from '@/lib/roles';
import type { DbOrTx } from '@/server/db/connect';
import { modelWatches, users } from '@/server/db/schema';

export type Recipient = { id: string; name: string; roles: Role[] };

/** `readers` null: any signed-in person may see the subject (models and versions). */
function visible(readers: readonly Role[] | null): SQL | undefined {
  return readers ? arrayOverlaps(users.roles, [...readers]) : undefined;
}

/** The given people, if active and allowed to see the subject. */
export async function activePeople(db: DbOrTx, ids: (string | null | undefined)[], readers: readonly Role[] | null): Promise<Recipient[]> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (wanted.length === 0) return [];
  return db
    .select({ id: users.id, name: users.name, roles: users.roles })
    .from(users)
    .where(and(inArray(users.id, wanted), eq(users.disabled, false), visible(readers)));
}

/** Active people holding any of `roles` (and allowed to see the subject). */
export async function activeWithRoles(db: DbOrTx, roles: readonly Role[], readers: readonly Role[] | null): Promise<Recipient[]> {
  if (roles.length === 0) return [];
  return db
    .select({ id: users.id, name: users.name, roles: users.roles })
    .from(users)
    .where(and(eq(users.disabled, false), arrayOverlaps(users.roles, [...roles]), visible(readers)));
}

/** The model's active watchers who may see the subject, without `except` (usually the actor). */
export async function activeWatchers(db: DbOrTx, modelId: string, readers: readonly Role[] | null, except: string | null = null): Promise<Recipient[]> {
  return db
    .select({ id: users.id, name: users.name, roles: users.roles })
    .from(modelWatches)
    .innerJoin(users, eq(users.id, modelWatches.userId))
    .where(and(eq(modelWatches.modelId, modelId), eq(users.disabled, false), visible(readers), except ? ne(users.id, except) : undefined));
}

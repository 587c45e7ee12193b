// Keeps the stored keys of model names (name_key: the folded name; name_skeleton: its look-alike
// skeleton) current with lib/model-name-key.ts. Rows written before full case folding or before
// skeletons existed get theirs recomputed, with the migrations and under their lock, so lookups by
// name and the unique indexes see current keys from the first request on. Derived data: not audited.
import 'server-only';
import { sql } from 'drizzle-orm';
import { modelNameKey, modelNameSkeleton } from '@/lib/model-name-key';
import type { DbOrTx } from './connect';
import { registeredModels } from './schema';

/**
 * Recomputes what is stale; returns how many rows changed and the names that could not take their
 * new key because an older model already holds it (two old names that now count as one: an admin
 * renames one of them; until then both stay reachable by id and the older one by name).
 */
export async function refreshModelNameKeys(db: DbOrTx): Promise<{ updated: number; clashes: string[] }> {
  const rows = await db
    .select({ id: registeredModels.id, name: registeredModels.name, nameKey: registeredModels.nameKey, nameSkeleton: registeredModels.nameSkeleton })
    .from(registeredModels)
    .orderBy(registeredModels.createdAt, registeredModels.id);
  let updated = 0;
  const clashes: string[] = [];
  for (const row of rows) {
    const key = modelNameKey(row.name);
    const skeleton = modelNameSkeleton(row.name);
    if (key === row.nameKey && skeleton === row.nameSkeleton) continue;
    // Each column only where no other model holds the value: the unique indexes are never violated.
    const [changed] = await db.execute<{ key_set: boolean; skeleton_set: boolean }>(sql`
      update registered_models set
        name_key = case when not exists (select 1 from registered_models o where o.name_key = ${key} and o.id <> ${row.id}) then ${key} else name_key end,
        name_skeleton = case when not exists (select 1 from registered_models o where o.name_skeleton = ${skeleton} and o.id <> ${row.id}) then ${skeleton} else name_skeleton end
      where id = ${row.id}
      returning name_key = ${key} as key_set, name_skeleton is not distinct from ${skeleton} as skeleton_set`);
    updated++;
    if (!changed?.key_set || !changed.skeleton_set) clashes.push(row.name);
  }
  if (clashes.length > 0) console.warn(`[catalog] ${clashes.length} model name(s) now read the same as an older model's and keep their old key until renamed: ${clashes.map((n) => JSON.stringify(n)).join(', ')}`);
  return { updated, clashes };
}

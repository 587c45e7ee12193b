import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/server/db/connect';
import { modelVersions, registeredModels } from '@/server/db/schema';
import { NotFoundError } from '@/server/errors';

/** A model's version by number, locked for update when asked; NotFound names what was missing. */
export async function findVersion(db: DbOrTx, modelId: string, version: number, options: { lock?: boolean } = {}) {
  const query = db
    .select({ version: modelVersions, model: registeredModels })
    .from(modelVersions)
    .innerJoin(registeredModels, eq(registeredModels.id, modelVersions.modelId))
    .where(and(eq(modelVersions.modelId, modelId), eq(modelVersions.version, version)));
  const [row] = options.lock ? await query.for('update', { of: modelVersions }) : await query;
  if (!row) throw new NotFoundError(`Version ${version} of this model does not exist.`);
  return row;
}

import 'server-only';
import { eq } from 'drizzle-orm';
import { updateModelSchema } from '@/lib/validation/catalog';
import { registeredModels } from '@/server/db/schema';
import { NotFoundError, ValidationError } from '@/server/errors';
import { requireCapability } from '../authorize';
import type { VerbArgs } from '../context';
import { mutate } from '../mutate';
import { parseInput } from '../validate';
import { CATALOG_CHANGED } from './events';
import { withoutSearch } from './get-model';

/**
 * Edits a model's description, owner team, risk tier or tags (the name and task type stay): only
 * the fields given change. A release request already submitted keeps the policy it was submitted
 * under; a higher tier applies to it as well (releases/policies.ts, judgedPolicy).
 */
export async function updateModel({ ctx, input }: VerbArgs<unknown>) {
  requireCapability(ctx, 'model.update');
  const { modelId, ...changes } = parseInput(updateModelSchema, input);
  if (Object.values(changes).every((v) => v === undefined)) throw new ValidationError('Give at least one field to change: description, ownerTeam, riskTier or tags.');
  return mutate(ctx, async ({ tx, audit, publish }) => {
    const [before] = await tx.select().from(registeredModels).where(eq(registeredModels.id, modelId)).for('update');
    if (!before) throw new NotFoundError('No such model.');
    const [after] = await tx.update(registeredModels).set({ ...changes, updatedAt: new Date() }).where(eq(registeredModels.id, modelId)).returning();
    if (!after) throw new NotFoundError('No such model.');
    const pick = (m: typeof before) => ({ description: m.description, ownerTeam: m.ownerTeam, riskTier: m.riskTier, tags: m.tags });
    await audit({ action: 'model.updated', entityType: 'registered_model', entityId: modelId, before: pick(before), after: pick(after) });
    publish(CATALOG_CHANGED(modelId));
    return withoutSearch(after);
  });
}

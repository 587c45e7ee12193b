import 'server-only';
import { eq } from 'drizzle-orm';
import { modelNameKey, registerModelSchema } from '@/lib/validation/catalog';
import { isUniqueViolation } from '@/server/db/errors';
import { registeredModels } from '@/server/db/schema';
import { ConflictError } from '@/server/errors';
import { requireCapability } from '../authorize';
import type { VerbArgs } from '../context';
import { mutate } from '../mutate';
import { parseInput } from '../validate';
import { CATALOG_CHANGED } from './events';
import { withoutSearch } from './get-model';

const clash = (name: string) =>
  new ConflictError(`A model named “${name}” already exists. Model names are unique ignoring letter case and extra spaces; register a new version of it instead.`);

export async function registerModel({ ctx, input }: VerbArgs<unknown>) {
  const user = requireCapability(ctx, 'model.register');
  const data = parseInput(registerModelSchema, input);
  const nameKey = modelNameKey(data.name);
  try {
    return await mutate(ctx, async ({ tx, audit, publish }) => {
      const [existing] = await tx.select({ name: registeredModels.name }).from(registeredModels).where(eq(registeredModels.nameKey, nameKey));
      if (existing) throw clash(existing.name);
      const [model] = await tx
        .insert(registeredModels)
        .values({ ...data, nameKey, createdBy: user.id })
        .returning();
      if (!model) throw new Error('model insert returned nothing');
      await audit({
        action: 'model.registered',
        entityType: 'registered_model',
        entityId: model.id,
        after: { name: model.name, description: model.description, ownerTeam: model.ownerTeam, taskType: model.taskType, riskTier: model.riskTier, tags: model.tags },
      });
      publish(CATALOG_CHANGED(model.id));
      return withoutSearch(model);
    });
  } catch (err) {
    // Two people registering the same name at the same moment: the unique index decides.
    if (isUniqueViolation(err)) throw clash(data.name);
    throw err;
  }
}

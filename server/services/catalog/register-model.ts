import 'server-only';
import { eq, or } from 'drizzle-orm';
import { modelNameKey, modelNameSkeleton } from '@/lib/model-name-key';
import { registerModelSchema } from '@/lib/validation/catalog';
import { isUniqueViolation } from '@/server/db/errors';
import { registeredModels } from '@/server/db/schema';
import { ConflictError } from '@/server/errors';
import { requireCapability } from '../authorize';
import type { VerbArgs } from '../context';
import { mutate } from '../mutate';
import { parseInput } from '../validate';
import { CATALOG_CHANGED } from './events';
import { withoutSearch } from './get-model';

const clash = (existing: string, wanted: string) =>
  new ConflictError(
    modelNameKey(existing) === modelNameKey(wanted)
      ? `A model named “${existing}” already exists. Model names are unique ignoring letter case and extra spaces; register a new version of it instead.`
      : `“${wanted}” looks the same as the existing model “${existing}” (look-alike letters from another alphabet, or characters such as “rn” and “m”). Choose a clearly different name, or register a new version of “${existing}”.`,
  );

export async function registerModel({ ctx, input }: VerbArgs<unknown>) {
  const user = requireCapability(ctx, 'model.register');
  const data = parseInput(registerModelSchema, input);
  const nameKey = modelNameKey(data.name);
  const nameSkeleton = modelNameSkeleton(data.name);
  try {
    return await mutate(ctx, async ({ tx, audit, publish }) => {
      const [existing] = await tx
        .select({ name: registeredModels.name })
        .from(registeredModels)
        .where(or(eq(registeredModels.nameKey, nameKey), eq(registeredModels.nameSkeleton, nameSkeleton)))
        .limit(1);
      if (existing) throw clash(existing.name, data.name);
      const [model] = await tx
        .insert(registeredModels)
        .values({ ...data, nameKey, nameSkeleton, createdBy: user.id })
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
    // Two people registering the same or look-alike names at the same moment: the unique indexes decide.
    if (isUniqueViolation(err)) throw clash(data.name, data.name);
    throw err;
  }
}

// The demo catalog: real TF.js models trained by scripts/demo/generate.ts (committed output),
// registered through the same service verbs a data scientist's upload uses.
import { loadDemoCatalog } from './load';
import { createMemoryBus } from '@/server/events/memory-bus';
import { createVersion } from '@/server/services/catalog/create-version';
import { registerModel } from '@/server/services/catalog/register-model';
import { setAlias } from '@/server/services/catalog/set-alias';
import type { ServiceContext, SessionUser } from '@/server/services/context';
import type { Database } from '@/server/db/connect';

export async function seedDemoCatalog(db: Database, scientist: SessionUser) {
  const ctx: ServiceContext = { db, bus: createMemoryBus(), user: scientist, request: { requestId: 'seed', ip: null, userAgent: 'modelgate-seed' } };
  const catalog = await loadDemoCatalog();
  for (const demo of catalog) {
    const model = await registerModel({
      ctx,
      input: { name: demo.name, description: demo.description, ownerTeam: demo.ownerTeam, taskType: demo.taskType, riskTier: demo.riskTier, tags: demo.tags },
    });
    for (const v of demo.versions) {
      await createVersion({
        ctx,
        input: {
          modelId: model.id,
          files: v.files,
          metadata: {
            description: v.description ?? '',
            inputSchema: v.inputSchema,
            outputSchema: v.outputSchema,
            preprocessing: v.preprocessing,
            metrics: v.metrics,
            lineage: v.lineage,
            modelCard: v.modelCard,
          },
          referenceDataset: { name: v.referenceDatasetName, bytes: v.referenceDataset },
        },
      });
    }
    await setAlias({ ctx, input: { modelId: model.id, alias: 'champion', version: demo.versions.length, reason: 'Best holdout metrics of the demo training runs' } });
  }
  return catalog.length;
}

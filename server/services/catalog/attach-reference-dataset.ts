// Attaches (or replaces) a version's reference dataset: the drift baseline and default evaluation
// data. A version with no input schema gets one inferred from the dataset, and one with no
// preprocessing spec gets one derived from it (marked derived), as at creation.
import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { versionNumber } from '@/lib/validation/primitives';
import { inferInputSchema } from '@/lib/datasets/infer-schema';
import { inputSchemaSchema } from '@/lib/validation/catalog';
import { modelVersions } from '@/server/db/schema';
import { ValidationError } from '@/server/errors';
import { requireCapability } from '../authorize';
import type { VerbArgs } from '../context';
import { mutate } from '../mutate';
import { parseInput } from '../validate';
import { checkVersionMetadata } from './check-metadata';
import { deriveForVersion, derivedAudit } from './derive-preprocessing';
import { CATALOG_CHANGED } from './events';
import { findVersion } from './find-version';
import { requireNotUnderReview } from './frozen';
import { readDataset, storeDataset, type DatasetUpload } from './store-dataset';

const target = z.object({ modelId: z.string().uuid(), version: versionNumber() });

export async function attachReferenceDataset({ ctx, input }: VerbArgs<{ modelId: string; version: number; dataset: DatasetUpload }>) {
  const user = requireCapability(ctx, 'version.update');
  const { modelId, version: number } = parseInput(target, input);
  const read = readDataset(input.dataset);
  return mutate(ctx, async ({ tx, audit, publish }) => {
    const { version, model } = await findVersion(tx, modelId, number, { lock: true });
    // Attaching always points the version at a new dataset row: a change.
    await requireNotUnderReview(tx, version, { referenceDatasetId: 'a new dataset' });
    const outTarget = version.outputSchema?.target;
    if (outTarget && !read.parsed.header.includes(outTarget)) {
      throw new ValidationError(`The dataset has no “${outTarget}” column (the target named in the output schema).`, { rule: 'dataset_missing_target' });
    }
    // Inferred (the target excluded) only where nothing is recorded; a recorded schema is never replaced.
    const inferred = version.inputSchema ? null : parseInput(inputSchemaSchema, inferInputSchema(read.profile, { target: outTarget }));
    if (inferred) checkVersionMetadata(model.taskType, { ...version, inputSchema: inferred });
    const derived = version.preprocessing ? null : deriveForVersion(model.taskType, { ...version, inputSchema: version.inputSchema ?? inferred }, read.profile);
    const preprocessing = derived?.spec ? { preprocessing: derived.spec, preprocessingDerived: true } : {};
    const stored = await storeDataset(tx, input.dataset, read, user.id);
    await tx
      .update(modelVersions)
      .set({ referenceDatasetId: stored.id, ...(inferred ? { inputSchema: inferred } : {}), ...preprocessing, updatedAt: new Date() })
      .where(eq(modelVersions.id, version.id));
    await audit({
      action: 'version.reference_dataset_attached',
      entityType: 'model_version',
      entityId: version.id,
      before: { referenceDatasetId: version.referenceDatasetId, ...(inferred ? { inputSchema: null } : {}), ...(derived?.spec ? { preprocessing: null } : {}) },
      after: {
        referenceDatasetId: stored.id,
        name: stored.name,
        sha256: stored.sha256,
        rows: stored.rowCount,
        ...(inferred ? { inputSchema: inferred, inputSchemaInferred: true } : {}),
        ...derivedAudit(derived),
        ...(version.submittedAt ? { afterSubmission: true } : {}),
      },
    });
    publish(CATALOG_CHANGED(modelId));
    return { ...stored, inputSchemaInferred: !!inferred, preprocessingDerived: !!derived?.spec };
  });
}

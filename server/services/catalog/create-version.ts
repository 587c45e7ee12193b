// Registers a new version of a model: validates the artifact (TF.js, ONNX, or other files kept inert) and the metadata before
// anything is stored, then stores files, dataset and version in one audited transaction.
import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { inferInputSchema } from '@/lib/datasets/infer-schema';
import { inputSchemaSchema, versionMetadataSchema } from '@/lib/validation/catalog';
import { validateArtifactUpload } from '@/server/artifacts/validate-artifact';
import { DEFAULT_ARTIFACT_LIMITS, type UploadedFile } from '@/server/artifacts/validate-tfjs';
import { postgresArtifactStore } from '@/server/artifacts/store';
import { modelVersions, registeredModels, versionFiles } from '@/server/db/schema';
import { env } from '@/server/env';
import { NotFoundError, ValidationError } from '@/server/errors';
import { requireCapability } from '../authorize';
import type { VerbArgs } from '../context';
import { notifyVersionWatchers } from '../collaboration/notifications/versions';
import { mutate } from '../mutate';
import { parseInput } from '../validate';
import { checkVersionMetadata } from './check-metadata';
import { checkOnnxInputs } from './check-onnx-inputs';
import { deriveForVersion, derivedAudit } from './derive-preprocessing';
import { CATALOG_CHANGED } from './events';
import { readDataset, storeDataset, type DatasetUpload } from './store-dataset';

export type CreateVersionInput = {
  modelId: string;
  files: UploadedFile[];
  metadata: unknown;
  referenceDataset?: DatasetUpload;
};

export async function createVersion({ ctx, input }: VerbArgs<CreateVersionInput>) {
  const user = requireCapability(ctx, 'version.create');
  parseInput(z.string().uuid('Give the id of an existing model.'), input.modelId);
  const meta = parseInput(versionMetadataSchema, input.metadata ?? {});
  // Everything is checked before a single byte is stored.
  const artifact = validateArtifactUpload(input.files, meta.artifactFormat, { ...DEFAULT_ARTIFACT_LIMITS, maxTotalBytes: env.MAX_ARTIFACT_MB * 1024 * 1024 });
  const dataset = input.referenceDataset ? readDataset(input.referenceDataset) : null;

  const [model] = await ctx.db.select().from(registeredModels).where(eq(registeredModels.id, input.modelId));
  if (!model) throw new NotFoundError('No such model.');
  // The input schema can be inferred from the reference data (the target column excluded) and edited later.
  const inferred = !meta.inputSchema && dataset ? inferInputSchema(dataset.profile, { target: meta.outputSchema?.target }) : undefined;
  const inputSchema = meta.inputSchema ?? (inferred ? parseInput(inputSchemaSchema, inferred) : undefined);
  checkVersionMetadata(model.taskType, { ...meta, inputSchema });
  const rawFeatureInputs = artifact.info.kind === 'onnx' ? checkOnnxInputs(artifact.info, inputSchema, meta.preprocessing) : null;
  if (dataset && meta.outputSchema && !dataset.parsed.header.includes(meta.outputSchema.target)) {
    throw new ValidationError(`The reference dataset has no “${meta.outputSchema.target}” column (the target named in the output schema).`, { rule: 'dataset_missing_target' });
  }
  // Without a spec, the one derived from the reference data (marked derived, for the author to review).
  const derived =
    dataset && !meta.preprocessing
      ? deriveForVersion(model.taskType, { format: artifact.format, artifactInfo: artifact.info, rawFeatureInputs, inputSchema, outputSchema: meta.outputSchema, preprocessing: null }, dataset.profile)
      : null;

  return mutate(ctx, async ({ tx, audit, publish }) => {
    const [locked] = await tx.select().from(registeredModels).where(eq(registeredModels.id, model.id)).for('update');
    if (!locked) throw new NotFoundError('No such model.');
    const number = locked.latestVersion + 1;
    if (meta.lineage.parentVersion !== undefined && meta.lineage.parentVersion >= number) {
      throw new ValidationError(`The parent version must be an earlier version (this will be version ${number}).`, { rule: 'bad_parent_version' });
    }
    const store = postgresArtifactStore(tx);
    const byName = new Map(input.files.map((f) => [f.name, f.bytes]));
    for (const file of artifact.files) {
      const bytes = byName.get(file.name);
      if (bytes) await store.put(bytes);
    }
    const stored = dataset && input.referenceDataset ? await storeDataset(tx, input.referenceDataset, dataset, user.id) : null;
    const [version] = await tx
      .insert(modelVersions)
      .values({
        modelId: model.id,
        version: number,
        description: meta.description,
        format: artifact.format,
        artifactInfo: artifact.info,
        rawFeatureInputs,
        contentDigest: artifact.contentDigest,
        totalBytes: artifact.totalBytes,
        inputSchema: inputSchema ?? null,
        outputSchema: meta.outputSchema ?? null,
        preprocessing: meta.preprocessing ?? derived?.spec ?? null,
        preprocessingDerived: !!derived?.spec,
        metrics: meta.metrics,
        lineage: meta.lineage,
        modelCard: meta.modelCard,
        referenceDatasetId: stored?.id ?? null,
        createdBy: user.id,
      })
      .returning();
    if (!version) throw new Error('version insert returned nothing');
    await tx.insert(versionFiles).values(
      artifact.files.map((f, position) => ({ versionId: version.id, name: f.name, role: f.role, sha256: f.sha256, size: f.size, contentType: f.contentType, position })),
    );
    await tx.update(registeredModels).set({ latestVersion: number, updatedAt: new Date() }).where(eq(registeredModels.id, model.id));
    await audit({
      action: 'version.created',
      entityType: 'model_version',
      entityId: version.id,
      after: {
        model: model.name,
        version: number,
        format: artifact.format,
        contentDigest: artifact.contentDigest,
        files: artifact.files.map((f) => ({ name: f.name, sha256: f.sha256, size: f.size })),
        referenceDataset: stored ? { name: stored.name, sha256: stored.sha256, rows: stored.rowCount } : null,
        metrics: meta.metrics,
        lineage: meta.lineage,
        inputSchemaInferred: !meta.inputSchema && !!inputSchema,
        ...derivedAudit(derived),
      },
    });
    await notifyVersionWatchers({ tx, audit, publish }, model, version, user);
    publish(CATALOG_CHANGED(model.id));
    return { ...version, files: artifact.files, referenceDataset: stored };
  });
}

import 'server-only';
import { eq } from 'drizzle-orm';
import { updateVersionMetadataSchema } from '@/lib/validation/catalog';
import { modelVersions, type ModelVersion } from '@/server/db/schema';
import { ConflictError, ValidationError } from '@/server/errors';
import { requireCapability } from '../authorize';
import type { VerbArgs } from '../context';
import { mutate } from '../mutate';
import { parseInput } from '../validate';
import { checkVersionMetadata } from './check-metadata';
import { checkOnnxInputs, rawFeatureInputs } from './check-onnx-inputs';
import { CATALOG_CHANGED } from './events';
import { findVersion } from './find-version';
import { canonical, requireNotUnderReview } from './frozen';

const SECTIONS = ['description', 'inputSchema', 'outputSchema', 'preprocessing', 'metrics', 'lineage', 'modelCard'] as const;

/**
 * Edits a version's metadata (never its artifacts: those are fixed at creation). Only the fields
 * given change, and of the model card only the sections given. While a release request for the
 * version is pending or approved nothing changes (requireNotUnderReview); after submission the
 * preprocessing spec stays frozen for good, since it decides what the model is fed, and other edits
 * are audited as made after submission.
 */
export async function updateVersionMetadata({ ctx, input }: VerbArgs<unknown>) {
  requireCapability(ctx, 'version.update');
  const { modelId, version: number, reason, ...given } = parseInput(updateVersionMetadataSchema, input);
  return mutate(ctx, async ({ tx, audit, publish }) => {
    const { version, model } = await findVersion(tx, modelId, number, { lock: true });
    const changes: Partial<Pick<ModelVersion, (typeof SECTIONS)[number]>> = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined));
    if (given.modelCard) changes.modelCard = { ...version.modelCard, ...Object.fromEntries(Object.entries(given.modelCard).filter(([, v]) => v !== undefined)) };
    if (version.submittedAt && changes.preprocessing !== undefined && canonical(changes.preprocessing) !== canonical(version.preprocessing)) {
      throw new ConflictError(
        `v${version.version} was submitted for release on ${version.submittedAt.toISOString().slice(0, 10)}, so its preprocessing spec is frozen with its files: it decides what the model is fed. Register a new version to change it.`,
        { rule: 'preprocessing_frozen' },
      );
    }
    // A spec saved by a person (even the derived one, unchanged) is no longer only derived: it was reviewed.
    const reviewed = changes.preprocessing !== undefined && version.preprocessingDerived ? { preprocessingDerived: false } : {};
    await requireNotUnderReview(tx, version, { ...changes, ...reviewed });
    checkVersionMetadata(model.taskType, { ...version, ...changes });
    if (version.rawFeatureInputs && version.artifactInfo?.kind === 'onnx') {
      // The graph takes raw values by name: a spec has nothing to feed, and a new schema must still name every input.
      if (changes.preprocessing) {
        throw new ValidationError('This ONNX graph takes each feature as its own named input and preprocesses inside the graph, so it takes no preprocessing spec.', { rule: 'onnx_raw_inputs_with_preprocessing' });
      }
      if (changes.inputSchema) rawFeatureInputs(version.artifactInfo, changes.inputSchema);
    } else if (changes.preprocessing && version.artifactInfo?.kind === 'onnx') {
      // An ONNX graph's one float input of width N takes exactly N columns, as at creation.
      checkOnnxInputs(version.artifactInfo, changes.inputSchema ?? version.inputSchema ?? undefined, changes.preprocessing);
    }
    const [after] = await tx
      .update(modelVersions)
      .set({ ...changes, ...reviewed, updatedAt: new Date() })
      .where(eq(modelVersions.id, version.id))
      .returning();
    if (!after) throw new Error('version update returned nothing');
    const touched = SECTIONS.filter((s) => changes[s] !== undefined);
    await audit({
      action: 'version.metadata_updated',
      entityType: 'model_version',
      entityId: version.id,
      before: { ...Object.fromEntries(touched.map((s) => [s, version[s]])), ...(reviewed.preprocessingDerived === false ? { preprocessingDerived: true } : {}) },
      after: { ...Object.fromEntries(touched.map((s) => [s, after[s]])), ...reviewed, ...(version.submittedAt ? { afterSubmission: true } : {}) },
      reason: reason ?? null,
    });
    publish(CATALOG_CHANGED(modelId));
    return after;
  });
}

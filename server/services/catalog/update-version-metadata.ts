import 'server-only';
import { eq } from 'drizzle-orm';
import { updateVersionMetadataSchema } from '@/lib/validation/catalog';
import { modelVersions } from '@/server/db/schema';
import { ConflictError } from '@/server/errors';
import { requireCapability } from '../authorize';
import type { VerbArgs } from '../context';
import { mutate } from '../mutate';
import { parseInput } from '../validate';
import { checkVersionMetadata } from './check-metadata';
import { CATALOG_CHANGED } from './events';
import { findVersion } from './find-version';

const SECTIONS = ['description', 'inputSchema', 'outputSchema', 'preprocessing', 'metrics', 'lineage', 'modelCard'] as const;

/** The same JSON whatever the key order (jsonb hands keys back in its own order). */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * Edits a version's metadata (never its artifacts: those are fixed at creation). After the version
 * has been submitted for release the edit is still allowed, and its audit row says so, except for
 * the preprocessing spec: it decides what the model is fed, so it is frozen with the files.
 */
export async function updateVersionMetadata({ ctx, input }: VerbArgs<unknown>) {
  requireCapability(ctx, 'version.update');
  const { modelId, version: number, reason, ...changes } = parseInput(updateVersionMetadataSchema, input);
  return mutate(ctx, async ({ tx, audit, publish }) => {
    const { version, model } = await findVersion(tx, modelId, number, { lock: true });
    if (version.submittedAt && changes.preprocessing !== undefined && canonical(changes.preprocessing) !== canonical(version.preprocessing)) {
      throw new ConflictError(
        `v${version.version} was submitted for release on ${version.submittedAt.toISOString().slice(0, 10)}, so its preprocessing spec is frozen with its files: it decides what the model is fed. Register a new version to change it.`,
        { rule: 'preprocessing_frozen' },
      );
    }
    const next = { ...version, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) };
    checkVersionMetadata(model.taskType, next);
    const [after] = await tx
      .update(modelVersions)
      .set({ ...changes, updatedAt: new Date() })
      .where(eq(modelVersions.id, version.id))
      .returning();
    if (!after) throw new Error('version update returned nothing');
    const touched = SECTIONS.filter((s) => changes[s] !== undefined);
    await audit({
      action: 'version.metadata_updated',
      entityType: 'model_version',
      entityId: version.id,
      before: Object.fromEntries(touched.map((s) => [s, version[s]])),
      after: { ...Object.fromEntries(touched.map((s) => [s, after[s]])), ...(version.submittedAt ? { afterSubmission: true } : {}) },
      reason: reason ?? null,
    });
    publish(CATALOG_CHANGED(modelId));
    return after;
  });
}

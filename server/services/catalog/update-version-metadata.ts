import 'server-only';
import { eq } from 'drizzle-orm';
import { updateVersionMetadataSchema } from '@/lib/validation/catalog';
import { modelVersions } from '@/server/db/schema';
import { requireRole } from '../authorize';
import type { VerbArgs } from '../context';
import { mutate } from '../mutate';
import { parseInput } from '../validate';
import { CATALOG_WRITERS } from './access';
import { checkVersionMetadata } from './check-metadata';
import { CATALOG_CHANGED } from './events';
import { findVersion } from './find-version';

const SECTIONS = ['description', 'inputSchema', 'outputSchema', 'preprocessing', 'metrics', 'lineage', 'modelCard'] as const;

/**
 * Edits a version's metadata (never its artifacts: those are fixed at creation). After the version
 * has been submitted for release the edit is still allowed, and its audit row says so.
 */
export async function updateVersionMetadata({ ctx, input }: VerbArgs<unknown>) {
  requireRole(ctx, CATALOG_WRITERS);
  const { modelId, version: number, reason, ...changes } = parseInput(updateVersionMetadataSchema, input);
  return mutate(ctx, async ({ tx, audit, publish }) => {
    const { version, model } = await findVersion(tx, modelId, number, { lock: true });
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

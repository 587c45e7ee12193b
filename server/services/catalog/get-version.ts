import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { versionNumber } from '@/lib/validation/primitives';
import { compareVersionsSchema, modelCardCompleteness } from '@/lib/validation/catalog';
import { aliases, datasets, modelVersions, users, versionFiles } from '@/server/db/schema';
import { NotFoundError } from '@/server/errors';
import { requireCapability } from '../authorize';
import type { VerbArgs } from '../context';
import { parseInput } from '../validate';
import { resolveModel } from './get-model';

const ref = z.object({ modelId: z.string().trim().min(1).max(200), version: versionNumber() });

async function loadVersion(db: VerbArgs<unknown>['ctx']['db'], modelId: string, number: number) {
  const model = await resolveModel(db, modelId);
  const [row] = await db
    .select({ version: modelVersions, createdByName: users.name })
    .from(modelVersions)
    .innerJoin(users, eq(users.id, modelVersions.createdBy))
    .where(and(eq(modelVersions.modelId, model.id), eq(modelVersions.version, number)));
  if (!row) throw new NotFoundError(`Version ${number} of ${model.name} does not exist.`);
  const files = await db.select().from(versionFiles).where(eq(versionFiles.versionId, row.version.id)).orderBy(asc(versionFiles.position));
  const [dataset] = row.version.referenceDatasetId ? await db.select().from(datasets).where(eq(datasets.id, row.version.referenceDatasetId)) : [];
  const held = await db.select({ name: aliases.name }).from(aliases).where(eq(aliases.versionId, row.version.id)).orderBy(asc(aliases.name));
  return {
    model: { id: model.id, name: model.name, taskType: model.taskType, riskTier: model.riskTier, ownerTeam: model.ownerTeam },
    ...row.version,
    createdByName: row.createdByName,
    files: files.map(({ versionId: _v, ...f }) => f),
    referenceDataset: dataset ?? null,
    aliases: held.map((a) => a.name),
    cardCompleteness: modelCardCompleteness(row.version.modelCard),
    editedAfterSubmission: !!row.version.submittedAt && row.version.updatedAt > row.version.submittedAt,
  };
}

export async function getVersion({ ctx, input }: VerbArgs<unknown>) {
  requireCapability(ctx, 'catalog.read');
  const { modelId, version } = parseInput(ref, input);
  return loadVersion(ctx.db, modelId, version);
}

/** 2-4 versions side by side; the page highlights what differs. */
export async function compareVersions({ ctx, input }: VerbArgs<unknown>) {
  requireCapability(ctx, 'catalog.read');
  const { modelId, versions } = parseInput(compareVersionsSchema, input);
  const unique = [...new Set(versions)];
  const loaded = await Promise.all(unique.map((v) => loadVersion(ctx.db, modelId, v)));
  const metricNames = [...new Set(loaded.flatMap((v) => Object.keys(v.metrics)))].sort();
  const featureNames = [...new Set(loaded.flatMap((v) => v.inputSchema?.features.map((f) => f.name) ?? []))];
  return { versions: loaded, metricNames, featureNames };
}

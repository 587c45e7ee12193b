import 'server-only';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { versionNumber } from '@/lib/validation/primitives';
import { postgresArtifactStore } from '@/server/artifacts/store';
import { datasets, versionFiles } from '@/server/db/schema';
import { NotFoundError } from '@/server/errors';
import { requireCapability } from '../authorize';
import type { VerbArgs } from '../context';
import { parseInput } from '../validate';
import { findVersion } from './find-version';
import { resolveModel } from './get-model';

const fileRef = z.object({ modelId: z.string().min(1).max(200), version: versionNumber(), file: z.string().min(1).max(255) });

/** Any signed-in person (or token) may read artifacts: evaluation and review need them. */
export async function openVersionFile({ ctx, input }: VerbArgs<unknown>) {
  requireCapability(ctx, 'catalog.read');
  const ref = parseInput(fileRef, input);
  const model = await resolveModel(ctx.db, ref.modelId);
  const { version } = await findVersion(ctx.db, model.id, ref.version);
  const [file] = await ctx.db.select().from(versionFiles).where(and(eq(versionFiles.versionId, version.id), eq(versionFiles.name, ref.file)));
  if (!file) throw new NotFoundError(`Version ${ref.version} has no file “${ref.file}”.`);
  const opened = await postgresArtifactStore(ctx.db).open(file.sha256);
  if (!opened) throw new NotFoundError('The stored bytes of this file are missing.');
  return { name: file.name, contentType: file.contentType, sha256: file.sha256, size: opened.size, stream: opened.stream };
}

export async function openReferenceDataset({ ctx, input }: VerbArgs<unknown>) {
  requireCapability(ctx, 'dataset.read');
  const ref = parseInput(fileRef.omit({ file: true }), input);
  const model = await resolveModel(ctx.db, ref.modelId);
  const { version } = await findVersion(ctx.db, model.id, ref.version);
  if (!version.referenceDatasetId) throw new NotFoundError(`Version ${ref.version} has no reference dataset.`);
  return openStored(ctx, version.referenceDatasetId);
}

/** Any stored dataset by id, under the same rule as a reference dataset (the bytes are the same kind). */
export async function openDataset({ ctx, input }: VerbArgs<unknown>) {
  requireCapability(ctx, 'dataset.read');
  const { datasetId } = parseInput(z.object({ datasetId: z.string().uuid('A dataset id is a UUID.') }), input);
  return openStored(ctx, datasetId);
}

async function openStored(ctx: VerbArgs<unknown>['ctx'], datasetId: string) {
  const [dataset] = await ctx.db.select().from(datasets).where(eq(datasets.id, datasetId));
  if (!dataset) throw new NotFoundError(`There is no stored dataset ${datasetId}.`);
  const opened = await postgresArtifactStore(ctx.db).open(dataset.sha256);
  if (!opened) throw new NotFoundError('The stored bytes of this dataset are missing.');
  return { name: dataset.name, sha256: dataset.sha256, size: opened.size, stream: opened.stream };
}

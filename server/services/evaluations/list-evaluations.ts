import 'server-only';
import { desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { versionNumber } from '@/lib/validation/primitives';
import { evaluations, type Evaluation } from '@/server/db/schema';
import { requireCapability } from '../authorize';
import { findVersion } from '../catalog/find-version';
import type { VerbArgs } from '../context';
import { parseInput } from '../validate';

export type ListedEvaluation = Evaluation;

export async function listEvaluations({ ctx, input }: VerbArgs<unknown>): Promise<ListedEvaluation[]> {
  requireCapability(ctx, 'catalog.read');
  const ref = parseInput(z.object({ modelId: z.string().uuid(), version: versionNumber() }), input);
  const { version } = await findVersion(ctx.db, ref.modelId, ref.version);
  return ctx.db.select().from(evaluations).where(eq(evaluations.versionId, version.id)).orderBy(desc(evaluations.createdAt));
}

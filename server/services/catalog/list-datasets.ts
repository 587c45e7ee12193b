// Datasets stored on the server, for choosing one to evaluate on: each with the model versions it
// is the reference dataset of, so "credit v2" finds the reference dataset of that version.
import 'server-only';
import { and, desc, sql } from 'drizzle-orm';
import { z } from 'zod';
import { datasets } from '@/server/db/schema';
import { requireCapability } from '../authorize';
import type { VerbArgs } from '../context';
import { parseInput } from '../validate';

export const listDatasetsSchema = z.object({
  /** Words that must all appear in the dataset's name or in "<model name> v<version>" of a version using it. */
  q: z.string().trim().max(200).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

export type ReferenceOf = { modelId: string; modelName: string; version: number };

const escapeLike = (word: string) => word.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listDatasets({ ctx, input }: VerbArgs<unknown>) {
  requireCapability(ctx, 'dataset.read');
  const f = parseInput(listDatasetsSchema, input ?? {});
  const usedBy = sql`from model_versions v join registered_models m on m.id = v.model_id where v.reference_dataset_id = ${datasets.id}`;
  const label = sql`(${datasets.name} || ' ' || coalesce((select string_agg(m.name || ' v' || v.version, ' ') ${usedBy}), ''))`;
  const words = (f.q ?? '').normalize('NFKC').split(/\s+/).filter(Boolean).slice(0, 8);
  const rows = await ctx.db
    .select({
      id: datasets.id,
      name: datasets.name,
      sha256: datasets.sha256,
      size: datasets.size,
      rowCount: datasets.rowCount,
      columns: datasets.columns,
      createdAt: datasets.createdAt,
      referenceOf: sql<ReferenceOf[]>`(select coalesce(jsonb_agg(jsonb_build_object('modelId', m.id, 'modelName', m.name, 'version', v.version) order by m.name_key, v.version), '[]'::jsonb) ${usedBy})`,
    })
    .from(datasets)
    .where(and(...words.map((w) => sql`${label} ilike ${`%${escapeLike(w)}%`}`)))
    .orderBy(desc(datasets.createdAt), desc(datasets.id))
    // One more than asked tells the picker that the search should be narrowed.
    .limit(f.limit + 1);
  return { items: rows.slice(0, f.limit), more: rows.length > f.limit };
}

import { boolean, index, integer, jsonb, pgTable, real, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Backend, DatasetSource } from '@/lib/validation/evaluations';
import { modelVersions } from './catalog';

/** A saved evaluation: immutable evidence (the database refuses UPDATE and DELETE on it). */
export const evaluations = pgTable(
  'evaluations',
  {
    id: uuid().primaryKey().defaultRandom(),
    versionId: uuid()
      .notNull()
      .references(() => modelVersions.id),
    /** The version's content digest when it was evaluated. */
    contentDigest: text().notNull(),
    datasetSource: text().$type<DatasetSource>().notNull(),
    datasetName: text().notNull(),
    datasetSha256: text().notNull(),
    datasetRowCount: integer().notNull(),
    labelColumn: text().notNull(),
    backend: text().$type<Backend>().notNull(),
    adapter: jsonb().$type<{ vendor: string; architecture: string; isFallback: boolean } | null>(),
    tfjsVersion: text().notNull(),
    /** The WASM threads the runtime ran on; null off WASM and for evaluations saved before it was recorded. */
    wasmThreads: integer(),
    timings: jsonb().$type<{ loadMs: number; inferenceMs: number; totalMs: number }>().notNull(),
    threshold: real(),
    metrics: jsonb().$type<Record<string, number | null>>().notNull(),
    evaluatedRows: integer().notNull(),
    droppedRows: integer().notNull(),
    /** SHA-256 of the uploaded predictions, kept in the artifact store. */
    predictionsSha256: text().notNull(),
    /** True when the server recomputed the metrics from the predictions and the stored labels. */
    verified: boolean().notNull(),
    verificationNote: text().notNull(),
    createdBy: uuid().notNull(),
    createdByName: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('evaluations_version_id_created_at_idx').on(t.versionId, t.createdAt)],
);
export type Evaluation = typeof evaluations.$inferSelect;

// The model catalog: registered models, their versions and files, reference datasets and aliases.
import { sql, type SQL } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type {
  DatasetProfile,
  InputSchema,
  Lineage,
  ModelCard,
  OutputSchema,
  PreprocessingSpec,
  RiskTier,
  TaskType,
} from '@/lib/validation/catalog';
import type { ArtifactFormat, ArtifactInfo, RawFeatureInputs } from '@/lib/validation/artifact-info';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

export const registeredModels = pgTable(
  'registered_models',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    /** NFKC-normalised, lower-cased name: the uniqueness key (`Churn`, `churn`, `churn ` are one model). */
    nameKey: text().notNull(),
    /**
     * Unicode TS #39 confusable skeleton of `nameKey` (lib/model-name.ts): look-alike names share it,
     * so the unique index refuses them under concurrency. Null only on rows from before it existed,
     * until the next registration fills them in.
     */
    nameSkeleton: text(),
    description: text().notNull().default(''),
    ownerTeam: text().notNull(),
    taskType: text().$type<TaskType>().notNull(),
    riskTier: text().$type<RiskTier>().notNull(),
    tags: jsonb().$type<{ key: string; value: string }[]>().notNull().default([]),
    /** Highest version number handed out; bumped under the row lock, so numbers never repeat. */
    latestVersion: integer().notNull().default(0),
    createdBy: uuid().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    search: tsvector().generatedAlwaysAs(
      (): SQL => sql`to_tsvector('simple', ${registeredModels.name} || ' ' || ${registeredModels.description} || ' ' || ${registeredModels.ownerTeam} || ' ' || jsonb_path_query_array(${registeredModels.tags}, '$[*].*')::text)`,
    ),
  },
  (t) => [
    uniqueIndex('registered_models_name_key_idx').on(t.nameKey),
    uniqueIndex('registered_models_name_skeleton_idx').on(t.nameSkeleton),
    index('registered_models_name_skeleton_missing_idx').on(t.id).where(sql`${t.nameSkeleton} is null`),
    index('registered_models_search_idx').using('gin', t.search),
    index('registered_models_owner_team_idx').on(t.ownerTeam),
    index('registered_models_updated_at_idx').on(t.updatedAt),
  ],
);
export type RegisteredModel = typeof registeredModels.$inferSelect;

export const modelVersions = pgTable(
  'model_versions',
  {
    id: uuid().primaryKey().defaultRandom(),
    modelId: uuid()
      .notNull()
      .references(() => registeredModels.id),
    version: integer().notNull(),
    description: text().notNull().default(''),
    format: text().$type<ArtifactFormat>().notNull(),
    /** Read from the files at upload: ONNX producer, opsets and graph inputs/outputs; TF.js stamps; a guess for opaque files. */
    artifactInfo: jsonb().$type<ArtifactInfo>(),
    /** An ONNX graph with one named input per feature takes raw values: which feature feeds which input (no preprocessing spec). */
    rawFeatureInputs: jsonb().$type<RawFeatureInputs>(),
    /** SHA-256 over the sorted `name\tsha256` lines of every artifact file. */
    contentDigest: text().notNull(),
    totalBytes: bigint({ mode: 'number' }).notNull(),
    inputSchema: jsonb().$type<InputSchema>(),
    outputSchema: jsonb().$type<OutputSchema>(),
    preprocessing: jsonb().$type<PreprocessingSpec>(),
    /** True while the preprocessing spec is the one the server derived from the reference dataset (nobody has reviewed or edited it yet). */
    preprocessingDerived: boolean().notNull().default(false),
    metrics: jsonb().$type<Record<string, number>>().notNull().default({}),
    lineage: jsonb().$type<Lineage>().notNull().default({}),
    modelCard: jsonb().$type<Partial<ModelCard>>().notNull().default({}),
    referenceDatasetId: uuid(),
    /** Set when the version is submitted for release: its artifacts and digest are frozen from then on. */
    submittedAt: timestamp({ withTimezone: true }),
    createdBy: uuid().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('model_versions_model_id_version_idx').on(t.modelId, t.version), index('model_versions_created_at_idx').on(t.createdAt)],
);
export type ModelVersion = typeof modelVersions.$inferSelect;

export const versionFiles = pgTable(
  'version_files',
  {
    versionId: uuid()
      .notNull()
      .references(() => modelVersions.id),
    name: text().notNull(),
    role: text().$type<'model' | 'weights'>().notNull(),
    sha256: text().notNull(),
    size: bigint({ mode: 'number' }).notNull(),
    contentType: text().notNull(),
    position: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.name] })],
);
export type VersionFile = typeof versionFiles.$inferSelect;

/** Content-addressed bytes (artifacts and datasets), deduplicated by SHA-256, stored in chunks. */
export const blobs = pgTable('blobs', {
  sha256: text().primaryKey(),
  size: bigint({ mode: 'number' }).notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const blobChunks = pgTable(
  'blob_chunks',
  {
    sha256: text()
      .notNull()
      .references(() => blobs.sha256),
    position: integer().notNull(),
    bytes: bytea().notNull(),
  },
  (t) => [primaryKey({ columns: [t.sha256, t.position] })],
);

export const datasets = pgTable(
  'datasets',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    sha256: text().notNull(),
    size: bigint({ mode: 'number' }).notNull(),
    rowCount: integer().notNull(),
    columns: jsonb().$type<string[]>().notNull(),
    profile: jsonb().$type<DatasetProfile>().notNull(),
    createdBy: uuid().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('datasets_sha256_idx').on(t.sha256)],
);
export type Dataset = typeof datasets.$inferSelect;

export const PROTECTED_ALIASES = ['production', 'staging'] as const;

export const aliases = pgTable(
  'aliases',
  {
    modelId: uuid()
      .notNull()
      .references(() => registeredModels.id),
    name: text().notNull(),
    versionId: uuid()
      .notNull()
      .references(() => modelVersions.id),
    protected: boolean().notNull(),
    updatedBy: uuid().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.modelId, t.name] })],
);
export type Alias = typeof aliases.$inferSelect;

/** Which version held which alias when: one row per move, newest last. */
export const aliasHistory = pgTable(
  'alias_history',
  {
    id: uuid().primaryKey().defaultRandom(),
    modelId: uuid().notNull(),
    alias: text().notNull(),
    fromVersion: integer(),
    toVersion: integer(),
    movedBy: uuid().notNull(),
    movedByName: text().notNull(),
    reason: text(),
    movedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('alias_history_model_id_moved_at_idx').on(t.modelId, t.movedAt)],
);

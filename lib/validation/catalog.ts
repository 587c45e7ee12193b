// What the catalog records about models and versions, shared by the forms, the REST API, the
// services, and (later) in-browser evaluation and monitoring, which read the same definitions.
import { z } from 'zod';
import { versionNumber } from '@/lib/validation/primitives';
import { invisibleInModelName, modelNameProblem, normaliseModelName } from '@/lib/model-name';
import { DECLARED_FORMATS } from './artifact-info';

export const TASK_TYPES = ['binary_classification', 'multiclass_classification', 'regression'] as const;
export type TaskType = (typeof TASK_TYPES)[number];
export const TASK_TYPE_LABELS: Record<TaskType, string> = {
  binary_classification: 'Binary classification',
  multiclass_classification: 'Multiclass classification',
  regression: 'Regression',
};

export const RISK_TIERS = ['low', 'medium', 'high'] as const;
export type RiskTier = (typeof RISK_TIERS)[number];


const name = z
  .string()
  // Before normalising: trimming and whitespace collapsing would turn some invisibles into spaces.
  .superRefine((value, ctx) => {
    const problem = invisibleInModelName(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .transform(normaliseModelName)
  .pipe(
    z
      .string()
      .min(2, 'Names need at least 2 characters.')
      .max(100, 'Names can be at most 100 characters.')
      .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._-]*$/u, 'Use letters, digits, spaces, dots, dashes and underscores, starting with a letter or digit.')
      .superRefine((value, ctx) => {
        const problem = modelNameProblem(value);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
  );

export const tagsSchema = z
  .array(z.object({ key: z.string().trim().min(1).max(64), value: z.string().trim().max(256) }))
  .max(50)
  .refine((tags) => new Set(tags.map((t) => t.key.toLowerCase())).size === tags.length, 'Each tag key may appear once.');

export const registerModelSchema = z.object({
  name,
  description: z.string().max(20_000).default(''),
  ownerTeam: z.string().trim().min(1, 'Name the team that owns this model.').max(100),
  taskType: z.enum(TASK_TYPES),
  riskTier: z.enum(RISK_TIERS),
  tags: tagsSchema.default([]),
});
export type RegisterModelInput = z.input<typeof registerModelSchema>;

/**
 * An update changes only the fields it is given: none of these has a default (a `.partial()` over
 * fields with `.default()` would fill the missing ones in, and the update would overwrite them).
 */
export const updateModelSchema = z
  .object({
    modelId: z.string().uuid(),
    description: registerModelSchema.shape.description.unwrap().optional(),
    ownerTeam: registerModelSchema.shape.ownerTeam.optional(),
    riskTier: registerModelSchema.shape.riskTier.optional(),
    tags: registerModelSchema.shape.tags.unwrap().optional(),
  })
  .strict();

// ---- input and output schema -------------------------------------------------------------------

const featureSchema = z
  .object({
    name: z.string().trim().min(1).max(128),
    type: z.enum(['numeric', 'categorical']),
    description: z.string().max(1000).optional(),
    min: z.number().finite().optional(),
    max: z.number().finite().optional(),
    categories: z.array(z.string().max(256)).max(10_000).optional(),
    allowMissing: z.boolean().default(false),
  })
  .refine((f) => f.min === undefined || f.max === undefined || f.min <= f.max, { message: 'min must not exceed max', path: ['min'] })
  .refine((f) => f.type === 'numeric' || (f.categories?.length ?? 0) > 0, { message: 'A categorical feature lists its categories.', path: ['categories'] });
export type Feature = z.infer<typeof featureSchema>;

export const inputSchemaSchema = z
  .object({ features: z.array(featureSchema).min(1).max(2000) })
  .refine((s) => new Set(s.features.map((f) => f.name)).size === s.features.length, 'Feature names must be unique.');
export type InputSchema = z.infer<typeof inputSchemaSchema>;

export const outputSchemaSchema = z.object({
  /** The label column in datasets (what the model predicts). */
  target: z.string().trim().min(1).max(128),
  /** Classification: the class labels in the order of the model's output units. */
  classLabels: z.array(z.string().max(256)).max(1000).optional(),
  /** Binary classification: which label the single sigmoid output is the probability of. */
  positiveClass: z.string().max(256).optional(),
});
export type OutputSchema = z.infer<typeof outputSchemaSchema>;

// ---- preprocessing: raw feature values -> the model's input tensor ------------------------------

const preprocessingStepSchema = z.discriminatedUnion('kind', [
  z.object({ feature: z.string(), kind: z.literal('standardize'), mean: z.number().finite(), std: z.number().positive() }),
  z.object({ feature: z.string(), kind: z.literal('min_max'), min: z.number().finite(), max: z.number().finite() }),
  z.object({ feature: z.string(), kind: z.literal('passthrough') }),
  /** One column per category, in this order; an unknown category is all zeros. */
  z.object({ feature: z.string(), kind: z.literal('one_hot'), categories: z.array(z.string()).min(1) }),
  /** One column holding the category's index in this list; unknown is -1. */
  z.object({ feature: z.string(), kind: z.literal('ordinal'), categories: z.array(z.string()).min(1) }),
]);
export type PreprocessingStep = z.infer<typeof preprocessingStepSchema>;

export const preprocessingSpecSchema = z.object({
  /** Steps in tensor column order; each feature appears once. */
  steps: z.array(preprocessingStepSchema).min(1),
  /** How a missing numeric value is filled before its step (categorical missing = unknown category). */
  missingNumeric: z.discriminatedUnion('strategy', [
    z.object({ strategy: z.literal('mean') }),
    z.object({ strategy: z.literal('constant'), value: z.number().finite() }),
    z.object({ strategy: z.literal('drop_row') }),
  ]),
});
export type PreprocessingSpec = z.infer<typeof preprocessingSpecSchema>;

/** Tensor columns a preprocessing spec produces: one per category for one_hot, one otherwise. */
export function preprocessingWidth(spec: PreprocessingSpec): number {
  return spec.steps.reduce((n, step) => n + (step.kind === 'one_hot' ? step.categories.length : 1), 0);
}

/**
 * A first preprocessing spec from the input schema (feature order, category lists) and a reference
 * dataset's profile (z-score constants: the profile's mean and population standard deviation), for
 * the author to check against training and edit. One-hot for categorical features; a numeric
 * feature the profile cannot standardise (no column, or constant) passes through, and `notes` say so.
 */
export function derivePreprocessing(schema: InputSchema, profile: DatasetProfile): { spec: PreprocessingSpec; notes: string[] } {
  const columns = new Map(profile.columns.map((c) => [c.name, c]));
  const notes: string[] = [];
  const steps = schema.features.map((f): PreprocessingStep => {
    if (f.type === 'categorical') return { feature: f.name, kind: 'one_hot', categories: [...(f.categories ?? [])] };
    const numeric = columns.get(f.name)?.numeric;
    if (!numeric) {
      notes.push(`“${f.name}” has no numeric column in the reference data, so it passes through unscaled.`);
      return { feature: f.name, kind: 'passthrough' };
    }
    if (!(numeric.std > 0) || !Number.isFinite(numeric.mean)) {
      notes.push(`“${f.name}” is constant in the reference data (standard deviation 0), so it passes through unscaled.`);
      return { feature: f.name, kind: 'passthrough' };
    }
    return { feature: f.name, kind: 'standardize', mean: numeric.mean, std: numeric.std };
  });
  return { spec: { steps, missingNumeric: { strategy: 'mean' } }, notes };
}

// ---- metrics, lineage, model card -----------------------------------------------------------------

export const metricsSchema = z.record(z.string().min(1).max(64), z.number().finite()).refine((m) => Object.keys(m).length <= 200, 'At most 200 metrics.');

export const lineageSchema = z.object({
  trainingDataset: z.object({ name: z.string().max(256), sha256: z.string().regex(/^[0-9a-f]{64}$/, 'A SHA-256 is 64 lowercase hex digits.').optional() }).optional(),
  codeRepository: z.string().max(512).optional(),
  commit: z.string().regex(/^[0-9a-f]{7,64}$/, 'A commit is 7 to 64 lowercase hex digits.').optional(),
  parentVersion: versionNumber().optional(),
  trainingRunUrl: z.string().url().max(2048).optional(),
});
export type Lineage = z.infer<typeof lineageSchema>;

/** Mitchell et al., "Model Cards for Model Reporting" (2019): the nine sections plus model details. */
export const MODEL_CARD_FIELDS = [
  ['modelDetails', 'Model details'],
  ['intendedUse', 'Intended use'],
  ['outOfScopeUses', 'Out-of-scope uses'],
  ['factors', 'Factors'],
  ['metrics', 'Metrics'],
  ['evaluationData', 'Evaluation data'],
  ['trainingData', 'Training data'],
  ['quantitativeAnalyses', 'Quantitative analyses'],
  ['ethicalConsiderations', 'Ethical considerations'],
  ['caveatsAndRecommendations', 'Caveats and recommendations'],
] as const;
export type ModelCardField = (typeof MODEL_CARD_FIELDS)[number][0];

export const modelCardSchema = z.object(
  Object.fromEntries(MODEL_CARD_FIELDS.map(([key]) => [key, z.string().max(20_000).default('')])) as Record<ModelCardField, z.ZodDefault<z.ZodString>>,
);
export type ModelCard = z.infer<typeof modelCardSchema>;

/** Some sections of a model card, for an edit: the sections given replace theirs, the others stay. */
const modelCardPatchSchema = z
  .object(Object.fromEntries(MODEL_CARD_FIELDS.map(([key]) => [key, z.string().max(20_000).optional()])) as Record<ModelCardField, z.ZodOptional<z.ZodString>>)
  .strict();

/** Share of the model card's sections that say something (0..1). */
export function modelCardCompleteness(card: Partial<ModelCard>): { filled: number; total: number; missing: ModelCardField[] } {
  const missing = MODEL_CARD_FIELDS.map(([k]) => k).filter((k) => !(card[k] ?? '').trim());
  return { filled: MODEL_CARD_FIELDS.length - missing.length, total: MODEL_CARD_FIELDS.length, missing };
}

// ---- dataset profile (reference data; the drift baseline) -----------------------------------------

export type NumericProfile = { min: number; max: number; mean: number; std: number; histogram: { edges: number[]; counts: number[] } };
export type CategoricalProfile = { distinct: number; frequencies: { value: string; count: number }[] };
export type ColumnProfile = {
  name: string;
  type: 'numeric' | 'categorical';
  missingCount: number;
  missingRate: number;
  numeric?: NumericProfile;
  categorical?: CategoricalProfile;
};
export type DatasetProfile = { rowCount: number; columns: ColumnProfile[] };

// ---- versions ---------------------------------------------------------------------------------------

export const versionMetadataSchema = z.object({
  /** What the files are; `auto` tells TF.js (model.json) from ONNX (.onnx) by name, `other` stores any files inert. */
  artifactFormat: z.enum(DECLARED_FORMATS).default('auto'),
  description: z.string().max(20_000).default(''),
  inputSchema: inputSchemaSchema.optional(),
  outputSchema: outputSchemaSchema.optional(),
  preprocessing: preprocessingSpecSchema.optional(),
  metrics: metricsSchema.default({}),
  lineage: lineageSchema.default({}),
  modelCard: modelCardSchema.partial().default({}),
});
export type VersionMetadataInput = z.input<typeof versionMetadataSchema>;

export const updateVersionMetadataSchema = z.object({
  modelId: z.string().uuid(),
  version: versionNumber(),
  description: z.string().max(20_000).optional(),
  inputSchema: inputSchemaSchema.optional(),
  outputSchema: outputSchemaSchema.optional(),
  preprocessing: preprocessingSpecSchema.optional(),
  metrics: metricsSchema.optional(),
  lineage: lineageSchema.optional(),
  /** Only the sections given change. */
  modelCard: modelCardPatchSchema.optional(),
  reason: z.string().trim().max(500).optional(),
});

const ALIAS_NAME = /^[a-z][a-z0-9_-]{0,31}$/;
export const setAliasSchema = z.object({
  modelId: z.string().uuid(),
  alias: z.string().trim().toLowerCase().regex(ALIAS_NAME, 'Alias names are 1-32 lowercase letters, digits, dashes or underscores, starting with a letter.'),
  /** null removes the alias. */
  version: versionNumber().nullable(),
  reason: z.string().trim().max(500).optional(),
});

export const CATALOG_SORTS = ['updated', 'name', 'created', 'versions'] as const;
export const listModelsSchema = z.object({
  q: z.string().trim().max(200).optional(),
  ownerTeam: z.string().trim().max(100).optional(),
  taskType: z.enum(TASK_TYPES).optional(),
  riskTier: z.enum(RISK_TIERS).optional(),
  alias: z.string().trim().max(32).optional(),
  tag: z.string().trim().max(330).optional(), // "key" or "key:value"
  sort: z.enum(CATALOG_SORTS).default('updated'),
  direction: z.enum(['asc', 'desc']).default('desc'),
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(25),
});

export const compareVersionsSchema = z.object({
  modelId: z.string().uuid(),
  versions: z.array(versionNumber()).min(2, 'Pick at least two versions.').max(4, 'Compare at most four versions.'),
});

export const createApiTokenSchema = z.object({
  name: z.string().trim().min(1, 'Name the token after where it is used, e.g. “CI: churn training”.').max(100),
  expiresInDays: z.number().int().min(1).max(365).optional(),
});

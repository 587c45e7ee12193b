import { z } from 'zod';
import { int4Count, versionNumber } from '@/lib/validation/primitives';

const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type Backend = (typeof BACKENDS)[number];

/** Upper bound on uploaded predictions (float32 values): 2M rows x up to 16 classes would be larger; 32M floats = 128 MB. */
export const MAX_PREDICTION_VALUES = 8_000_000;

/**
 * Where the evaluated rows came from: the version's reference dataset, another dataset stored on the
 * server (both verified by recomputation), or a local file that never left the browser (not verified).
 */
const DATASET_SOURCES = ['reference', 'stored', 'local'] as const;
export type DatasetSource = (typeof DATASET_SOURCES)[number];

const datasetFields = {
  name: z.string().trim().min(1).max(256),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'A SHA-256 is 64 lowercase hex digits.'),
  rowCount: int4Count(),
};

export const saveEvaluationSchema = z.object({
  modelId: z.string().uuid(),
  version: versionNumber(),
  dataset: z.discriminatedUnion('source', [
    z.object({ source: z.literal('reference'), ...datasetFields }),
    /** `id` names the stored dataset; the server checks its SHA-256 and row count against the claim. */
    z.object({ source: z.literal('stored'), id: z.string().uuid('A dataset id is a UUID.'), ...datasetFields }),
    z.object({ source: z.literal('local'), ...datasetFields }),
  ]),
  labelColumn: z.string().min(1).max(128),
  backend: z.enum(BACKENDS),
  adapter: z.object({ vendor: z.string().max(200), architecture: z.string().max(200), isFallback: z.boolean() }).nullable(),
  tfjsVersion: z.string().max(40),
  /** The WASM threads the run used (ONNX Runtime Web's, or TF.js's WASM backend's); null on a GPU backend. */
  wasmThreads: z.number().int().min(1).max(256).nullable().default(null),
  timings: z.object({ loadMs: z.number().min(0), inferenceMs: z.number().min(0), totalMs: z.number().min(0) }),
  threshold: z.number().min(0).max(1).nullable(),
  metrics: z.record(z.string().max(64), z.number().nullable()),
  /** Base64 of the float32 model outputs, in dataset row order, for the rows that were evaluated. */
  predictions: z.string().max(Math.ceil((MAX_PREDICTION_VALUES * 4 * 4) / 3) + 4),
  /** SHA-256 of the predictions' bytes (the decoded float32 values), as the browser computed it. */
  predictionsSha256: z.string().regex(/^[0-9a-f]{64}$/, 'A SHA-256 is 64 lowercase hex digits.'),
  /** Feature or target name -> dataset column, as the run planned it; the server verifies with the same columns. */
  mapping: z
    .record(z.string().min(1).max(256), z.string().min(1).max(256))
    .refine((m) => Object.keys(m).length <= 1000, 'At most 1,000 column mappings.')
    .default({}),
  evaluatedRows: int4Count().min(1, 'An evaluation needs at least one row.'),
  /** 0-based data-row indexes that were skipped (missing values, unknown labels). */
  droppedRows: z.array(int4Count()).max(1_000_000),
});
export type SaveEvaluationOutput = z.output<typeof saveEvaluationSchema>;

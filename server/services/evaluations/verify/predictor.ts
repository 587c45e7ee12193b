// What a server-side predictor is: one per model format (predictors.ts picks it).

import type { RawFeatureInputs } from '@/lib/validation/artifact-info';

export type ModelFile = { name: string; bytes: Uint8Array };

/**
 * A loaded model: predicts `rows` rows of `width` encoded features (row-major), `units` outputs a row.
 * A graph with raw-feature inputs also takes the rows' string inputs in `text` (lib/evaluation/raw-inputs.ts).
 */
type LoadedPredictor = {
  predict(x: Float32Array, rows: number, width: number, text?: string[]): Promise<{ values: Float32Array; units: number }>;
  dispose(): void;
};

/** `rawInputs`: the version's raw-feature mapping (ONNX graphs with one input per feature), null otherwise. */
export type Predictor = { load(files: ModelFile[], rawInputs?: RawFeatureInputs | null): Promise<LoadedPredictor> };

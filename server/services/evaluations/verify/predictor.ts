// What a server-side predictor is: one per model format (predictors.ts picks it).

export type ModelFile = { name: string; bytes: Uint8Array };

/** A loaded model: predicts `rows` rows of `width` preprocessed features (row-major), `units` outputs a row. */
type LoadedPredictor = {
  predict(x: Float32Array, rows: number, width: number): Promise<{ values: Float32Array; units: number }>;
  dispose(): void;
};

export type Predictor = { load(files: ModelFile[]): Promise<LoadedPredictor> };

// What an honest browser uploads, computed in the test itself: the model built straight from its
// files with TF.js on a chosen backend (CPU, or WASM, which runs in Node too) or, for ONNX, a session
// of ONNX Runtime Web's WASM build, fed features encoded by the demo's own training recipe
// (scripts/demo/preprocess.ts), not by the code under test.
import { createHash } from 'node:crypto';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-web';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { isMissing, parseCsv, parseNumber } from '@/lib/datasets/csv';
import type { Row } from '@/scripts/demo/datasets';
import type { DemoVersion } from '@/scripts/demo/load';
import { applySpec } from '@/scripts/demo/preprocess';

setWasmPaths(`${path.resolve('node_modules/@tensorflow/tfjs-backend-wasm/dist')}/`);

export type ModelFiles = { name: string; bytes: Uint8Array }[];

/** The model's outputs for `rows` rows of `x` (row-major), on `backend`. */
export async function predictWith(backend: 'cpu' | 'wasm', files: ModelFiles, x: Float32Array, rows: number): Promise<{ values: Float32Array; units: number }> {
  if (!(await tf.setBackend(backend))) throw new Error(`TF.js backend ${backend} did not start`);
  await tf.ready();
  const json = JSON.parse(new TextDecoder().decode(files.find((f) => f.name === 'model.json')?.bytes)) as {
    modelTopology: object;
    weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  };
  const shards = json.weightsManifest.flatMap((g) => g.paths).map((p) => files.find((f) => f.name === p)?.bytes ?? new Uint8Array());
  const weightData = new Uint8Array(shards.reduce((n, s) => n + s.length, 0));
  shards.reduce((at, s) => (weightData.set(s, at), at + s.length), 0);
  const model = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest.flatMap((g) => g.weights), weightData: weightData.buffer }));
  const input = tf.tensor2d(x, [rows, x.length / rows]);
  const output = model.predict(input) as tf.Tensor;
  const values = Float32Array.from(await output.data());
  const units = output.shape[1] ?? 1;
  tf.dispose([input, output]);
  model.dispose();
  return { values, units };
}

/** A demo version's reference rows encoded the way its model was trained. */
export function demoFeatures(v: DemoVersion): { x: Float32Array; rows: number; labels: string[] } {
  const { header, rows } = parseCsv(v.referenceCsv);
  const types = new Map(v.inputSchema.features.map((f) => [f.name, f.type]));
  const demoRows: Row[] = rows.map((cells) =>
    Object.fromEntries(
      header.map((name, i) => {
        const text = cells[i] ?? '';
        return [name, isMissing(text) ? null : types.get(name) === 'numeric' ? parseNumber(text) : text];
      }),
    ),
  );
  const target = header.indexOf(v.outputSchema.target);
  return { x: applySpec(v.preprocessing, demoRows), rows: rows.length, labels: rows.map((r) => r[target] ?? '') };
}

export const sha256Of = (values: Float32Array) => createHash('sha256').update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength)).digest('hex');

/**
 * An ONNX model's outputs for `feeds` (input name -> tensor), run on ONNX Runtime Web's WASM build in
 * Node with a session built here, not by the predictor under test. `output` picks the scores when the
 * graph has several outputs.
 */
export async function predictOnnx(
  bytes: Uint8Array,
  feeds: Record<string, { type: 'float32' | 'float64' | 'int64' | 'string'; data: Float32Array | Float64Array | BigInt64Array | string[]; dims: number[] }>,
  output?: string,
): Promise<Float32Array> {
  ort.env.wasm.numThreads = 1;
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
  try {
    const tensors = Object.fromEntries(Object.entries(feeds).map(([name, f]) => [name, new ort.Tensor(f.type, f.data, f.dims)]));
    const result = await session.run(tensors);
    const out = result[output ?? session.outputNames[0]!]!;
    return Float32Array.from(out.data as ArrayLike<number>, Number);
  } finally {
    await session.release();
  }
}

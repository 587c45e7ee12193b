// What an honest browser uploads, computed in the test itself: the model built straight from its
// files with TF.js on a chosen backend (CPU, or WASM, which runs in Node too), fed features encoded
// by the demo's own training recipe (scripts/demo/preprocess.ts), not by the code under test.
import { createHash } from 'node:crypto';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
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

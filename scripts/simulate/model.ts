// The model behind the simulated traffic: a demo version from the committed catalog
// (scripts/demo/output), run with TF.js on the CPU. Rows are encoded exactly as the browser's
// evaluation does (lib/evaluation plan + preprocessor), so predictions match the registered model.
import * as tf from '@tensorflow/tfjs';
import { planColumns, type EvaluationSchema } from '@/lib/evaluation/plan';
import { createPreprocessor, type Preprocessor } from '@/lib/evaluation/preprocess';
import type { TaskType } from '@/lib/validation/catalog';
import { loadDemoCatalog, type DemoVersion } from '../demo/load';
import { readReference, type Reference, type Row } from './traffic';

export type Prediction = { prediction: string | number; probabilities?: number[] };

export type SimModel = {
  modelName: string;
  version: number;
  taskType: TaskType;
  reference: Reference;
  /** Predictions for rows (null where the row cannot be encoded, e.g. a missing value with no fill). */
  predict(rows: Row[]): (Prediction | null)[];
};

export async function loadSimModel(modelName: string, versionNumber: number | null): Promise<SimModel> {
  const catalog = await loadDemoCatalog();
  const model = catalog.find((m) => m.name.toLowerCase() === modelName.trim().toLowerCase());
  if (!model) throw new Error(`“${modelName}” is not a demo model; the simulator knows: ${catalog.map((m) => m.name).join(', ')}.`);
  // The simulator runs TF.js versions; by default the latest of them (the demo also holds ONNX versions).
  const tfjsVersions = model.versions.filter((v) => v.files.some((f) => f.name === 'model.json'));
  const version: DemoVersion | undefined = versionNumber === null ? tfjsVersions.at(-1) : tfjsVersions.find((v) => v.version === versionNumber);
  if (!version) throw new Error(`${model.name} has no demo version ${versionNumber}; it has ${model.versions.map((v) => `v${v.version}`).join(', ')}.`);

  const file = (name: string) => {
    const found = version.files.find((f) => f.name === name);
    if (!found) throw new Error(`${model.name} v${version.version} has no file ${name}.`);
    return found.bytes;
  };
  const modelJson = JSON.parse(new TextDecoder().decode(file('model.json'))) as { modelTopology: object; weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[] };
  const shards = modelJson.weightsManifest.flatMap((g) => g.paths).map(file);
  const weightData = new Uint8Array(shards.reduce((n, s) => n + s.byteLength, 0));
  let offset = 0;
  for (const s of shards) (weightData.set(s, offset), (offset += s.byteLength));
  // Production mode: no debug checks, and no banner suggesting tfjs-node (these networks are tiny).
  tf.enableProdMode();
  await tf.setBackend('cpu');
  await tf.ready();
  const network = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs: modelJson.weightsManifest.flatMap((g) => g.weights), weightData: weightData.buffer }));

  const schema: EvaluationSchema = { inputSchema: version.inputSchema, outputSchema: null, preprocessing: version.preprocessing };
  const header = version.inputSchema.features.map((f) => f.name);
  const preprocessor: Preprocessor = createPreprocessor(schema, planColumns(header, schema));
  const classLabels = version.outputSchema.classLabels ?? [];
  const positive = model.taskType === 'binary_classification' ? Math.max(0, classLabels.indexOf(version.outputSchema.positiveClass ?? classLabels[1] ?? '')) : -1;
  const units = model.taskType === 'multiclass_classification' ? classLabels.length : 1;

  const predict = (rows: Row[]): (Prediction | null)[] => {
    const x = new Float32Array(rows.length * preprocessor.width);
    const kept: number[] = [];
    rows.forEach((row, i) => {
      const fields = header.map((name) => {
        const v = row[name];
        return v === null || v === undefined ? '' : String(v);
      });
      if (preprocessor.encodeRow(fields, x, kept.length * preprocessor.width) === 'ok') kept.push(i);
    });
    const out: (Prediction | null)[] = rows.map(() => null);
    if (kept.length === 0) return out;
    const y = tf.tidy(() => (network.predict(tf.tensor2d(x.subarray(0, kept.length * preprocessor.width), [kept.length, preprocessor.width])) as tf.Tensor).dataSync() as Float32Array).slice();
    kept.forEach((rowIndex, k) => {
      if (model.taskType === 'regression') {
        out[rowIndex] = { prediction: Math.round((y[k] ?? 0) * 100) / 100 };
      } else if (model.taskType === 'binary_classification') {
        const p = Math.min(1, Math.max(0, y[k] ?? 0));
        const probabilities = classLabels.map((_, c) => round4(c === positive ? p : 1 - p));
        out[rowIndex] = { prediction: classLabels[p >= 0.5 ? positive : 1 - positive] ?? '', probabilities };
      } else {
        const probs = Array.from(y.subarray(k * units, (k + 1) * units), (v) => Math.min(1, Math.max(0, v)));
        const best = probs.reduce((b, v, c) => (v > (probs[b] ?? -1) ? c : b), 0);
        out[rowIndex] = { prediction: classLabels[best] ?? '', probabilities: probs.map(round4) };
      }
    });
    return out;
  };

  return {
    modelName: model.name,
    version: version.version,
    taskType: model.taskType,
    reference: readReference(version.referenceCsv, version.inputSchema, version.outputSchema.target, model.taskType),
    predict,
  };
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

// `npm run demo:verify`: checks the committed demo catalog the way the app will use it. Each version
// must pass the upload validation and metadata rules, and re-evaluating the saved model on its
// reference CSV (parsed by the app's CSV reader, preprocessed only from the recorded spec) must
// reproduce the recorded metrics. ONNX versions run on ONNX Runtime (onnxruntime-web's WASM build,
// in Node) and must match the figures their training script computed from its own predictions.
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-web';
import { isMissing, parseCsv, parseNumber } from '@/lib/datasets/csv';
import { validateArtifactUpload } from '@/server/artifacts/validate-artifact';
import { checkVersionMetadata } from '@/server/services/catalog/check-metadata';
import type { Row } from './datasets';
import { loadDemoCatalog } from './load';
import { argmaxRows, binaryMetrics, multiclassMetrics, regressionMetrics } from './metrics';
import { applySpec, tensorWidth } from './preprocess';
import { initTf, predict } from './train';

/** The recorded metrics of an ONNX version come from Python's float64 predictions; ONNX Runtime computes in float32. */
const ONNX_TOLERANCE = 1e-4;

type Predictor = { predict(x: Float32Array, rows: number, width: number): Promise<Float32Array>; dispose(): void };

async function tfjsPredictor(files: { name: string; bytes: Uint8Array }[]): Promise<Predictor> {
  const modelJson = JSON.parse(new TextDecoder().decode(files.find((f) => f.name === 'model.json')?.bytes));
  const shard = files.find((f) => f.name === 'group1-shard1of1.bin')?.bytes ?? new Uint8Array();
  const loaded = await tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: modelJson.modelTopology,
      weightSpecs: modelJson.weightsManifest[0].weights,
      weightData: shard.buffer.slice(shard.byteOffset, shard.byteOffset + shard.byteLength) as ArrayBuffer,
    }),
  );
  return { predict: async (x, _rows, width) => predict(loaded, x, width), dispose: () => loaded.dispose() };
}

async function onnxPredictor(bytes: Uint8Array): Promise<Predictor> {
  ort.env.wasm.numThreads = 1;
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
  const [input] = session.inputNames;
  const [output] = session.outputNames;
  if (!input || !output || session.inputNames.length !== 1 || session.outputNames.length !== 1) throw new Error('demo ONNX models take one input and give one output');
  return {
    predict: async (x, rows, width) => {
      const result = await session.run({ [input]: new ort.Tensor('float32', x, [rows, width]) });
      return result[output]!.data as Float32Array;
    },
    dispose: () => void session.release(),
  };
}

async function main() {
  await initTf();
  const catalog = await loadDemoCatalog();
  let failures = 0;
  for (const model of catalog) {
    for (const v of model.versions) {
      const label = `${model.name} v${v.version}`;
      const artifact = validateArtifactUpload(v.files);
      checkVersionMetadata(model.taskType, v);
      const onnx = artifact.format === 'onnx';
      const loaded = onnx ? await onnxPredictor(v.files[0]!.bytes) : await tfjsPredictor(v.files);

      const { header, rows: cells } = parseCsv(v.referenceCsv);
      const types = new Map(v.inputSchema.features.map((f) => [f.name, f.type]));
      const rows: Row[] = cells.map((cell) =>
        Object.fromEntries(
          header.map((name, i) => {
            const text = cell[i] ?? '';
            if (isMissing(text)) return [name, null];
            return [name, types.get(name) === 'numeric' ? parseNumber(text) : text];
          }),
        ),
      );
      const width = tensorWidth(v.preprocessing);
      const output = await loaded.predict(applySpec(v.preprocessing, rows), rows.length, width);
      const target = v.outputSchema.target;
      const labels = v.outputSchema.classLabels ?? [];
      const recomputed: Record<string, number> =
        model.taskType === 'binary_classification'
          ? binaryMetrics(
              rows.map((r) => (r[target] === v.outputSchema.positiveClass ? 1 : 0)),
              Array.from(output),
            )
          : model.taskType === 'regression'
            ? regressionMetrics(
                rows.map((r) => Number(r[target])),
                Array.from(output),
              )
            : (({ accuracy, macro_f1 }) => ({ accuracy, macro_f1 }))(
                multiclassMetrics(
                  rows.map((r) => labels.indexOf(String(r[target]))),
                  argmaxRows(output, labels.length),
                  labels.length,
                ),
              );
      const tolerance = onnx ? ONNX_TOLERANCE : 1e-5;
      const off = Object.entries(v.metrics).filter(([k, recorded]) => !(Math.abs((recomputed[k] ?? Number.NaN) - recorded) <= tolerance));
      failures += off.length;
      const runtime = onnx ? 'ONNX Runtime (wasm)' : 'TF.js';
      console.log(`${off.length ? 'FAIL' : 'ok  '}  ${label} [${runtime}]: ${rows.length} reference rows${off.map(([k, r]) => `; ${k} recorded ${r}, recomputed ${recomputed[k]}`).join('')}`);
      loaded.dispose();
    }
  }
  if (failures > 0) process.exit(1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

// `npm run demo:verify`: checks the committed demo catalog the way the app will use it. Each version
// must pass the upload validation and metadata rules, and re-evaluating the saved model on its
// reference CSV (parsed by the app's CSV reader, preprocessed only from the recorded spec) must
// reproduce the recorded metrics.
import * as tf from '@tensorflow/tfjs';
import { isMissing, parseCsv, parseNumber } from '@/lib/datasets/csv';
import { validateTfjsUpload } from '@/server/artifacts/validate-tfjs';
import { checkVersionMetadata } from '@/server/services/catalog/check-metadata';
import type { Row } from './datasets';
import { loadDemoCatalog } from './load';
import { argmaxRows, binaryMetrics, multiclassMetrics, regressionMetrics } from './metrics';
import { applySpec, tensorWidth } from './preprocess';
import { initTf, predict } from './train';

async function main() {
  await initTf();
  const catalog = await loadDemoCatalog();
  let failures = 0;
  for (const model of catalog) {
    for (const v of model.versions) {
      const label = `${model.name} v${v.version}`;
      validateTfjsUpload(v.files);
      checkVersionMetadata(model.taskType, v);
      const modelJson = JSON.parse(new TextDecoder().decode(v.files.find((f) => f.name === 'model.json')?.bytes));
      const shard = v.files.find((f) => f.name === 'group1-shard1of1.bin')?.bytes ?? new Uint8Array();
      const loaded = await tf.loadLayersModel(
        tf.io.fromMemory({
          modelTopology: modelJson.modelTopology,
          weightSpecs: modelJson.weightsManifest[0].weights,
          weightData: shard.buffer.slice(shard.byteOffset, shard.byteOffset + shard.byteLength) as ArrayBuffer,
        }),
      );

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
      const output = predict(loaded, applySpec(v.preprocessing, rows), width);
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
      const off = Object.entries(v.metrics).filter(([k, recorded]) => !(Math.abs((recomputed[k] ?? Number.NaN) - recorded) <= 1e-5));
      failures += off.length;
      console.log(`${off.length ? 'FAIL' : 'ok  '}  ${label}: ${rows.length} reference rows${off.map(([k, r]) => `; ${k} recorded ${r}, recomputed ${recomputed[k]}`).join('')}`);
      loaded.dispose();
    }
  }
  if (failures > 0) process.exit(1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

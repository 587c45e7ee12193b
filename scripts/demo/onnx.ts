// `npm run demo:onnx`: adds the ONNX versions of "Credit default risk" to the demo catalog: v4, a
// gradient-boosted tree ensemble (XGBoost), and v5, an MLP (scikit-learn), both trained by
// scripts/demo/train_onnx.py on the v2 features and preprocessing, exported to ONNX. Python is only
// needed here, to regenerate them; the app and demo:verify read the committed files.
// Run after `npm run demo:generate` (which rewrites the output folder).
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_PLANS } from './catalog';
import { splitRows, type Row } from './datasets';
import { DEMO_OUTPUT_DIR, type DemoManifest, type DemoManifestVersion } from './load';
import { applySpec, tensorWidth } from './preprocess';

const PYTHON = process.env.DEMO_PYTHON ?? '/usr/bin/python3';

function matrixCsv(values: Float32Array, width: number): string {
  const lines: string[] = [];
  // Float32 values printed in full, so Python reads back exactly the tensor the app feeds the model.
  for (let i = 0; i < values.length; i += width) lines.push(Array.from(values.subarray(i, i + width), (v) => String(v)).join(','));
  return lines.join('\n') + '\n';
}

function main() {
  const manifestPath = path.join(DEMO_OUTPUT_DIR, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as DemoManifest;
  const plan = DEMO_PLANS.find((p) => p.slug === 'credit-default-risk');
  const model = manifest.models.find((m) => m.name === plan?.name);
  if (!plan || !model) throw new Error('The demo catalog has no credit default model; run `npm run demo:generate` first.');
  model.versions = model.versions.filter((v) => v.version <= 3);
  const base = model.versions.find((v) => v.version === 2);
  if (!base) throw new Error('Credit default risk v2 is missing from the manifest.');

  const dataset = plan.dataset();
  const split = splitRows(dataset.rows, plan.holdoutShare, `${plan.slug}/split`, plan.stratify ? dataset.target : undefined);
  const width = tensorWidth(base.preprocessing);
  const labels = (rows: Row[]) => rows.map((r) => (r[dataset.target] === dataset.positiveClass ? '1' : '0')).join('\n') + '\n';
  const work = mkdtempSync(path.join(tmpdir(), 'modelgate-onnx-'));
  try {
    writeFileSync(path.join(work, 'x_train.csv'), matrixCsv(applySpec(base.preprocessing, split.train), width));
    writeFileSync(path.join(work, 'y_train.csv'), labels(split.train));
    writeFileSync(path.join(work, 'x_holdout.csv'), matrixCsv(applySpec(base.preprocessing, split.holdout), width));
    writeFileSync(path.join(work, 'y_holdout.csv'), labels(split.holdout));
    execFileSync(PYTHON, [path.join('scripts', 'demo', 'train_onnx.py'), work, work], { stdio: ['ignore', 'inherit', 'inherit'] });
    const results = JSON.parse(readFileSync(path.join(work, 'metrics.json'), 'utf8')) as {
      gbt: Record<string, number>;
      mlp: Record<string, number>;
      versions: Record<string, string>;
      trees: number;
    };

    const entries: { version: number; file: string; metrics: Record<string, number>; description: string; details: string; framework: string }[] = [
      {
        version: 4,
        file: 'gbt.onnx',
        metrics: results.gbt,
        framework: `XGBoost ${results.versions.xgboost}`,
        description: `Gradient-boosted trees (XGBoost, ${results.trees} trees of depth 3) on the v2 features and preprocessing, exported to ONNX: an ai.onnx.ml TreeEnsembleRegressor over the margins, then a sigmoid. Runs in the browser on ONNX Runtime Web.`,
        details: `Gradient-boosted decision trees trained with XGBoost ${results.versions.xgboost} (${results.trees} trees, depth 3, learning rate 0.15), exported to ONNX (opset 17, ai.onnx.ml 3) by scripts/demo/train_onnx.py.`,
      },
      {
        version: 5,
        file: 'mlp.onnx',
        metrics: results.mlp,
        framework: `scikit-learn ${results.versions.sklearn}`,
        description: 'A scikit-learn MLP (16 ReLU units) on the v2 features and preprocessing, exported to ONNX (Gemm, Relu, Gemm, Sigmoid). Runs in the browser on ONNX Runtime Web.',
        details: `Multi-layer perceptron trained with scikit-learn ${results.versions.sklearn} MLPClassifier (16 ReLU units, L2 1e-3, early stopping), exported to ONNX (opset 17) by scripts/demo/train_onnx.py.`,
      },
    ];
    for (const e of entries) {
      const dir = `${plan.slug}/v${e.version}`;
      mkdirSync(path.join(DEMO_OUTPUT_DIR, dir), { recursive: true });
      copyFileSync(path.join(work, e.file), path.join(DEMO_OUTPUT_DIR, dir, 'model.onnx'));
      copyFileSync(path.join(DEMO_OUTPUT_DIR, base.dir, base.referenceDataset), path.join(DEMO_OUTPUT_DIR, dir, 'reference.csv'));
      const entry: DemoManifestVersion = {
        ...base,
        version: e.version,
        description: e.description,
        dir,
        files: ['model.onnx'],
        metrics: e.metrics,
        lineage: { ...base.lineage, parentVersion: 2 },
        modelCard: { ...base.modelCard, modelDetails: e.details },
      };
      model.versions.push(entry);
      console.log(`v${e.version} ${e.framework}: ${Object.entries(e.metrics).map(([k, v]) => `${k}=${v.toFixed(4)}`).join(' ')}`);
    }
    writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main();

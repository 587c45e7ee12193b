// `npm run demo:generate`: builds the demo datasets, trains every demo model version with TF.js
// (cpu backend), and writes models, reference CSVs and manifest.json to scripts/demo/output/.
// Seeded throughout: a second run writes byte-identical files.
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { InputSchema, OutputSchema } from '@/lib/validation/catalog';
import { DEMO_PLANS, type ModelPlan, type VersionPlan } from './catalog';
import { modelCard, type CardContext } from './cards';
import { splitRows, toCsv, type Dataset, type Row } from './datasets';
import { argmaxRows, binaryMetrics, multiclassMetrics, regressionMetrics } from './metrics';
import { applySpec, buildSpec, tensorWidth } from './preprocess';
import { round } from './rng';
import { initTf, MODEL_FILES, predict, serializeModel, trainNetwork } from './train';
import { DEMO_OUTPUT_DIR, type DemoManifest, type DemoManifestModel, type DemoManifestVersion } from './load';

const sha = (algorithm: 'sha1' | 'sha256', text: string | Uint8Array) => createHash(algorithm).update(text).digest('hex');

type Evaluated = { metrics: Record<string, number>; slices: string; targetSummary: string };

function targetMatrix(dataset: Dataset, plan: ModelPlan, rows: Row[]): Float32Array {
  const labels = dataset.classLabels ?? [];
  if (plan.taskType === 'regression') return Float32Array.from(rows, (r) => Number(r[dataset.target]));
  if (plan.taskType === 'binary_classification') return Float32Array.from(rows, (r) => (r[dataset.target] === dataset.positiveClass ? 1 : 0));
  const y = new Float32Array(rows.length * labels.length);
  rows.forEach((r, i) => (y[i * labels.length + labels.indexOf(String(r[dataset.target]))] = 1));
  return y;
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');

/** Holdout metrics (rounded to 6 decimals) and a Markdown table of results per slice. */
function evaluate(plan: ModelPlan, dataset: Dataset, holdout: Row[], output: Float32Array): Evaluated {
  const rounded = (m: Record<string, number>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, round(v, 6)]));
  if (plan.taskType === 'binary_classification') {
    const labels = holdout.map((r) => (r[dataset.target] === dataset.positiveClass ? 1 : 0));
    const scores = Array.from(output);
    const slice = (title: string, key: (r: Row) => string) => {
      const groups = [...new Set(holdout.map(key))].sort();
      const lines = groups.map((g) => {
        const idx = holdout.flatMap((r, i) => (key(r) === g ? [i] : []));
        const m = binaryMetrics(
          idx.map((i) => labels[i] ?? 0),
          idx.map((i) => scores[i] ?? 0),
        );
        const rate = idx.filter((i) => labels[i] === 1).length / idx.length;
        const flagged = idx.filter((i) => (scores[i] ?? 0) >= 0.5).length / idx.length;
        return `| ${g} | ${idx.length} | ${pct(rate)} | ${pct(flagged)} | ${f3(m.roc_auc)} | ${f3(m.recall)} |`;
      });
      return [`| ${title} | rows | default rate | flagged (p ≥ 0.5) | ROC AUC | recall |`, '|---|---:|---:|---:|---:|---:|', ...lines].join('\n');
    };
    const ageBand = (r: Row) => {
      const age = Number(r['age']);
      return age < 30 ? '21-29' : age < 45 ? '30-44' : age < 62 ? '45-61' : '62+';
    };
    const positives = labels.filter((y) => y === 1).length;
    return {
      metrics: rounded(binaryMetrics(labels, scores)),
      slices: `${slice('age band', ageBand)}\n\n${slice('employment_type', (r) => String(r['employment_type']))}`,
      targetSummary: `${positives} defaults (${pct(positives / labels.length)})`,
    };
  }
  if (plan.taskType === 'regression') {
    const actual = holdout.map((r) => Number(r[dataset.target]));
    const predicted = Array.from(output);
    const byPlan = [...new Set(holdout.map((r) => String(r['plan'])))].map((g) => {
      const idx = holdout.flatMap((r, i) => (r['plan'] === g ? [i] : []));
      const m = regressionMetrics(
        idx.map((i) => actual[i] ?? 0),
        idx.map((i) => predicted[i] ?? 0),
      );
      const meanActual = idx.reduce((s, i) => s + (actual[i] ?? 0), 0) / idx.length;
      const meanPredicted = idx.reduce((s, i) => s + (predicted[i] ?? 0), 0) / idx.length;
      return { g, line: `| ${g} | ${idx.length} | ${meanActual.toFixed(0)} | ${meanPredicted.toFixed(0)} | ${m.mae.toFixed(1)} | ${f3(m.r2)} |` };
    });
    const order = (dataset.features.find((f) => f.name === 'plan')?.categories ?? []) as string[];
    byPlan.sort((a, b) => order.indexOf(a.g) - order.indexOf(b.g));
    const mean = actual.reduce((s, y) => s + y, 0) / actual.length;
    return {
      metrics: rounded(regressionMetrics(actual, predicted)),
      slices: ['| plan | rows | mean actual (USD) | mean predicted (USD) | MAE (USD) | R² |', '|---|---:|---:|---:|---:|---:|', ...byPlan.map((p) => p.line)].join('\n'),
      targetSummary: `mean ltv_12m ${mean.toFixed(0)} USD`,
    };
  }
  const classes = dataset.classLabels ?? [];
  const labels = holdout.map((r) => classes.indexOf(String(r[dataset.target])));
  const predicted = argmaxRows(output, classes.length);
  const m = multiclassMetrics(labels, predicted, classes.length);
  const confusion = classes.map((actual, a) => `| ${actual} | ${classes.map((_, p) => labels.filter((y, i) => y === a && predicted[i] === p).length).join(' | ')} |`);
  return {
    metrics: rounded({ accuracy: m.accuracy, macro_f1: m.macro_f1 }),
    slices: [
      '| class | rows | precision | recall | F1 |',
      '|---|---:|---:|---:|---:|',
      ...m.perClass.map((c, i) => `| ${classes[i]} | ${c.support} | ${f3(c.precision)} | ${f3(c.recall)} | ${f3(c.f1)} |`),
      '',
      'Confusion matrix (rows: actual, columns: predicted):',
      '',
      `| actual \\ predicted | ${classes.join(' | ')} |`,
      `|---|${classes.map(() => '---:').join('|')}|`,
      ...confusion,
    ].join('\n'),
    targetSummary: classes.map((c, i) => `${labels.filter((y) => y === i).length} ${c}`).join(', '),
  };
}

async function trainVersion(plan: ModelPlan, dataset: Dataset, split: { train: Row[]; holdout: Row[] }, v: VersionPlan, trainingSha: string) {
  const started = performance.now();
  const spec = buildSpec(v.features, split.train);
  const width = tensorWidth(spec);
  const x = applySpec(spec, split.train);
  const y = targetMatrix(dataset, plan, split.train);
  const outputUnits = plan.taskType === 'multiclass_classification' ? (dataset.classLabels?.length ?? 0) : 1;
  const targets = plan.taskType === 'regression' ? Array.from(y) : [];
  const targetMean = targets.reduce((s, t) => s + t, 0) / (targets.length || 1);
  const targetStd = Math.sqrt(targets.reduce((s, t) => s + (t - targetMean) ** 2, 0) / (targets.length || 1));
  const { model, loss } = await trainNetwork(
    {
      name: `${plan.slug.replace(/-/g, '_')}_v${v.version}`,
      task: plan.taskType,
      inputWidth: width,
      hidden: v.hidden,
      outputUnits,
      epochs: v.epochs,
      batchSize: v.batchSize,
      learningRate: v.learningRate,
      l2: v.l2,
      seed: 1000 * DEMO_PLANS.indexOf(plan) + 10 * v.version,
      targetScale: plan.taskType === 'regression' ? { mean: targetMean, std: targetStd } : undefined,
    },
    x,
    y,
  );
  const output = predict(model, applySpec(spec, split.holdout), width);
  const evaluated = evaluate(plan, dataset, split.holdout, output);
  const files = await serializeModel(model);
  const params = model.countParams();
  model.dispose();

  const featureNames = v.features.map((f) => f.feature);
  const inputSchema: InputSchema = {
    features: featureNames.map((name) => {
      const feature = dataset.features.find((f) => f.name === name);
      if (!feature) throw new Error(`unknown feature ${name}`);
      return { ...feature, allowMissing: dataset.rows.some((r) => r[name] === null) };
    }),
  };
  const outputSchema: OutputSchema = { target: dataset.target };
  if (dataset.classLabels) outputSchema.classLabels = dataset.classLabels;
  if (dataset.positiveClass) outputSchema.positiveClass = dataset.positiveClass;
  const parentVersion = v.version > 1 ? v.version - 1 : undefined;

  const missingRates = featureNames
    .map((name) => ({ feature: name, rate: split.train.filter((r) => r[name] === null).length / split.train.length }))
    .filter((m) => m.rate > 0);
  const context: CardContext = {
    plan,
    version: v,
    parentVersion,
    trainRows: split.train.length,
    holdoutRows: split.holdout.length,
    metrics: evaluated.metrics,
    slices: evaluated.slices,
    targetSummary: evaluated.targetSummary,
    missingRates,
    inputWidth: width,
    params,
    finalLoss: loss,
  };
  const entry: DemoManifestVersion = {
    version: v.version,
    description: v.description,
    dir: `${plan.slug}/v${v.version}`,
    files: [...MODEL_FILES],
    referenceDataset: 'reference.csv',
    referenceDatasetName: plan.referenceDatasetName,
    inputSchema,
    outputSchema,
    preprocessing: spec,
    metrics: evaluated.metrics,
    lineage: {
      trainingDataset: { name: plan.trainingDatasetName, sha256: trainingSha },
      codeRepository: plan.codeRepository,
      commit: sha('sha1', `${plan.codeRepository}@v${v.version}`),
      ...(parentVersion ? { parentVersion } : {}),
      trainingRunUrl: `https://mlflow.example.com/#/experiments/${plan.experimentId}/runs/${sha('sha1', `${plan.slug}/v${v.version}/run`).slice(0, 32)}`,
    },
    modelCard: modelCard(context),
  };
  const reference = toCsv(split.holdout, [...featureNames, dataset.target]);
  return { entry, files, reference, seconds: (performance.now() - started) / 1000 };
}

async function main() {
  const started = performance.now();
  await initTf();
  rmSync(DEMO_OUTPUT_DIR, { recursive: true, force: true });
  const manifest: DemoManifest = { models: [] };
  const table: string[][] = [];
  for (const plan of DEMO_PLANS) {
    const dataset = plan.dataset();
    const split = splitRows(dataset.rows, plan.holdoutShare, `${plan.slug}/split`, plan.stratify ? dataset.target : undefined);
    // The training snapshot as exported (every column), hashed for lineage.
    const trainingSha = sha('sha256', toCsv(split.train, [...dataset.features.map((f) => f.name), dataset.target]));
    const model: DemoManifestModel = {
      name: plan.name,
      description: plan.description,
      ownerTeam: plan.ownerTeam,
      taskType: plan.taskType,
      riskTier: plan.riskTier,
      tags: plan.tags,
      versions: [],
    };
    for (const v of plan.versions) {
      const { entry, files, reference, seconds } = await trainVersion(plan, dataset, split, v, trainingSha);
      const dir = path.join(DEMO_OUTPUT_DIR, entry.dir);
      mkdirSync(dir, { recursive: true });
      for (const file of files) writeFileSync(path.join(dir, file.name), file.bytes);
      writeFileSync(path.join(dir, entry.referenceDataset), reference);
      model.versions.push(entry);
      table.push([plan.name, `v${v.version}`, Object.entries(entry.metrics).map(([k, m]) => `${k}=${m.toFixed(4)}`).join(' '), `${seconds.toFixed(1)}s`]);
    }
    manifest.models.push(model);
  }
  writeFileSync(path.join(DEMO_OUTPUT_DIR, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');

  const widths = [0, 1, 2, 3].map((c) => Math.max(...table.map((r) => (r[c] ?? '').length)));
  for (const row of table) console.log(row.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join('  ').trimEnd());
  const size = (p: string): number => (statSync(p).isDirectory() ? readdirSync(p).reduce((s, e) => s + size(path.join(p, e)), 0) : statSync(p).size);
  console.log(`\nwrote ${DEMO_OUTPUT_DIR} (${(size(DEMO_OUTPUT_DIR) / 1024).toFixed(0)} KiB) in ${((performance.now() - started) / 1000).toFixed(1)}s`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

// The server verifies an evaluation by running the version's model itself on rows it picks after
// the upload. Honest predictions from any backend (CPU, WASM, and GPU-like float32 differences)
// are accepted; labels passed off as predictions, a shuffled prediction column and a few altered
// rows are refused, audited, and named by row, without the server's own numbers.
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { labelEncoder } from '@/lib/evaluation/labels';
import { encodePredictions, summarise } from '@/lib/evaluation/summary';
import type { TaskType } from '@/lib/validation/catalog';
import { evaluations } from '@/server/db/schema';
import { freshDatabase, type TestDatabase } from '@/server/testing/database';
import { expectVerificationRefused } from '@/server/testing/verification';
import { contextFor, createUserWithSession } from '@/server/testing/fixtures';
import { demoFeatures, predictWith, sha256Of } from '@/server/testing/honest-predictions';
import { tfjsModelFiles } from '@/server/testing/tfjs-fixture';
import { loadDemoCatalog, type DemoModel, type DemoVersion } from '@/scripts/demo/load';
import { createVersion } from '../catalog/create-version';
import { registerModel } from '../catalog/register-model';
import type { SessionUser } from '../context';
import { saveEvaluation } from './save-evaluation';
import { verifyInWorker } from './verify/run-in-worker';

// Every save to stored data starts a verification worker thread (TF.js loads in it): seconds
// each on a busy machine, and some tests save several times.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 300_000 });

let t: TestDatabase;
let scientist: SessionUser;
let reviewer: SessionUser;
const catalog = await loadDemoCatalog();

type Registered = { modelId: string; model: DemoModel; v: DemoVersion; labels: number[]; k: number; honest: Float32Array };
const registered = new Map<string, Registered>();

/** Registers a demo version and computes its honest predictions on the CPU backend. */
async function register(name: string): Promise<Registered> {
  const model = catalog.find((m) => m.name === name);
  const v = model?.versions[0];
  if (!model || !v) throw new Error(`no demo model ${name}`);
  const created = await registerModel({ ctx: contextFor(t.db, scientist), input: { name: `${name} under test`, ownerTeam: 'Risk', taskType: model.taskType, riskTier: 'high' } });
  await createVersion({
    ctx: contextFor(t.db, scientist),
    input: {
      modelId: created.id,
      files: v.files,
      metadata: { inputSchema: v.inputSchema, outputSchema: v.outputSchema, preprocessing: v.preprocessing },
      referenceDataset: { name: v.referenceDatasetName, bytes: v.referenceDataset },
    },
  });
  const { x, rows, labels: texts } = demoFeatures(v);
  const encode = labelEncoder(v.outputSchema, model.taskType);
  const labels = texts.map((l) => encode(l) ?? Number.NaN);
  const honest = await scoresFor(model.taskType, v, await predictWith('cpu', v.files, x, rows));
  const k = model.taskType === 'multiclass_classification' ? (v.outputSchema.classLabels?.length ?? 0) : 1;
  return { modelId: created.id, model, v, labels, k, honest };
}

/** What the browser records per row: P(positive) for binary, every class for multiclass, the value for regression. */
async function scoresFor(taskType: TaskType, v: DemoVersion, out: { values: Float32Array; units: number }) {
  if (taskType !== 'binary_classification' || out.units === 1) return out.values;
  const classes = v.outputSchema.classLabels ?? [];
  const positive = classes.indexOf(v.outputSchema.positiveClass ?? classes[1] ?? '');
  return Float32Array.from({ length: out.values.length / 2 }, (_, r) => out.values[r * 2 + positive] ?? 0);
}

function evidence(r: Registered, predictions: Float32Array, overrides: Record<string, unknown> = {}) {
  const threshold = r.model.taskType === 'binary_classification' ? 0.5 : null;
  return {
    modelId: r.modelId,
    version: 1,
    dataset: { source: 'reference', name: r.v.referenceDatasetName, sha256: createHash('sha256').update(r.v.referenceDataset).digest('hex'), rowCount: r.labels.length },
    labelColumn: r.v.outputSchema.target,
    backend: 'cpu',
    adapter: null,
    tfjsVersion: '4.22.0',
    timings: { loadMs: 1, inferenceMs: 1, totalMs: 2 },
    threshold,
    metrics: summarise(r.model.taskType, predictions, r.labels, { classCount: r.k, threshold: threshold ?? 0.5 }),
    predictions: encodePredictions(predictions),
    predictionsSha256: sha256Of(predictions),
    evaluatedRows: r.labels.length,
    droppedRows: [],
    ...overrides,
  };
}

const evaluationCount = async () => (await t.db.select({ n: sql<number>`count(*)::int` }).from(evaluations))[0]?.n ?? 0;
const save = (input: unknown) => saveEvaluation({ ctx: contextFor(t.db, reviewer), input });
const get = (name: string) => {
  const r = registered.get(name);
  if (!r) throw new Error(`${name} was not registered`);
  return r;
};

beforeAll(async () => {
  t = await freshDatabase();
  scientist = await createUserWithSession(t.db, ['data_scientist']);
  reviewer = await createUserWithSession(t.db, ['risk_reviewer'], { name: 'Rita Reviewer' });
  for (const name of ['Credit default risk', 'Customer lifetime value', 'Iris species']) registered.set(name, await register(name));
});
afterAll(async () => t?.close());

/** A deterministic stand-in for noise: ±`size` relative, different on every value. */
const jitter = (values: Float32Array, size: number) => Float32Array.from(values, (v, i) => v * (1 + size * Math.sin(i * 12.9898)));

describe('honest predictions are verified, whatever backend computed them', () => {
  it.each(['Credit default risk', 'Customer lifetime value', 'Iris species'])('%s: TF.js CPU backend', async (name) => {
    const saved = await save(evidence(get(name), get(name).honest));
    expect(saved.verified).toBe(true);
    const sampled = Math.min(256, get(name).labels.length);
    expect(saved.verificationNote).toContain(`the model run by the server on ${sampled} randomly chosen rows agreed`);
  });

  it.each(['Credit default risk', 'Customer lifetime value', 'Iris species'])('%s: TF.js WASM backend', async (name) => {
    const r = get(name);
    const { x, rows } = demoFeatures(r.v);
    const wasm = await scoresFor(r.model.taskType, r.v, await predictWith('wasm', r.v.files, x, rows));
    expect(await save(evidence(r, wasm, { backend: 'wasm' }))).toMatchObject({ verified: true });
  });

  it.each(['Credit default risk', 'Customer lifetime value', 'Iris species'])('%s: GPU-like float differences (1e-6 and 1e-4 relative noise)', async (name) => {
    const r = get(name);
    // WebGL/WebGPU compute in float32 with other summation orders and exp approximations: outputs
    // differ from the CPU's in the last few bits. 1e-6 relative noise is well beyond that.
    const gpuLike = jitter(r.honest, 1e-6);
    expect(gpuLike.some((v, i) => v !== r.honest[i])).toBe(true);
    expect(await save(evidence(r, gpuLike, { backend: 'webgpu', adapter: { vendor: 'test', architecture: 'test', isFallback: false } }))).toMatchObject({ verified: true });
    expect(await save(evidence(r, jitter(r.honest, 1e-4), { backend: 'webgl' }))).toMatchObject({ verified: true });
  });
});

describe('fabricated predictions are refused, audited and named by row', () => {
  const refused = (input: unknown) => expectVerificationRefused(t.db, save, input, { actorName: 'Rita Reviewer' });

  it('refuses the stored labels uploaded as the predictions (accuracy 1.0)', async () => {
    const r = get('Credit default risk');
    const labels = Float32Array.from(r.labels);
    const input = evidence(r, labels);
    expect(input.metrics.accuracy).toBe(1);
    const { error, audit } = await refused(input);
    expect(error.details).toMatchObject({ rule: 'predictions_mismatch', sampled: 256 });
    const rows = error.details?.['rows'] as number[];
    expect(rows.length).toBeGreaterThan(200);
    expect(rows.every((row) => Number.isInteger(row) && row >= 0 && row < 1200)).toBe(true);
    expect(error.message).toMatch(/the server ran the model on 256 randomly chosen rows and \d+ disagree beyond the tolerance of 0\.001 \(data rows \d+, \d+/);
    expect(audit.after).toMatchObject({ rule: 'predictions_mismatch', sampled: 256, rows, version: 1 });
  });

  it('refuses a shuffled prediction column (the right values on the wrong rows)', async () => {
    const r = get('Customer lifetime value');
    const shuffled = r.honest.slice().reverse();
    const { error } = await refused(evidence(r, shuffled));
    expect(error.details).toMatchObject({ rule: 'predictions_mismatch' });
    // Multiclass: each row's probabilities moved one row down.
    const iris = get('Iris species');
    const k = iris.k;
    const rolled = new Float32Array(iris.honest.length);
    rolled.set(iris.honest.subarray(k));
    rolled.set(iris.honest.subarray(0, k), iris.honest.length - k);
    expect((await refused(evidence(iris, rolled))).error.details).toMatchObject({ rule: 'predictions_mismatch' });
  });

  it('refuses 2 % of rows altered, naming exactly those rows when every row is checked', async () => {
    // Iris has 45 rows, fewer than the sample, so the server checks them all: one altered row (2.2 %) is always caught.
    const iris = get('Iris species');
    const altered = iris.honest.slice();
    altered.set([altered[31 * 3 + 2]!, altered[31 * 3 + 0]!, altered[31 * 3 + 1]!], 31 * 3); // row 31's classes rotated
    const { error } = await refused(evidence(iris, altered));
    expect(error.details).toMatchObject({ rule: 'predictions_mismatch', rows: [31], sampled: 45 });
    expect(error.message).toContain('(data rows 31;');
  });

  it('refuses predictions right only where a fixed sample would look (the first 256 rows), since the rows are chosen after the upload', async () => {
    const r = get('Credit default risk');
    const gamed = r.honest.slice();
    for (let i = 256; i < gamed.length; i++) gamed[i] = r.labels[i]!; // the rest fabricated
    const { error } = await refused(evidence(r, gamed));
    const rows = error.details?.['rows'] as number[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row >= 256)).toBe(true);
  });

  it('refuses a shift beyond the tolerance on every row (2e-3 on each probability)', async () => {
    const r = get('Credit default risk');
    const shifted = Float32Array.from(r.honest, (p) => Math.min(1, Math.max(0, p + (p < 0.5 ? -2e-3 : 2e-3))));
    expect((await refused(evidence(r, shifted))).error.details).toMatchObject({ rule: 'predictions_mismatch' });
  });

  it('refuses metrics that do not follow from the predictions, naming the metric but none of the server’s values', async () => {
    const r = get('Credit default risk');
    const input = evidence(r, r.honest);
    const truth = input.metrics;
    const { error, audit } = await refused({ ...input, metrics: { ...truth, roc_auc: (truth.roc_auc ?? 0) + 0.02, accuracy: (truth.accuracy ?? 0) + 0.01 } });
    expect(error.details).toMatchObject({ rule: 'metrics_mismatch', metrics: ['accuracy', 'roc_auc'] });
    expect(audit.after).toMatchObject({ rule: 'metrics_mismatch', metrics: ['accuracy', 'roc_auc'] });
    // No recomputed value, at any precision a reader could use.
    for (const value of Object.values(truth)) {
      if (value === null) continue;
      for (const digits of [2, 3, 4, 6]) expect(error.message).not.toContain(value.toFixed(digits).replace(/^0/, ''));
    }
    expect(error.message).not.toMatch(/recomputed|\d\.\d/);
  });
});

describe('the model runs as data, in a bounded worker', () => {
  it('refuses to verify a model that needs a custom layer, and saves nothing', async () => {
    const { modelJson, files } = tfjsModelFiles({ inputs: 5 });
    const topology = modelJson.modelTopology.config.layers;
    (topology[1] as { class_name: string }).class_name = 'MyCustomDense';
    const custom = [{ name: 'model.json', bytes: new TextEncoder().encode(JSON.stringify(modelJson)) }, files[1]!];
    const r = get('Credit default risk');
    const model = await registerModel({ ctx: contextFor(t.db, scientist), input: { name: 'Custom layer model', ownerTeam: 'Risk', taskType: 'binary_classification', riskTier: 'low' } });
    const csv = new TextEncoder().encode('age,income,region,defaulted\n30,40000,north,yes\n50,60000,east,no\n');
    await createVersion({
      ctx: contextFor(t.db, scientist),
      input: {
        modelId: model.id,
        files: custom,
        metadata: {
          outputSchema: { target: 'defaulted', classLabels: ['no', 'yes'], positiveClass: 'yes' },
          preprocessing: {
            steps: [
              { feature: 'age', kind: 'standardize', mean: 40, std: 12 },
              { feature: 'income', kind: 'standardize', mean: 50000, std: 15000 },
              { feature: 'region', kind: 'one_hot', categories: ['north', 'south', 'east'] },
            ],
            missingNumeric: { strategy: 'mean' },
          },
        },
        referenceDataset: { name: 'two.csv', bytes: csv },
      },
    });
    const scores = Float32Array.from([0.7, 0.2]);
    const before = await evaluationCount();
    const attempt = save({
      ...evidence(r, r.honest),
      predictions: encodePredictions(scores),
      predictionsSha256: sha256Of(scores),
      modelId: model.id,
      dataset: { source: 'reference', name: 'two.csv', sha256: createHash('sha256').update(csv).digest('hex'), rowCount: 2 },
      labelColumn: 'defaulted',
      metrics: summarise('binary_classification', scores, [1, 0], { classCount: 1, threshold: 0.5 }),
      evaluatedRows: 2,
    });
    await expect(attempt).rejects.toMatchObject({ details: { rule: 'model_not_verifiable' } });
    await expect(attempt).rejects.toThrow(/custom layer “MyCustomDense”/);
    expect(await evaluationCount()).toBe(before);
  });

  it('refuses predictions whose SHA-256 is not the one sent with them', async () => {
    const r = get('Iris species');
    await expect(save(evidence(r, r.honest, { predictionsSha256: sha256Of(r.honest.subarray(3)) }))).rejects.toMatchObject({ details: { rule: 'predictions_digest' } });
  });

  it('terminates a verification that runs past its time limit', async () => {
    const r = get('Iris species');
    const job = () => ({
      csv: r.v.referenceDataset.slice(),
      schema: { inputSchema: r.v.inputSchema, outputSchema: r.v.outputSchema, preprocessing: r.v.preprocessing },
      taskType: r.model.taskType,
      mapping: {},
      predictions: r.honest,
      threshold: 0.5,
      model: { format: 'layers-model' as const, files: r.v.files },
      sampleRows: 256,
    });
    // Starting a worker alone takes longer than 1 ms.
    await expect(verifyInWorker(job(), { timeoutMs: 1, memoryMb: 512 })).resolves.toMatchObject({ status: 'limit', message: expect.stringMatching(/longer than/) });
    // The same job within ordinary limits passes, so the refusal above came from the limit.
    await expect(verifyInWorker(job(), { timeoutMs: 120_000, memoryMb: 512 })).resolves.toMatchObject({ status: 'checked', disagreeing: [] });
  });
});

// The server's check of saved evaluations covers ONNX versions: the demo credit model's v4 (an
// ai.onnx.ml tree ensemble) and v5 (an MLP), run by the server on ONNX Runtime in its bounded
// worker. Honest predictions, computed here with a session of our own on features encoded by the
// demo's training recipe (and checked against the metrics the Python training script recorded), are
// accepted; labels passed off as predictions, a shifted prediction column and 2 % altered rows are
// refused and audited as evaluation.verification_failed.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { labelEncoder } from '@/lib/evaluation/labels';
import { summarise } from '@/lib/evaluation/summary';
import { freshDatabase, type TestDatabase } from '@/server/testing/database';
import { expectVerificationRefused, onnxBinaryEvidence } from '@/server/testing/verification';
import { contextFor, createUserWithSession } from '@/server/testing/fixtures';
import { demoFeatures, predictOnnx } from '@/server/testing/honest-predictions';
import { loadDemoCatalog, type DemoVersion } from '@/scripts/demo/load';
import { tensorWidth } from '@/scripts/demo/preprocess';
import { createVersion } from '../catalog/create-version';
import { registerModel } from '../catalog/register-model';
import type { SessionUser } from '../context';
import { saveEvaluation } from './save-evaluation';

vi.setConfig({ testTimeout: 180_000, hookTimeout: 300_000 });

let t: TestDatabase;
let scientist: SessionUser;
let reviewer: SessionUser;
const credit = (await loadDemoCatalog()).find((m) => m.name === 'Credit default risk');

type Registered = { modelId: string; v: DemoVersion; csv: Uint8Array; labels: number[]; honest: Float32Array };
const registered = new Map<string, Registered>();

/** The demo version `n` registered on its own model, with its reference data cut to the first `rows` rows when given. */
async function register(n: number, rows?: number): Promise<Registered> {
  const v = credit?.versions.find((x) => x.version === n);
  if (!v) throw new Error(`no demo credit version ${n}`);
  const lines = v.referenceCsv.trimEnd().split('\n');
  const csvText = rows === undefined ? v.referenceCsv : lines.slice(0, rows + 1).join('\n') + '\n';
  const cut: DemoVersion = { ...v, referenceCsv: csvText, referenceDataset: new TextEncoder().encode(csvText) };
  const model = await registerModel({ ctx: contextFor(t.db, scientist), input: { name: `Credit ONNX v${n}${rows ? ` ${rows} rows` : ''}`, ownerTeam: 'Risk', taskType: 'binary_classification', riskTier: 'high' } });
  await createVersion({
    ctx: contextFor(t.db, scientist),
    input: {
      modelId: model.id,
      files: v.files,
      metadata: { inputSchema: v.inputSchema, outputSchema: v.outputSchema, preprocessing: v.preprocessing },
      referenceDataset: { name: v.referenceDatasetName, bytes: cut.referenceDataset },
    },
  });
  const { x, rows: count, labels: texts } = demoFeatures(cut);
  const encode = labelEncoder(v.outputSchema, 'binary_classification');
  const onnx = v.files.find((f) => f.name.endsWith('.onnx'))!;
  const honest = await predictOnnx(onnx.bytes, { features: { type: 'float32', data: x, dims: [count, tensorWidth(v.preprocessing)] } });
  return { modelId: model.id, v: cut, csv: cut.referenceDataset, labels: texts.map((l) => encode(l) ?? Number.NaN), honest };
}

const evidence = (r: Registered, predictions: Float32Array) => onnxBinaryEvidence({ ...r, datasetName: r.v.referenceDatasetName, labelColumn: r.v.outputSchema.target }, predictions);

const get = (key: string) => {
  const r = registered.get(key);
  if (!r) throw new Error(`${key} was not registered`);
  return r;
};
const save = (input: unknown) => saveEvaluation({ ctx: contextFor(t.db, reviewer), input });

beforeAll(async () => {
  t = await freshDatabase();
  scientist = await createUserWithSession(t.db, ['data_scientist']);
  reviewer = await createUserWithSession(t.db, ['risk_reviewer'], { name: 'Rita Reviewer' });
  for (const n of [4, 5]) {
    registered.set(`v${n}`, await register(n));
    // Fewer rows than the server's sample (256), so every row is checked and a few altered ones are always found.
    registered.set(`v${n} small`, await register(n, 150));
  }
});
afterAll(async () => t?.close());

const VERSIONS = [
  ['v4', 'gradient-boosted trees (ai.onnx.ml TreeEnsembleRegressor)'],
  ['v5', 'MLP (Gemm, Relu, Gemm, Sigmoid)'],
] as const;

describe('ONNX versions: honest predictions are verified', () => {
  it.each(VERSIONS)('%s %s: the reference predictions reproduce the training script’s metrics', async (key) => {
    // The independent anchor: these predictions give the metrics Python computed from its own model.
    const r = get(key);
    const summary = summarise('binary_classification', r.honest, r.labels, { classCount: 1, threshold: 0.5 });
    for (const [name, recorded] of Object.entries(r.v.metrics)) expect(Math.abs((summary[name] ?? Number.NaN) - recorded), name).toBeLessThanOrEqual(1e-4);
  });

  it.each(VERSIONS)('%s %s: saved as verified, the server running the model on 256 sampled rows', async (key) => {
    const saved = await save(evidence(get(key), get(key).honest));
    expect(saved.verified).toBe(true);
    expect(saved.verificationNote).toContain('the model run by the server on 256 randomly chosen rows agreed');
  });

  it.each(VERSIONS)('%s %s: every row checked on a small dataset, WebGPU-like float noise (1e-6 relative) accepted', async (key) => {
    const r = get(`${key} small`);
    const noisy = Float32Array.from(r.honest, (p, i) => p * (1 + 1e-6 * Math.sin(i * 12.9898)));
    const saved = await save(evidence(r, noisy));
    expect(saved).toMatchObject({ verified: true });
    expect(saved.verificationNote).toContain('on 150 randomly chosen rows agreed');
  });
});

describe('ONNX versions: fabricated predictions are refused and audited', () => {
  const refused = (input: unknown) => expectVerificationRefused(t.db, save, input, { actorName: 'Rita Reviewer' });

  it.each(VERSIONS)('%s %s: the labels uploaded as the predictions', async (key) => {
    const r = get(key);
    const input = evidence(r, Float32Array.from(r.labels));
    expect(input.metrics.accuracy).toBe(1);
    const { error, audit } = await refused(input);
    expect(error.details).toMatchObject({ rule: 'predictions_mismatch', sampled: 256 });
    expect((error.details?.['rows'] as number[]).length).toBeGreaterThan(150);
    expect(audit.after).toMatchObject({ rule: 'predictions_mismatch', sampled: 256, version: 1 });
  });

  it.each(VERSIONS)('%s %s: the prediction column shifted one row down', async (key) => {
    const r = get(key);
    const shifted = new Float32Array(r.honest.length);
    shifted.set(r.honest.subarray(0, -1), 1);
    shifted[0] = r.honest.at(-1)!;
    expect((await refused(evidence(r, shifted))).error.details).toMatchObject({ rule: 'predictions_mismatch' });
  });

  it.each(VERSIONS)('%s %s: 2 % of the rows altered, named exactly', async (key) => {
    const r = get(`${key} small`);
    const altered = r.honest.slice();
    const rows = [7, 64, 149]; // 3 of 150 rows
    for (const row of rows) altered[row] = altered[row]! < 0.5 ? altered[row]! + 0.3 : altered[row]! - 0.3;
    const { error, audit } = await refused(evidence(r, altered));
    expect(error.details).toMatchObject({ rule: 'predictions_mismatch', rows, sampled: 150 });
    expect(audit.after).toMatchObject({ rule: 'predictions_mismatch', rows });
  });
});

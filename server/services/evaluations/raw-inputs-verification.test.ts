// An ONNX graph with one named input per feature (a pipeline exported with its own column
// transformer: fixtures/onnx/raw-credit.onnx, written by scripts/onnx-fixtures/make.py) is evaluated
// from raw values: the server's verification feeds each feature's raw values to its own input (float,
// double, int64 and string, shaped [N, 1] or [N]). The expected predictions are computed here by hand
// from the graph's published parameters, not by ONNX Runtime or the code under test.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isMissing, parseCsv } from '@/lib/datasets/csv';
import { freshDatabase, type TestDatabase } from '@/server/testing/database';
import { expectVerificationRefused, onnxBinaryEvidence } from '@/server/testing/verification';
import { contextFor, createUserWithSession } from '@/server/testing/fixtures';
import { predictOnnx } from '@/server/testing/honest-predictions';
import { loadDemoCatalog } from '@/scripts/demo/load';
import { createVersion } from '../catalog/create-version';
import { getVersion } from '../catalog/get-version';
import { registerModel } from '../catalog/register-model';
import type { SessionUser } from '../context';
import { saveEvaluation } from './save-evaluation';

vi.setConfig({ testTimeout: 180_000, hookTimeout: 300_000 });

const graph = { name: 'raw-credit.onnx', bytes: new Uint8Array(readFileSync(join(__dirname, '..', '..', 'artifacts', 'fixtures', 'onnx', 'raw-credit.onnx'))) };
// The demo credit data: its v2 input schema (10 features, of which the graph reads 4) and reference rows (annual_income sometimes blank).
const demo = (await loadDemoCatalog()).find((m) => m.name === 'Credit default risk')!.versions.find((v) => v.version === 2)!;

// The parameters scripts/onnx-fixtures/make.py gives raw_credit().
const REGIONS = ['north', 'south', 'east', 'west', 'central'];
const WEIGHTS = [0.3, -0.8, 0.9, 0.2, -0.1, 0.05, 0.0, -0.3];
const BIAS = -1.5;

/** P(default) of each data row of `csv`, computed by hand as the graph defines it. */
function byHand(csv: string): { p: Float32Array; labels: number[] } {
  const { header, rows } = parseCsv(csv);
  const at = (name: string) => header.indexOf(name);
  const p = Float32Array.from(rows, (cells) => {
    const income = cells[at('annual_income')] ?? '';
    const x = [
      (Number(cells[at('age')]) - 40) / 12,
      ((isMissing(income) ? 50000 : Number(income)) - 50000) / 20000,
      Number(cells[at('late_payments_12m')]),
      ...REGIONS.map((r) => (cells[at('region')] === r ? 1 : 0)),
    ];
    const z = x.reduce((sum, v, i) => sum + v * WEIGHTS[i]!, BIAS);
    return 1 / (1 + Math.exp(-z));
  });
  return { p, labels: rows.map((cells) => (cells[at('defaulted')] === 'yes' ? 1 : 0)) };
}

let t: TestDatabase;
let scientist: SessionUser;
let reviewer: SessionUser;
type Registered = { modelId: string; csv: Uint8Array; labels: number[]; honest: Float32Array };
let full: Registered;
let small: Registered;

async function register(name: string, csvText: string): Promise<Registered> {
  const model = await registerModel({ ctx: contextFor(t.db, scientist), input: { name, ownerTeam: 'Risk', taskType: 'binary_classification', riskTier: 'high' } });
  const csv = new TextEncoder().encode(csvText);
  await createVersion({
    ctx: contextFor(t.db, scientist),
    input: { modelId: model.id, files: [graph], metadata: { inputSchema: demo.inputSchema, outputSchema: demo.outputSchema }, referenceDataset: { name: 'reference.csv', bytes: csv } },
  });
  const { p, labels } = byHand(csvText);
  return { modelId: model.id, csv, labels, honest: p };
}

const evidence = (r: Registered, predictions: Float32Array) => onnxBinaryEvidence({ ...r, datasetName: 'reference.csv', labelColumn: 'defaulted' }, predictions);

const save = (input: unknown) => saveEvaluation({ ctx: contextFor(t.db, reviewer), input });

beforeAll(async () => {
  t = await freshDatabase();
  scientist = await createUserWithSession(t.db, ['data_scientist']);
  reviewer = await createUserWithSession(t.db, ['risk_reviewer'], { name: 'Rita Reviewer' });
  full = await register('Credit raw inputs', demo.referenceCsv);
  // Fewer rows than the server's sample (256): every row is checked, so a few altered ones are always found.
  small = await register('Credit raw inputs small', demo.referenceCsv.split('\n').slice(0, 151).join('\n') + '\n');
});
afterAll(async () => t?.close());

describe('an ONNX graph with one named input per feature', () => {
  it('is what the hand computation says: ONNX Runtime on the same raw values gives the same probabilities', async () => {
    const { header, rows } = parseCsv(demo.referenceCsv);
    const column = (name: string) => rows.map((cells) => cells[header.indexOf(name)] ?? '');
    const n = rows.length;
    const ort = await predictOnnx(graph.bytes, {
      age: { type: 'float32', data: Float32Array.from(column('age'), Number), dims: [n, 1] },
      annual_income: { type: 'float64', data: Float64Array.from(column('annual_income'), (v) => (isMissing(v) ? Number.NaN : Number(v))), dims: [n, 1] },
      late_payments_12m: { type: 'int64', data: BigInt64Array.from(column('late_payments_12m'), (v) => BigInt(v)), dims: [n] },
      region: { type: 'string', data: column('region'), dims: [n, 1] },
    });
    expect(column('annual_income').some(isMissing)).toBe(true);
    expect(Math.max(...ort.map((p, i) => Math.abs(p - full.honest[i]!)))).toBeLessThan(1e-5);
  });

  it('records the raw-feature mapping (input, type and rank) instead of a preprocessing spec', async () => {
    const page = await getVersion({ ctx: contextFor(t.db, scientist), input: { modelId: full.modelId, version: 1 } });
    expect(page.preprocessing).toBeNull();
    expect(page.rawFeatureInputs).toEqual([
      { feature: 'age', input: 'age', elemType: 'float32', rank: 2 },
      { feature: 'annual_income', input: 'annual_income', elemType: 'float64', rank: 2 },
      { feature: 'late_payments_12m', input: 'late_payments_12m', elemType: 'int64', rank: 1 },
      { feature: 'region', input: 'region', elemType: 'string', rank: 2 },
    ]);
  });

  it('verifies honest predictions: the server feeds each feature’s raw values to its input', async () => {
    const saved = await save(evidence(full, full.honest));
    expect(saved).toMatchObject({ verified: true });
    expect(saved.verificationNote).toContain('the model run by the server on 256 randomly chosen rows agreed');
    expect(await save(evidence(small, small.honest))).toMatchObject({ verified: true, verificationNote: expect.stringContaining('on 150 randomly chosen rows agreed') });
  });

  describe('refuses fabricated predictions, audited', () => {
    const refused = async (input: unknown) => (await expectVerificationRefused(t.db, save, input, { actorName: 'Rita Reviewer', after: { rule: 'predictions_mismatch' } })).error;

    it('the labels as the predictions', async () => {
      expect((await refused(evidence(full, Float32Array.from(full.labels)))).details).toMatchObject({ rule: 'predictions_mismatch', sampled: 256 });
    });

    it('the prediction column shifted one row down', async () => {
      const shifted = new Float32Array(full.honest.length);
      shifted.set(full.honest.subarray(0, -1), 1);
      shifted[0] = full.honest.at(-1)!;
      expect((await refused(evidence(full, shifted))).details).toMatchObject({ rule: 'predictions_mismatch' });
    });

    it('2 % of the rows altered, named exactly', async () => {
      const altered = small.honest.slice();
      const rows = [3, 90, 120];
      for (const row of rows) altered[row] = altered[row]! < 0.5 ? altered[row]! + 0.3 : altered[row]! - 0.3;
      expect((await refused(evidence(small, altered))).details).toMatchObject({ rule: 'predictions_mismatch', rows, sampled: 150 });
    });
  });
});

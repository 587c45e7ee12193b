import { createHash } from 'node:crypto';
import { desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseCsv } from '@/lib/datasets/csv';
import { profileDataset } from '@/lib/datasets/profile';
import { encodePredictions, SUMMARY_METRICS, summarise } from '@/lib/evaluation/summary';
import { postgresArtifactStore } from '@/server/artifacts/store';
import { auditEvents, datasets, evaluations } from '@/server/db/schema';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@/server/errors';
import { freshDatabase, type TestDatabase } from '@/server/testing/database';
import { contextFor, createUserWithSession } from '@/server/testing/fixtures';
import { predictWith, sha256Of } from '@/server/testing/honest-predictions';
import { creditCsv, tfjsModelFiles } from '@/server/testing/tfjs-fixture';
import { createVersion } from '../catalog/create-version';
import { listDatasets } from '../catalog/list-datasets';
import { registerModel } from '../catalog/register-model';
import type { SessionUser } from '../context';
import { listEvaluations } from './list-evaluations';
import { saveEvaluation } from './save-evaluation';

// Every save to stored data starts a verification worker thread (TF.js loads in it): seconds
// each on a busy machine, and some tests save several times.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 300_000 });

let t: TestDatabase;
let scientist: SessionUser;
let reviewer: SessionUser;
let modelId: string;
const csvBytes = creditCsv(40);
const csvSha = createHash('sha256').update(csvBytes).digest('hex');

const modelFiles = tfjsModelFiles({ inputs: 5 }).files;
/** Version 1's preprocessing, written out by hand: age and income standardized, region one-hot. */
const encodeRows = (rows: string[][], columns = { age: 0, income: 1, region: 2 }) =>
  Float32Array.from(
    rows.flatMap((r) => {
      const region = r[columns.region] ?? '';
      return [(Number(r[columns.age]) - 40) / 12, (Number(r[columns.income]) - 50000) / 15000, ...['north', 'south', 'east'].map((c) => (c === region ? 1 : 0))];
    }),
  );
/** What an honest browser uploads: the model's own outputs, here from TF.js's CPU backend. */
const honest = async (rows: string[][], files = modelFiles, columns?: { age: number; income: number; region: number }) =>
  (await predictWith('cpu', files, encodeRows(rows, columns), rows.length)).values;

// One score per evaluable row (all 40 rows are complete).
const { rows } = parseCsv(new TextDecoder().decode(csvBytes));
const labels = rows.map((r) => (r[3] === 'yes' ? 1 : 0));
let scores: Float32Array;
let metrics: ReturnType<typeof summarise>;

const evidence = (overrides: Record<string, unknown> = {}) => ({
  modelId,
  version: 1,
  dataset: { source: 'reference', name: 'reference.csv', sha256: csvSha, rowCount: 40 },
  labelColumn: 'defaulted',
  backend: 'wasm',
  adapter: null,
  tfjsVersion: '4.22.0',
  timings: { loadMs: 12, inferenceMs: 3, totalMs: 20 },
  threshold: 0.5,
  metrics,
  predictions: encodePredictions(scores),
  predictionsSha256: sha256Of(scores),
  evaluatedRows: 40,
  droppedRows: [],
  ...overrides,
});

beforeAll(async () => {
  scores = await honest(rows);
  metrics = summarise('binary_classification', scores, labels, { classCount: 2, threshold: 0.5 });
  t = await freshDatabase();
  scientist = await createUserWithSession(t.db, ['data_scientist']);
  reviewer = await createUserWithSession(t.db, ['risk_reviewer'], { name: 'Rita Reviewer' });
  const model = await registerModel({ ctx: contextFor(t.db, scientist), input: { name: 'Eval Target', ownerTeam: 'Risk', taskType: 'binary_classification', riskTier: 'high' } });
  modelId = model.id;
  await createVersion({
    ctx: contextFor(t.db, scientist),
    input: {
      modelId,
      files: modelFiles,
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
      referenceDataset: { name: 'reference.csv', bytes: csvBytes },
    },
  });
});
afterAll(async () => t.close());

const count = async () => (await t.db.select({ n: sql<number>`count(*)::int` }).from(evaluations))[0]?.n ?? 0;

describe('saving evaluations', () => {
  it('saves a reference-data evaluation as verified after recomputing its metrics, and audits it', async () => {
    const saved = await saveEvaluation({ ctx: contextFor(t.db, reviewer), input: evidence() });
    expect(saved).toMatchObject({ verified: true });
    const [listed] = await listEvaluations({ ctx: contextFor(t.db, reviewer), input: { modelId, version: 1 } });
    expect(listed).toMatchObject({ id: saved.id, verified: true, backend: 'wasm', evaluatedRows: 40, createdByName: 'Rita Reviewer', datasetSha256: csvSha });
    expect(listed?.metrics.roc_auc).toBeCloseTo(metrics.roc_auc ?? NaN, 12);
    const [audit] = await t.db.select().from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1);
    expect(audit).toMatchObject({ action: 'evaluation.saved', entityId: saved.id, actorName: 'Rita Reviewer', after: { verified: true, backend: 'wasm' } });
  });

  it('records the WASM threads the run used, in the row and its audit event; none when not given', async () => {
    const threaded = await saveEvaluation({ ctx: contextFor(t.db, reviewer), input: evidence({ wasmThreads: 2 }) });
    const [row] = await t.db.select().from(evaluations).where(eq(evaluations.id, threaded.id));
    expect(row?.wasmThreads).toBe(2);
    const [audit] = await t.db.select().from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1);
    expect(audit).toMatchObject({ entityId: threaded.id, after: { backend: 'wasm', wasmThreads: 2 } });
    const plain = await saveEvaluation({ ctx: contextFor(t.db, reviewer), input: evidence() });
    const [unrecorded] = await t.db.select().from(evaluations).where(eq(evaluations.id, plain.id));
    expect(unrecorded?.wasmThreads).toBeNull();
  });

  it('refuses metrics that do not follow from the predictions, and saves nothing', async () => {
    const before = await count();
    const inflated = { ...metrics, roc_auc: (metrics.roc_auc ?? 0) + 0.02 };
    const attempt = saveEvaluation({ ctx: contextFor(t.db, reviewer), input: evidence({ metrics: inflated }) });
    await expect(attempt).rejects.toThrow(ValidationError);
    await expect(attempt).rejects.toMatchObject({ details: { rule: 'metrics_mismatch', metrics: ['roc_auc'] } });
    // Predictions for another number of rows are refused too.
    await expect(saveEvaluation({ ctx: contextFor(t.db, reviewer), input: evidence({ predictions: encodePredictions(scores.subarray(1)), predictionsSha256: sha256Of(scores.subarray(1)), evaluatedRows: 39 }) })).rejects.toThrow(/cover 39 rows/);
    await expect(saveEvaluation({ ctx: contextFor(t.db, reviewer), input: evidence({ dataset: { source: 'reference', name: 'x.csv', sha256: 'a'.repeat(64), rowCount: 40 } }) })).rejects.toThrow(ConflictError);
    expect(await count()).toBe(before);
  });

  it('refuses a metric the server does not recompute, naming it, for stored and local data alike, and saves nothing', async () => {
    const before = await count();
    const auditsBefore = (await t.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents))[0]?.n;
    // Correct metrics plus one the server never checks: it must not be saved as verified.
    const extra = saveEvaluation({ ctx: contextFor(t.db, reviewer), input: evidence({ metrics: { ...metrics, balanced_accuracy: 0.99 } }) });
    await expect(extra).rejects.toThrow(ValidationError);
    await expect(extra).rejects.toThrow(/does not record the metric “balanced_accuracy”; send only accuracy, precision/);
    await expect(extra).rejects.toMatchObject({ details: { rule: 'unknown_metric', metrics: ['balanced_accuracy'] } });
    // A multiclass key on a binary model, and unverified local data, are refused the same way.
    const local = { source: 'local', name: 'my-laptop.csv', sha256: 'b'.repeat(64), rowCount: 40 };
    await expect(saveEvaluation({ ctx: contextFor(t.db, reviewer), input: evidence({ dataset: local, metrics: { ...metrics, weighted_f1: 0.9, macro_f1: 0.9 } }) })).rejects.toMatchObject({
      details: { rule: 'unknown_metric', metrics: ['weighted_f1', 'macro_f1'] },
    });
    expect(await count()).toBe(before);
    expect((await t.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents))[0]?.n).toBe(auditsBefore);
  });

  it('saves a local-data evaluation marked as not verified by the server', async () => {
    const saved = await saveEvaluation({
      ctx: contextFor(t.db, reviewer),
      input: evidence({ dataset: { source: 'local', name: 'my-laptop.csv', sha256: 'b'.repeat(64), rowCount: 40 }, metrics: { ...metrics, roc_auc: 0.99 } }),
    });
    expect(saved).toMatchObject({ verified: false, verificationNote: 'Local data, not verified by the server.' });
  });

  it('keeps saved evaluations immutable in the database itself', async () => {
    const message = await t.db.execute(sql`update evaluations set verified = true`).then(
      () => 'updated',
      (err: Error & { cause?: Error }) => `${err.message} ${err.cause?.message ?? ''}`,
    );
    expect(message).toMatch(/evaluations are immutable: UPDATE refused/);
  });
});

describe('evaluating on another dataset stored on the server', () => {
  // Version 2's reference dataset: other rows, an extra column, a row with a missing label.
  const otherBytes = new TextEncoder().encode(
    ['age,income,region,channel,defaulted', ...Array.from({ length: 30 }, (_, i) => `${25 + (i % 40)},${28000 + i * 1500},${['east', 'north', 'south'][i % 3]},web,${i === 7 ? '' : i % 4 === 0 ? 'yes' : 'no'}`)].join('\n'),
  );
  const otherSha = createHash('sha256').update(otherBytes).digest('hex');
  const other = parseCsv(new TextDecoder().decode(otherBytes)).rows.filter((r) => r[4] !== '');
  let otherScores: Float32Array;
  let otherMetrics: ReturnType<typeof summarise>;
  let datasetId: string;
  let newcomer: SessionUser;

  const onStored = (overrides: Record<string, unknown> = {}) =>
    evidence({
      dataset: { source: 'stored', id: datasetId, name: 'holdout-v2.csv', sha256: otherSha, rowCount: 30 },
      metrics: otherMetrics,
      predictions: encodePredictions(otherScores),
      predictionsSha256: sha256Of(otherScores),
      evaluatedRows: 29,
      droppedRows: [7],
      ...overrides,
    });

  beforeAll(async () => {
    otherScores = await honest(other);
    otherMetrics = summarise('binary_classification', otherScores, other.map((r) => (r[4] === 'yes' ? 1 : 0)), { classCount: 2, threshold: 0.5 });
    newcomer = await createUserWithSession(t.db, []);
    const v2 = await createVersion({
      ctx: contextFor(t.db, scientist),
      input: { modelId, files: tfjsModelFiles().files, metadata: { outputSchema: { target: 'defaulted', classLabels: ['no', 'yes'], positiveClass: 'yes' } }, referenceDataset: { name: 'holdout-v2.csv', bytes: otherBytes } },
    });
    datasetId = v2.referenceDataset?.id ?? '';
  });

  it('lists the dataset as the reference dataset of version 2', async () => {
    const { items } = await listDatasets({ ctx: contextFor(t.db, reviewer), input: { q: 'eval target v2' } });
    expect(items).toEqual([expect.objectContaining({ id: datasetId, name: 'holdout-v2.csv', sha256: otherSha, rowCount: 30, referenceOf: [{ modelId, modelName: 'Eval Target', version: 2 }] })]);
  });

  it('saves version 1 evaluated on it as verified, recomputed from that dataset’s labels, and audits which dataset', async () => {
    const saved = await saveEvaluation({ ctx: contextFor(t.db, reviewer), input: onStored() });
    expect(saved).toMatchObject({ verified: true });
    expect(saved.verificationNote).toContain(datasetId);
    const [listed] = await listEvaluations({ ctx: contextFor(t.db, reviewer), input: { modelId, version: 1 } });
    expect(listed).toMatchObject({ id: saved.id, datasetSource: 'stored', datasetName: 'holdout-v2.csv', datasetSha256: otherSha, datasetRowCount: 30, evaluatedRows: 29, droppedRows: 1, verified: true });
    const [audit] = await t.db.select().from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1);
    expect(audit).toMatchObject({ action: 'evaluation.saved', entityId: saved.id, after: { verified: true, dataset: { source: 'stored', id: datasetId, sha256: otherSha } } });
  });

  it('refuses tampered metrics, and predictions that are not for that dataset, saving nothing', async () => {
    const before = await count();
    const inflated = { ...otherMetrics, accuracy: (otherMetrics.accuracy ?? 0) + 0.05 };
    await expect(saveEvaluation({ ctx: contextFor(t.db, reviewer), input: onStored({ metrics: inflated }) })).rejects.toMatchObject({ details: { rule: 'metrics_mismatch', metrics: ['accuracy'] } });
    // Version 1's reference-data predictions claimed against version 2's dataset.
    await expect(saveEvaluation({ ctx: contextFor(t.db, reviewer), input: onStored({ predictions: encodePredictions(scores), predictionsSha256: sha256Of(scores), metrics, evaluatedRows: 40, droppedRows: [] }) })).rejects.toThrow(ValidationError);
    // Another dataset's digest, or another row count, under this id.
    await expect(saveEvaluation({ ctx: contextFor(t.db, reviewer), input: onStored({ dataset: { source: 'stored', id: datasetId, name: 'holdout-v2.csv', sha256: csvSha, rowCount: 30 } }) })).rejects.toThrow(ConflictError);
    await expect(saveEvaluation({ ctx: contextFor(t.db, reviewer), input: onStored({ dataset: { source: 'stored', id: datasetId, name: 'holdout-v2.csv', sha256: otherSha, rowCount: 31 } }) })).rejects.toMatchObject({ details: { rule: 'rows_mismatch' } });
    expect(await count()).toBe(before);
  });

  it('refuses an unknown dataset id with NOT_FOUND, and a missing id as bad input, saving nothing', async () => {
    const before = await count();
    const auditsBefore = (await t.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents))[0]?.n;
    const unknown = onStored({ dataset: { source: 'stored', id: '00000000-0000-4000-8000-000000000000', name: 'holdout-v2.csv', sha256: otherSha, rowCount: 30 } });
    await expect(saveEvaluation({ ctx: contextFor(t.db, reviewer), input: unknown })).rejects.toThrow(NotFoundError);
    await expect(saveEvaluation({ ctx: contextFor(t.db, reviewer), input: onStored({ dataset: { source: 'stored', name: 'holdout-v2.csv', sha256: otherSha, rowCount: 30 } }) })).rejects.toThrow(ValidationError);
    expect(await count()).toBe(before);
    expect((await t.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents))[0]?.n).toBe(auditsBefore);
  });

  it('is refused to someone who may not read stored datasets', async () => {
    const before = await count();
    await expect(saveEvaluation({ ctx: contextFor(t.db, newcomer), input: onStored() })).rejects.toThrow(ForbiddenError);
    await expect(listDatasets({ ctx: contextFor(t.db, newcomer), input: {} })).rejects.toThrow(ForbiddenError);
    expect(await count()).toBe(before);
  });
});

describe('a stored dataset with rows of too few or too many fields', () => {
  // Data row 4 lost its label (3 fields), data row 9 has a stray trailing comma (5 fields). The browser
  // leaves both out, keeping their data-row indexes; the server must read the file the same way.
  const lines = Array.from({ length: 14 }, (_, i) => `${24 + i * 3},${30000 + i * 2500},${['north', 'south', 'east'][i % 3]}${i === 4 ? '' : `,${i % 3 === 0 ? 'yes' : 'no'}`}${i === 9 ? ',' : ''}`);
  const raggedBytes = new TextEncoder().encode(`age,income,region,defaulted\r\n${lines.join('\r\n')}\r\n`);
  const raggedSha = createHash('sha256').update(raggedBytes).digest('hex');
  const kept = lines.filter((_, i) => i !== 4 && i !== 9).map((l) => l.split(','));
  let keptScores: Float32Array;
  let datasetId: string;

  const onRagged = (overrides: Record<string, unknown> = {}) =>
    evidence({
      dataset: { source: 'stored', id: datasetId, name: 'ragged.csv', sha256: raggedSha, rowCount: 14 },
      metrics: summarise('binary_classification', keptScores, kept.map((r) => (r[3] === 'yes' ? 1 : 0)), { classCount: 2, threshold: 0.5 }),
      predictions: encodePredictions(keptScores),
      predictionsSha256: sha256Of(keptScores),
      evaluatedRows: 12,
      droppedRows: [4, 9],
      ...overrides,
    });

  beforeAll(async () => {
    keptScores = await honest(kept);
    // An upload refuses such a file today (lib/datasets/csv), so it is stored directly: whatever the
    // store holds, the verifier must read it as the browser's reader does.
    const stored = await postgresArtifactStore(t.db).put(raggedBytes);
    const parsed = { header: ['age', 'income', 'region', 'defaulted'], rows: kept };
    const [row] = await t.db
      .insert(datasets)
      .values({ name: 'ragged.csv', sha256: stored.sha256, size: stored.size, rowCount: 14, columns: parsed.header, profile: profileDataset(parsed), createdBy: scientist.id })
      .returning();
    datasetId = row?.id ?? '';
  });

  it('verifies honest predictions for the other rows, with those two rows among the dropped ones', async () => {
    const saved = await saveEvaluation({ ctx: contextFor(t.db, reviewer), input: onRagged() });
    expect(saved).toMatchObject({ verified: true });
    const listed = (await listEvaluations({ ctx: contextFor(t.db, reviewer), input: { modelId, version: 1 } })).find((e) => e.id === saved.id);
    expect(listed).toMatchObject({ datasetName: 'ragged.csv', datasetRowCount: 14, evaluatedRows: 12, droppedRows: 2, verified: true });
  });

  it('refuses a claim that does not leave out exactly those rows, saving nothing', async () => {
    const before = await count();
    // The same predictions with the rows numbered as if the ragged rows had no index.
    await expect(saveEvaluation({ ctx: contextFor(t.db, reviewer), input: onRagged({ droppedRows: [4, 8] }) })).rejects.toMatchObject({ details: { rule: 'rows_mismatch' } });
    await expect(saveEvaluation({ ctx: contextFor(t.db, reviewer), input: onRagged({ droppedRows: [] }) })).rejects.toMatchObject({ details: { rule: 'rows_mismatch' } });
    expect(await count()).toBe(before);
  });
});

describe('multiclass evaluations', () => {
  // Three tiers from age and region; the scores lean towards the true tier, with some rows wrong.
  const tiers = ['low', 'mid', 'high'];
  const tierBytes = new TextEncoder().encode(
    `${['age,income,region,tier', ...Array.from({ length: 45 }, (_, i) => `${22 + (i % 45)},${31000 + i * 900},${['north', 'south', 'east'][i % 3]},${tiers[(i * 7) % 5 % 3]}`)].join('\n')}\n`,
  );
  const tierSha = createHash('sha256').update(tierBytes).digest('hex');
  const tierRows = parseCsv(new TextDecoder().decode(tierBytes)).rows;
  const tierLabels = tierRows.map((r) => tiers.indexOf(r[3] ?? ''));
  const tierFiles = tfjsModelFiles({ inputs: 5, outputs: 3, seed: 3 }).files;
  let probabilities: Float32Array;
  let multiclassMetrics: ReturnType<typeof summarise>;
  let tierModelId: string;

  const tierEvidence = (overrides: Record<string, unknown> = {}) =>
    evidence({
      modelId: tierModelId,
      dataset: { source: 'reference', name: 'tiers.csv', sha256: tierSha, rowCount: 45 },
      labelColumn: 'tier',
      threshold: null,
      metrics: multiclassMetrics,
      predictions: encodePredictions(probabilities),
      predictionsSha256: sha256Of(probabilities),
      evaluatedRows: 45,
      ...overrides,
    });

  beforeAll(async () => {
    probabilities = await honest(tierRows, tierFiles);
    multiclassMetrics = summarise('multiclass_classification', probabilities, tierLabels, { classCount: 3, threshold: 0.5 });
    const model = await registerModel({ ctx: contextFor(t.db, scientist), input: { name: 'Tier Classifier', ownerTeam: 'Risk', taskType: 'multiclass_classification', riskTier: 'medium' } });
    tierModelId = model.id;
    await createVersion({
      ctx: contextFor(t.db, scientist),
      input: {
        modelId: tierModelId,
        files: tierFiles,
        metadata: {
          outputSchema: { target: 'tier', classLabels: tiers },
          preprocessing: {
            steps: [
              { feature: 'age', kind: 'standardize', mean: 40, std: 12 },
              { feature: 'income', kind: 'standardize', mean: 50000, std: 15000 },
              { feature: 'region', kind: 'one_hot', categories: ['north', 'south', 'east'] },
            ],
            missingNumeric: { strategy: 'mean' },
          },
        },
        referenceDataset: { name: 'tiers.csv', bytes: tierBytes },
      },
    });
  });

  it('records weighted precision and recall among its metrics, recomputed and verified by the server', async () => {
    expect(Object.keys(multiclassMetrics)).toEqual(SUMMARY_METRICS.multiclass_classification);
    expect(SUMMARY_METRICS.multiclass_classification).toEqual(expect.arrayContaining(['weighted_precision', 'weighted_recall', 'weighted_f1']));
    const saved = await saveEvaluation({ ctx: contextFor(t.db, reviewer), input: tierEvidence() });
    expect(saved).toMatchObject({ verified: true });
    const [listed] = await listEvaluations({ ctx: contextFor(t.db, reviewer), input: { modelId: tierModelId, version: 1 } });
    expect(listed?.metrics.weighted_precision).toBeCloseTo(multiclassMetrics.weighted_precision ?? NaN, 12);
    expect(listed?.metrics.weighted_recall).toBeCloseTo(multiclassMetrics.weighted_recall ?? NaN, 12);
  });

  it('refuses a tampered or missing weighted precision or recall, saving nothing', async () => {
    const before = await count();
    const inflated = { ...multiclassMetrics, weighted_precision: (multiclassMetrics.weighted_precision ?? 0) + 0.03 };
    await expect(saveEvaluation({ ctx: contextFor(t.db, reviewer), input: tierEvidence({ metrics: inflated }) })).rejects.toMatchObject({
      details: { rule: 'metrics_mismatch', metrics: ['weighted_precision'] },
    });
    const { weighted_recall: _omitted, ...withoutRecall } = multiclassMetrics;
    await expect(saveEvaluation({ ctx: contextFor(t.db, reviewer), input: tierEvidence({ metrics: withoutRecall }) })).rejects.toMatchObject({
      details: { rule: 'metrics_mismatch', metrics: ['weighted_recall'] },
    });
    // A binary metric is not one a multiclass evaluation records.
    await expect(saveEvaluation({ ctx: contextFor(t.db, reviewer), input: tierEvidence({ metrics: { ...multiclassMetrics, log_loss: 0.1 } }) })).rejects.toMatchObject({
      details: { rule: 'unknown_metric', metrics: ['log_loss'] },
    });
    expect(await count()).toBe(before);
  });
});

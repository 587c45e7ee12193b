// Saving an evaluation of a version that lacks what evaluation needs is refused before any
// verification, naming exactly the missing parts and where to add them; nothing is saved.
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePredictions, summarise } from '@/lib/evaluation/summary';
import { evaluations } from '@/server/db/schema';
import { ValidationError } from '@/server/errors';
import { freshDatabase, type TestDatabase } from '@/server/testing/database';
import { contextFor, createUserWithSession } from '@/server/testing/fixtures';
import { sha256Of } from '@/server/testing/honest-predictions';
import { creditCsv, tfjsModelFiles } from '@/server/testing/tfjs-fixture';
import { createVersion } from '../catalog/create-version';
import { registerModel } from '../catalog/register-model';
import type { SessionUser } from '../context';
import { saveEvaluation } from './save-evaluation';

let t: TestDatabase;
let scientist: SessionUser;
let modelId: string;
const csv = creditCsv(10);
const scores = Float32Array.from({ length: 10 }, (_, i) => i / 10);
const labels = Array.from({ length: 10 }, (_, i) => (i % 5 === 0 ? 1 : 0));

const evidence = (version: number) => ({
  modelId,
  version,
  dataset: { source: 'reference', name: 'reference.csv', sha256: createHash('sha256').update(csv).digest('hex'), rowCount: 10 },
  labelColumn: 'defaulted',
  backend: 'wasm',
  adapter: null,
  tfjsVersion: '4.22.0',
  timings: { loadMs: 1, inferenceMs: 1, totalMs: 2 },
  threshold: 0.5,
  metrics: summarise('binary_classification', scores, labels, { classCount: 2, threshold: 0.5 }),
  predictions: encodePredictions(scores),
  predictionsSha256: sha256Of(scores),
  evaluatedRows: 10,
  droppedRows: [],
});
const saved = async () => (await t.db.select({ n: sql<number>`count(*)::int` }).from(evaluations))[0]?.n;

beforeAll(async () => {
  t = await freshDatabase();
  scientist = await createUserWithSession(t.db, ['data_scientist']);
  modelId = (await registerModel({ ctx: contextFor(t.db, scientist), input: { name: 'Not Ready', ownerTeam: 'Risk', taskType: 'binary_classification', riskTier: 'low' } })).id;
});
afterAll(async () => t.close());

describe('saving an evaluation of a version that cannot be evaluated', () => {
  it('names only the preprocessing spec when the schemas exist, and links to the Schema tab', async () => {
    // age, income and region's three categories make five columns; this model takes three, so no
    // spec is derived from the reference dataset, while both schemas are recorded.
    const { version } = await createVersion({
      ctx: contextFor(t.db, scientist),
      input: { modelId, files: tfjsModelFiles({ inputs: 3 }).files, metadata: { outputSchema: { target: 'defaulted', classLabels: ['no', 'yes'], positiveClass: 'yes' } }, referenceDataset: { name: 'reference.csv', bytes: csv } },
    });
    const attempt = saveEvaluation({ ctx: contextFor(t.db, scientist), input: evidence(version) });
    await expect(attempt).rejects.toThrow(ValidationError);
    await expect(attempt).rejects.toThrow(`v${version} cannot be evaluated: it has no preprocessing spec recorded. Add the preprocessing spec on the version’s Schema tab. /models/${modelId}/versions/${version}?tab=schema`);
    await expect(attempt).rejects.toMatchObject({ details: { rule: 'version_not_evaluable', missing: ['preprocessing'], schemaTab: `/models/${modelId}/versions/${version}?tab=schema` } });
    expect(await saved()).toBe(0);
  });

  it('names the output schema and the preprocessing spec when both are missing', async () => {
    const { version } = await createVersion({ ctx: contextFor(t.db, scientist), input: { modelId, files: tfjsModelFiles({ inputs: 5 }).files, metadata: {}, referenceDataset: { name: 'reference.csv', bytes: csv } } });
    const attempt = saveEvaluation({ ctx: contextFor(t.db, scientist), input: evidence(version) });
    await expect(attempt).rejects.toThrow(`v${version} cannot be evaluated: it has no output schema (target and class labels) and preprocessing spec recorded.`);
    await expect(attempt).rejects.toMatchObject({ details: { missing: ['output_schema', 'preprocessing'] } });
    expect(await saved()).toBe(0);
  });
});

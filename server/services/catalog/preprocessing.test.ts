// A version's preprocessing spec edited after registration: derived from the reference data as a
// starting point, saved through updateVersionMetadata with an audit row, checked against the input
// schema, and frozen once the version is submitted for release (the refusal says why).
import { TRPCError } from '@trpc/server';
import { desc, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '@/lib/datasets/csv';
import { createPreprocessor } from '@/lib/evaluation/preprocess';
import { planColumns } from '@/lib/evaluation/plan';
import { derivePreprocessing, type DatasetProfile, type PreprocessingSpec } from '@/lib/validation/catalog';
import { auditEvents } from '@/server/db/schema';
import { ConflictError, ValidationError } from '@/server/errors';
import { createCallerFactory } from '@/server/trpc/init';
import { appRouter } from '@/server/trpc/routers/_app';
import { freshDatabase, type TestDatabase } from '@/server/testing/database';
import { contextFor, createUserWithSession } from '@/server/testing/fixtures';
import { creditCsv, tfjsModelFiles } from '@/server/testing/tfjs-fixture';
import type { SessionUser } from '../context';
import { createReleaseRequest, withdrawReleaseRequest } from '../releases/request-release';
import { createVersion } from './create-version';
import { getVersion } from './get-version';
import { registerModel } from './register-model';
import { updateVersionMetadata } from './update-version-metadata';

let t: TestDatabase;
let scientist: SessionUser;
let modelId: string;
const csv = creditCsv(40);

const ctx = () => contextFor(t.db, scientist);
const page = (version: number) => getVersion({ ctx: ctx(), input: { modelId, version } });
const edit = (version: number, input: Record<string, unknown>) => updateVersionMetadata({ ctx: ctx(), input: { modelId, version, ...input } });
const lastAudit = async () => (await t.db.select().from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1))[0];
const auditCount = async () => (await t.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents))[0]?.n;
const newVersion = async () =>
  (
    await createVersion({
      ctx: ctx(),
      input: { modelId, files: tfjsModelFiles().files, metadata: { outputSchema: { target: 'defaulted', classLabels: ['no', 'yes'], positiveClass: 'yes' } }, referenceDataset: { name: 'reference.csv', bytes: csv } },
    })
  ).version;

/** The spec derived from the version's own inferred schema and reference data profile. */
async function derived(version: number) {
  const v = await page(version);
  if (!v.inputSchema || !v.referenceDataset) throw new Error('the version should have a schema and a reference dataset');
  return { v, ...derivePreprocessing(v.inputSchema, v.referenceDataset.profile) };
}

beforeAll(async () => {
  t = await freshDatabase();
  scientist = await createUserWithSession(t.db, ['data_scientist']);
  modelId = (await registerModel({ ctx: ctx(), input: { name: 'Preprocessed', ownerTeam: 'Risk', taskType: 'binary_classification', riskTier: 'low' } })).id;
});
afterAll(async () => t.close());

describe('deriving a preprocessing spec from the reference data', () => {
  it('takes z-score constants from the profile and one-hot categories from the schema, in schema order, and evaluation can feed the model with it', async () => {
    const { v, spec, notes } = await derived(await newVersion());
    const age = v.referenceDataset?.profile.columns.find((c) => c.name === 'age')?.numeric;
    expect(notes).toEqual([]);
    expect(spec.missingNumeric).toEqual({ strategy: 'mean' });
    expect(spec.steps.map((s) => [s.feature, s.kind])).toEqual([
      ['age', 'standardize'],
      ['income', 'standardize'],
      ['region', 'one_hot'],
    ]);
    expect(spec.steps[0]).toEqual({ feature: 'age', kind: 'standardize', mean: age?.mean, std: age?.std });
    expect(spec.steps[2]).toMatchObject({ categories: v.inputSchema?.features.find((f) => f.name === 'region')?.categories });
    // The standardised reference data has mean 0 and standard deviation 1.
    const parsed = parseCsv(new TextDecoder().decode(csv));
    const schema = { inputSchema: v.inputSchema!, outputSchema: v.outputSchema, preprocessing: spec };
    const batch = createPreprocessor(schema, planColumns(parsed.header, schema)).encodeBatch(parsed.rows);
    const ages = Array.from({ length: batch.rows }, (_, i) => batch.x[i * 5]!);
    const mean = ages.reduce((a, b) => a + b, 0) / ages.length;
    expect(mean).toBeCloseTo(0, 5);
    expect(Math.sqrt(ages.reduce((a, b) => a + (b - mean) ** 2, 0) / ages.length)).toBeCloseTo(1, 5);
  });

  it('passes through a numeric feature the profile cannot standardise, and says why', () => {
    const profile: DatasetProfile = {
      rowCount: 3,
      columns: [{ name: 'flat', type: 'numeric', missingCount: 0, missingRate: 0, numeric: { min: 1, max: 1, mean: 1, std: 0, histogram: { edges: [1, 1], counts: [3] } } }],
    };
    const { spec, notes } = derivePreprocessing({ features: [{ name: 'flat', type: 'numeric', allowMissing: false }, { name: 'unprofiled', type: 'numeric', allowMissing: false }] }, profile);
    expect(spec.steps).toEqual([
      { feature: 'flat', kind: 'passthrough' },
      { feature: 'unprofiled', kind: 'passthrough' },
    ]);
    expect(notes).toEqual([expect.stringMatching(/“flat” is constant/), expect.stringMatching(/“unprofiled” has no numeric column/)]);
  });
});

describe('editing the preprocessing spec', () => {
  it('saves an edited spec on a draft version with an audit row of before, after and reason', async () => {
    const version = await newVersion();
    const { spec } = await derived(version);
    const edited: PreprocessingSpec = { ...spec, steps: [spec.steps[2]!, { feature: 'age', kind: 'min_max', min: 18, max: 90 }, spec.steps[1]!] };
    await edit(version, { preprocessing: edited, reason: 'Region first, as the training script orders columns' });
    expect((await page(version)).preprocessing?.steps.map((s) => [s.feature, s.kind])).toEqual([
      ['region', 'one_hot'],
      ['age', 'min_max'],
      ['income', 'standardize'],
    ]);
    expect(await lastAudit()).toMatchObject({
      action: 'version.metadata_updated',
      before: { preprocessing: null },
      after: { preprocessing: { steps: [{ feature: 'region' }, { feature: 'age', min: 18, max: 90 }, { feature: 'income' }] } },
      changedFields: ['preprocessing'],
      reason: 'Region first, as the training script orders columns',
    });
  });

  it('refuses a spec that contradicts the input schema, writing nothing', async () => {
    const version = await newVersion();
    const audits = await auditCount();
    const numericRegion = { steps: [{ feature: 'region', kind: 'standardize', mean: 1, std: 1 }], missingNumeric: { strategy: 'mean' } };
    await expect(edit(version, { preprocessing: numericRegion })).rejects.toThrow(/“region” is categorical in the input schema/);
    await expect(edit(version, { preprocessing: { steps: [{ feature: 'tenure', kind: 'passthrough' }], missingNumeric: { strategy: 'drop_row' } } })).rejects.toThrow(ValidationError);
    expect(await auditCount()).toBe(audits);
    expect((await page(version)).preprocessing).toBeNull();
  });

  it('is frozen once the version is submitted for release: a change is refused with the reason, the same spec still goes through', async () => {
    const version = await newVersion();
    const { spec } = await derived(version);
    await edit(version, { preprocessing: spec });
    const request = await createReleaseRequest({ ctx: ctx(), input: { modelId, version, alias: 'staging', changeSummary: 'First release', expectedImpact: 'None yet.', rollbackPlan: 'Remove the alias.' } });
    const audits = await auditCount();
    const changed = { ...spec, missingNumeric: { strategy: 'constant', value: 0 } };
    const attempt = edit(version, { preprocessing: changed, reason: 'late fix' });
    await expect(attempt).rejects.toThrow(ConflictError);
    await expect(attempt).rejects.toThrow(new RegExp(`v${version} was submitted for release on \\d{4}-\\d{2}-\\d{2}, so its preprocessing spec is frozen`));
    expect(await auditCount()).toBe(audits);
    expect((await page(version)).preprocessing).toEqual(spec);

    // The router passes the server's words through to the editor as a CONFLICT.
    const caller = createCallerFactory(appRouter)(ctx());
    await expect(caller.catalog.updateVersion({ modelId, version, preprocessing: changed as PreprocessingSpec })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/frozen/) } satisfies Partial<TRPCError>);

    // Once the request is withdrawn other metadata may change again, sent with the unchanged spec (keys in another order).
    await withdrawReleaseRequest({ ctx: ctx(), input: { requestId: request.id, reason: 'Editing the card' } });
    const reordered = { missingNumeric: spec.missingNumeric, steps: spec.steps.map((s) => Object.fromEntries(Object.entries(s).reverse())) };
    await edit(version, { preprocessing: reordered, modelCard: { intendedUse: 'Pre-approval screening' } });
    expect(await lastAudit()).toMatchObject({ action: 'version.metadata_updated', after: { afterSubmission: true, modelCard: { intendedUse: 'Pre-approval screening' } } });
  });
});

// A version registered without a preprocessing spec gets one derived from its reference dataset
// (attached later, or uploaded with it) in the same audited write that infers its input schema,
// marked derived until someone saves it; never for a submitted version, one without a known
// target, or when the derived columns do not fit the model's input.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, modelVersions } from '@/server/db/schema';
import { ConflictError } from '@/server/errors';
import { freshDatabase, type TestDatabase } from '@/server/testing/database';
import { contextFor, createUserWithSession } from '@/server/testing/fixtures';
import { tfjsModelFiles } from '@/server/testing/tfjs-fixture';
import type { SessionUser } from '../context';
import { createReleaseRequest, withdrawReleaseRequest } from '../releases/request-release';
import { attachReferenceDataset } from './attach-reference-dataset';
import { createVersion } from './create-version';
import { getVersion } from './get-version';
import { registerModel } from './register-model';
import { updateVersionMetadata } from './update-version-metadata';

// Written by hand: x is 1, 2, 3, 6 (mean 3, population variance (4 + 1 + 0 + 9) / 4 = 3.5); y is
// always 10 (nothing to scale by); color is red three times and blue once (most frequent first).
const CSV = new TextEncoder().encode('x,y,color,label\n1,10,red,yes\n2,10,red,no\n3,10,blue,no\n6,10,red,yes\n');
const EXPECTED = {
  steps: [
    { feature: 'x', kind: 'standardize', mean: 3, std: Math.sqrt(3.5) },
    { feature: 'y', kind: 'passthrough' },
    { feature: 'color', kind: 'one_hot', categories: ['red', 'blue'] },
  ],
  missingNumeric: { strategy: 'mean' },
};
const OUTPUT = { target: 'label', classLabels: ['no', 'yes'], positiveClass: 'yes' };
// x, y and two one-hot columns for color: four columns.
const FOUR_COLUMNS = tfjsModelFiles({ inputs: 4 }).files;

let t: TestDatabase;
let scientist: SessionUser;
let modelId: string;
const ctx = () => contextFor(t.db, scientist);
const newVersion = async (metadata: Record<string, unknown> = { outputSchema: OUTPUT }, files = FOUR_COLUMNS, withDataset = false) =>
  (await createVersion({ ctx: ctx(), input: { modelId, files, metadata, ...(withDataset ? { referenceDataset: { name: 'hand.csv', bytes: CSV } } : {}) } })).version;
const attach = (version: number, bytes = CSV) => attachReferenceDataset({ ctx: ctx(), input: { modelId, version, dataset: { name: 'hand.csv', bytes } } });
const page = (version: number) => getVersion({ ctx: ctx(), input: { modelId, version } });
const lastAudit = async () => (await t.db.select().from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1))[0];

/** The spec with its floating-point constants rounded, to compare with the hand-written one. */
const rounded = (spec: unknown) => JSON.parse(JSON.stringify(spec, (_k, v: unknown) => (typeof v === 'number' ? Math.round(v * 1e9) / 1e9 : v)));

beforeAll(async () => {
  t = await freshDatabase();
  scientist = await createUserWithSession(t.db, ['data_scientist']);
  modelId = (await registerModel({ ctx: ctx(), input: { name: 'Derived Prep', ownerTeam: 'Risk', taskType: 'binary_classification', riskTier: 'low' } })).id;
});
afterAll(async () => t.close());

describe('deriving the preprocessing spec from the reference dataset', () => {
  it('derives it when a reference dataset is attached to a version without one, marks it derived, and audits it with the attachment', async () => {
    const version = await newVersion();
    const attached = await attach(version);
    expect(attached).toMatchObject({ inputSchemaInferred: true, preprocessingDerived: true });
    const v = await page(version);
    expect(rounded(v.preprocessing)).toEqual(rounded(EXPECTED));
    expect(v.preprocessingDerived).toBe(true);
    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: 'version.reference_dataset_attached', entityId: v.id, before: { preprocessing: null }, after: { preprocessingDerived: true } });
    expect(rounded((audit?.after as { preprocessing: unknown }).preprocessing)).toEqual(rounded(EXPECTED));
    expect((audit?.after as { preprocessingNotes: string[] }).preprocessingNotes).toEqual(['“y” is constant in the reference data (standard deviation 0), so it passes through unscaled.']);
  });

  it('derives it when the reference dataset comes with the new version, audited in version.created', async () => {
    const version = await newVersion({ outputSchema: OUTPUT }, FOUR_COLUMNS, true);
    const v = await page(version);
    expect(rounded(v.preprocessing)).toEqual(rounded(EXPECTED));
    expect(v.preprocessingDerived).toBe(true);
    const created = (await t.db.select().from(auditEvents).where(eq(auditEvents.action, 'version.created')).orderBy(desc(auditEvents.seq)).limit(1))[0];
    expect(created?.after).toMatchObject({ inputSchemaInferred: true, preprocessingDerived: true, preprocessing: { steps: [{ feature: 'x' }, { feature: 'y' }, { feature: 'color' }] } });
  });

  it('keeps a recorded spec, and derives none without the target or when the columns do not fit the model', async () => {
    const mine = { steps: [{ feature: 'x', kind: 'min_max', min: 0, max: 10 }], missingNumeric: { strategy: 'drop_row' } };
    const recorded = await newVersion({ outputSchema: OUTPUT, inputSchema: { features: [{ name: 'x', type: 'numeric' }] }, preprocessing: mine }, tfjsModelFiles({ inputs: 1 }).files);
    expect(await attach(recorded)).toMatchObject({ preprocessingDerived: false });
    expect(await page(recorded)).toMatchObject({ preprocessing: mine, preprocessingDerived: false });

    // No output schema: the label column would be taken for a feature.
    const noTarget = await newVersion({});
    expect(await attach(noTarget)).toMatchObject({ preprocessingDerived: false });
    expect(await page(noTarget)).toMatchObject({ preprocessing: null, preprocessingDerived: false });
    expect((await lastAudit())?.after).toMatchObject({ preprocessingNotDerived: 'no output schema: the target column is not known' });

    // A TF.js model taking 3 columns cannot be fed the 4 derived ones.
    const narrow = await newVersion({ outputSchema: OUTPUT }, tfjsModelFiles({ inputs: 3 }).files);
    expect(await attach(narrow)).toMatchObject({ preprocessingDerived: false });
    expect((await page(narrow)).preprocessing).toBeNull();
    expect((await lastAudit())?.after).toMatchObject({ preprocessingNotDerived: expect.stringMatching(/takes 3 columns .* produces 4/) });
  });

  it('follows the same rule for an ONNX graph with one float input of width N', async () => {
    const linear = { name: 'linear.onnx', bytes: new Uint8Array(readFileSync(join(__dirname, '..', '..', 'artifacts', 'fixtures', 'onnx', 'linear.onnx'))) };
    // The graph takes float_input [N, 3]: three numeric columns fit it.
    const fits = await newVersion({ outputSchema: OUTPUT }, [linear]);
    await attach(fits, new TextEncoder().encode('a,b,c,label\n1,2,3,yes\n3,2,1,no\n'));
    expect((await page(fits)).preprocessing?.steps.map((s) => [s.feature, s.kind])).toEqual([
      ['a', 'standardize'],
      ['b', 'passthrough'],
      ['c', 'standardize'],
    ]);
    // x, y and color's two categories make four: not derived, and the audit row says why.
    const misfit = await newVersion({ outputSchema: OUTPUT }, [linear]);
    expect(await attach(misfit)).toMatchObject({ preprocessingDerived: false });
    expect((await page(misfit)).preprocessing).toBeNull();
    expect((await lastAudit())?.after).toMatchObject({ preprocessingNotDerived: expect.stringMatching(/takes 3 columns but the preprocessing spec produces 4/) });
  });

  it('is marked reviewed once someone saves the spec, as it is', async () => {
    const version = await newVersion();
    await attach(version);
    const { preprocessing } = await page(version);
    await updateVersionMetadata({ ctx: ctx(), input: { modelId, version, preprocessing, reason: 'Checked against training' } });
    expect(await page(version)).toMatchObject({ preprocessingDerived: false });
    expect(await lastAudit()).toMatchObject({ action: 'version.metadata_updated', before: { preprocessingDerived: true }, after: { preprocessingDerived: false } });
  });

  it('never changes a version under review, and derives nothing for a submitted one', async () => {
    const version = await newVersion();
    const request = await createReleaseRequest({ ctx: ctx(), input: { modelId, version, alias: 'staging', changeSummary: 'First', expectedImpact: 'None.', rollbackPlan: 'Remove the alias.' } });
    await expect(attach(version)).rejects.toThrow(ConflictError);
    expect(await page(version)).toMatchObject({ preprocessing: null, referenceDataset: null });
    await withdrawReleaseRequest({ ctx: ctx(), input: { requestId: request.id, reason: 'Attach the data first' } });
    // Submitted once: its preprocessing is frozen, so the attachment records the data and no spec.
    expect(await attach(version)).toMatchObject({ preprocessingDerived: false });
    const [row] = await t.db.select().from(modelVersions).where(eq(modelVersions.id, (await page(version)).id));
    expect(row).toMatchObject({ preprocessing: null, preprocessingDerived: false });
    expect((await lastAudit())?.after).toMatchObject({ afterSubmission: true, preprocessingNotDerived: expect.stringMatching(/submitted for release/) });
  });
});

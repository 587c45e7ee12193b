// Attaching a reference dataset to an existing version: the input schema is inferred from it when the
// version has none (never replacing one), audited with the attachment, and a refusal stores nothing.
import { desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, datasets, modelVersions } from '@/server/db/schema';
import { ForbiddenError, ValidationError } from '@/server/errors';
import { freshDatabase, type TestDatabase } from '@/server/testing/database';
import { contextFor, createUserWithSession } from '@/server/testing/fixtures';
import { creditCsv, tfjsModelFiles } from '@/server/testing/tfjs-fixture';
import type { SessionUser } from '../context';
import { attachReferenceDataset } from './attach-reference-dataset';
import { createVersion } from './create-version';
import { getVersion } from './get-version';
import { registerModel } from './register-model';

let t: TestDatabase;
let scientist: SessionUser;
let modelId: string;
const OUTPUT = { target: 'defaulted', classLabels: ['no', 'yes'], positiveClass: 'yes' };

const newVersion = async (metadata: Record<string, unknown> = {}) =>
  (await createVersion({ ctx: contextFor(t.db, scientist), input: { modelId, files: tfjsModelFiles().files, metadata: { outputSchema: OUTPUT, ...metadata } } })).version;
const attach = (version: number, bytes: Uint8Array, user = scientist) =>
  attachReferenceDataset({ ctx: contextFor(t.db, user), input: { modelId, version, dataset: { name: 'reference.csv', bytes } } });
const lastAudit = async () => (await t.db.select().from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1))[0];
const counts = async () => ({
  datasets: (await t.db.select({ n: sql<number>`count(*)::int` }).from(datasets))[0]?.n,
  audit: (await t.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents))[0]?.n,
});

beforeAll(async () => {
  t = await freshDatabase();
  scientist = await createUserWithSession(t.db, ['data_scientist']);
  modelId = (await registerModel({ ctx: contextFor(t.db, scientist), input: { name: 'Late Reference', ownerTeam: 'Risk', taskType: 'binary_classification', riskTier: 'medium' } })).id;
});
afterAll(async () => t.close());

describe('attaching a reference dataset to an existing version', () => {
  it('infers the input schema from the dataset (target excluded) when the version has none, and audits both', async () => {
    const version = await newVersion();
    const attached = await attach(version, creditCsv(30));
    expect(attached).toMatchObject({ rowCount: 30, inputSchemaInferred: true });
    const page = await getVersion({ ctx: contextFor(t.db, scientist), input: { modelId, version } });
    expect(page.referenceDataset?.id).toBe(attached.id);
    expect(page.inputSchema?.features.map((f) => [f.name, f.type])).toEqual([
      ['age', 'numeric'],
      ['income', 'numeric'],
      ['region', 'categorical'],
    ]);
    expect(page.inputSchema?.features.find((f) => f.name === 'region')?.categories?.sort()).toEqual(['east', 'north', 'south']);
    expect(page.inputSchema?.features.find((f) => f.name === 'age')).toMatchObject({ min: 20, max: 49 });
    expect(await lastAudit()).toMatchObject({
      action: 'version.reference_dataset_attached',
      before: { referenceDatasetId: null, inputSchema: null },
      after: { referenceDatasetId: attached.id, inputSchemaInferred: true, inputSchema: { features: [{ name: 'age' }, { name: 'income' }, { name: 'region' }] } },
    });
  });

  it('keeps a recorded input schema as it is', async () => {
    const inputSchema = { features: [{ name: 'age', type: 'numeric', min: 18, max: 100 }, { name: 'income', type: 'numeric' }] };
    const version = await newVersion({ inputSchema });
    const attached = await attach(version, creditCsv(20));
    expect(attached.inputSchemaInferred).toBe(false);
    const [row] = await t.db.select().from(modelVersions).where(eq(modelVersions.id, (await getVersion({ ctx: contextFor(t.db, scientist), input: { modelId, version } })).id));
    expect(row?.inputSchema?.features.map((f) => f.name)).toEqual(['age', 'income']);
    const audit = await lastAudit();
    expect(audit?.after).not.toHaveProperty('inputSchemaInferred');
    expect(audit?.after).not.toHaveProperty('inputSchema');
  });

  it('refuses, storing nothing, when the inferred schema contradicts the recorded preprocessing or has no features', async () => {
    const version = await newVersion({ preprocessing: { steps: [{ feature: 'tenure', kind: 'standardize', mean: 3, std: 2 }], missingNumeric: { strategy: 'mean' } } });
    const before = await counts();
    await expect(attach(version, creditCsv(20))).rejects.toThrow(/uses “tenure”, which is not in the input schema/);
    await expect(attach(version, new TextEncoder().encode('defaulted\nyes\nno\n'))).rejects.toThrow(ValidationError);
    expect(await counts()).toEqual(before);
    const page = await getVersion({ ctx: contextFor(t.db, scientist), input: { modelId, version } });
    expect(page).toMatchObject({ inputSchema: null, referenceDataset: null });
  });

  it('is refused to anyone but a data scientist', async () => {
    const version = await newVersion();
    const auditor = await createUserWithSession(t.db, ['auditor']);
    await expect(attach(version, creditCsv(10), auditor)).rejects.toThrow(ForbiddenError);
  });
});

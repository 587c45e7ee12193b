// Stored datasets: listing them with the versions they are the reference of, downloading one by id,
// and who may do either.
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAll } from '@/server/artifacts/store';
import { ForbiddenError, NotFoundError, UnauthorizedError, ValidationError } from '@/server/errors';
import { createCallerFactory } from '@/server/trpc/init';
import { appRouter } from '@/server/trpc/routers/_app';
import { freshDatabase, type TestDatabase } from '@/server/testing/database';
import { contextFor, createUserWithSession } from '@/server/testing/fixtures';
import { creditCsv, tfjsModelFiles } from '@/server/testing/tfjs-fixture';
import type { SessionUser } from '../context';
import { attachReferenceDataset } from './attach-reference-dataset';
import { createVersion } from './create-version';
import { openDataset, openReferenceDataset } from './download';
import { listDatasets } from './list-datasets';
import { registerModel } from './register-model';

let t: TestDatabase;
let scientist: SessionUser;
let auditor: SessionUser;
let newcomer: SessionUser; // signed in, no role yet
const ids: Record<string, string> = {};

const version = (modelId: string, name: string, bytes: Uint8Array) =>
  createVersion({
    ctx: contextFor(t.db, scientist),
    input: {
      modelId,
      files: tfjsModelFiles().files,
      metadata: { outputSchema: { target: 'defaulted', classLabels: ['no', 'yes'], positiveClass: 'yes' } },
      referenceDataset: { name, bytes },
    },
  });

beforeAll(async () => {
  t = await freshDatabase();
  scientist = await createUserWithSession(t.db, ['data_scientist']);
  auditor = await createUserWithSession(t.db, ['auditor']);
  newcomer = await createUserWithSession(t.db, []);
  const credit = await registerModel({ ctx: contextFor(t.db, scientist), input: { name: 'Credit Risk', ownerTeam: 'Risk', taskType: 'binary_classification', riskTier: 'high' } });
  const churn = await registerModel({ ctx: contextFor(t.db, scientist), input: { name: 'Churn_Model', ownerTeam: 'Growth', taskType: 'binary_classification', riskTier: 'low' } });
  ids.creditV1 = (await version(credit.id, 'holdout.csv', creditCsv(30))).referenceDataset?.id ?? '';
  ids.creditV2 = (await version(credit.id, 'holdout.csv', creditCsv(40))).referenceDataset?.id ?? '';
  ids.churnV1 = (await version(churn.id, 'churn-q3.csv', creditCsv(20))).referenceDataset?.id ?? '';
  // Replacing churn v1's reference dataset leaves the first one stored but no longer used.
  const replaced = await attachReferenceDataset({ ctx: contextFor(t.db, scientist), input: { modelId: churn.id, version: 1, dataset: { name: 'churn-q4 (50%).csv', bytes: creditCsv(25) } } });
  ids.detached = ids.churnV1;
  ids.churnV1 = replaced.id;
});
afterAll(async () => t.close());

describe('listing stored datasets', () => {
  it('lists every stored dataset, newest first, with the model versions it is the reference of', async () => {
    const { items, more } = await listDatasets({ ctx: contextFor(t.db, auditor), input: {} });
    expect(more).toBe(false);
    expect(items.map((d) => d.id)).toEqual([ids.churnV1, ids.detached, ids.creditV2, ids.creditV1]);
    expect(items.find((d) => d.id === ids.creditV2)).toMatchObject({
      name: 'holdout.csv',
      rowCount: 40,
      columns: ['age', 'income', 'region', 'defaulted'],
      referenceOf: [{ modelName: 'Credit Risk', version: 2 }],
    });
    expect(items.find((d) => d.id === ids.detached)).toMatchObject({ name: 'churn-q3.csv', referenceOf: [] });
  });

  it('finds a version’s reference dataset by model name and version, or by dataset name', async () => {
    const search = async (q: string, limit?: number) => listDatasets({ ctx: contextFor(t.db, scientist), input: { q, limit } });
    expect((await search('credit v2')).items.map((d) => d.id)).toEqual([ids.creditV2]);
    expect((await search('RISK holdout')).items.map((d) => d.id)).toEqual([ids.creditV2, ids.creditV1]);
    expect((await search('q3')).items.map((d) => d.id)).toEqual([ids.detached]);
    // LIKE wildcards in the search are plain characters.
    expect((await search('50%')).items.map((d) => d.id)).toEqual([ids.churnV1]);
    expect((await search('_')).items.map((d) => d.id)).toEqual([ids.churnV1]);
    expect((await search('nothing-like-this')).items).toEqual([]);
    expect(await search('', 2)).toMatchObject({ more: true, items: [{ id: ids.churnV1 }, { id: ids.detached }] });
  });

  it('is refused to someone signed in without a role, and to anonymous callers', async () => {
    await expect(listDatasets({ ctx: contextFor(t.db, newcomer), input: {} })).rejects.toThrow(ForbiddenError);
    await expect(listDatasets({ ctx: contextFor(t.db, null), input: {} })).rejects.toThrow(UnauthorizedError);
    const caller = createCallerFactory(appRouter)(contextFor(t.db, newcomer));
    await expect(caller.catalog.datasets({})).rejects.toMatchObject({ code: 'FORBIDDEN' } satisfies Partial<TRPCError>);
    const allowed = createCallerFactory(appRouter)(contextFor(t.db, auditor));
    expect((await allowed.catalog.datasets({ q: 'credit v1' })).items.map((d) => d.id)).toEqual([ids.creditV1]);
  });
});

describe('downloading a stored dataset', () => {
  it('streams the stored bytes of any dataset by id, including one no version uses any more', async () => {
    const found = await openDataset({ ctx: contextFor(t.db, auditor), input: { datasetId: ids.detached } });
    expect(found).toMatchObject({ name: 'churn-q3.csv', size: creditCsv(20).byteLength });
    expect(Buffer.from(await readAll(found.stream)).equals(Buffer.from(creditCsv(20)))).toBe(true);
  });

  it('says which id is unknown or malformed', async () => {
    await expect(openDataset({ ctx: contextFor(t.db, auditor), input: { datasetId: '00000000-0000-4000-8000-000000000000' } })).rejects.toThrow(NotFoundError);
    await expect(openDataset({ ctx: contextFor(t.db, auditor), input: { datasetId: 'holdout.csv' } })).rejects.toThrow(ValidationError);
  });

  it('follows the same rule as a version’s reference dataset: no role, no rows', async () => {
    await expect(openDataset({ ctx: contextFor(t.db, newcomer), input: { datasetId: ids.creditV1 } })).rejects.toThrow(ForbiddenError);
    await expect(openReferenceDataset({ ctx: contextFor(t.db, newcomer), input: { modelId: 'Credit Risk', version: 1 } })).rejects.toThrow(ForbiddenError);
    const reference = await openReferenceDataset({ ctx: contextFor(t.db, auditor), input: { modelId: 'Credit Risk', version: 1 } });
    expect(Buffer.from(await readAll(reference.stream)).equals(Buffer.from(creditCsv(30)))).toBe(true);
  });
});

import { createHash } from 'node:crypto';
import { desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, blobs, modelVersions, registeredModels } from '@/server/db/schema';
import { ConflictError, ForbiddenError, PayloadTooLargeError, ValidationError } from '@/server/errors';
import { readAll } from '@/server/artifacts/store';
import { freshDatabase, type TestDatabase } from '@/server/testing/database';
import { contextFor, createUserWithSession } from '@/server/testing/fixtures';
import { creditCsv, tfjsModelFiles } from '@/server/testing/tfjs-fixture';
import type { SessionUser } from '../context';
import { createApiToken, authenticateApiToken, revokeApiToken } from '../api-tokens/tokens';
import { createVersion } from './create-version';
import { getModel } from './get-model';
import { getVersion } from './get-version';
import { listModels } from './list-models';
import { registerModel } from './register-model';
import { setAlias } from './set-alias';
import { updateVersionMetadata } from './update-version-metadata';
import { openVersionFile } from './download';

let t: TestDatabase;
let scientist: SessionUser;
beforeAll(async () => {
  t = await freshDatabase();
  scientist = await createUserWithSession(t.db, ['data_scientist'], { name: 'Sam Scientist' });
});
afterAll(async () => t.close());

const asScientist = () => contextFor(t.db, scientist);
const count = async (table: typeof auditEvents | typeof blobs | typeof modelVersions | typeof registeredModels) =>
  (await t.db.select({ n: sql<number>`count(*)::int` }).from(table))[0]?.n ?? 0;
const lastAudit = async () => (await t.db.select().from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1))[0];
const model = (name: string, extra: Record<string, unknown> = {}) =>
  registerModel({ ctx: asScientist(), input: { name, ownerTeam: 'Credit Risk', taskType: 'binary_classification', riskTier: 'high', ...extra } });
const BINARY_META = { outputSchema: { target: 'defaulted', classLabels: ['no', 'yes'], positiveClass: 'yes' }, metrics: { auc: 0.81 } };

describe('registered models', () => {
  it('registers a model and audits it', async () => {
    const m = await model('Churn Predictor', { description: 'Predicts **churn**', tags: [{ key: 'domain', value: 'retention' }] });
    expect(m).toMatchObject({ name: 'Churn Predictor', nameKey: 'churn predictor', latestVersion: 0, createdBy: scientist.id });
    expect(await lastAudit()).toMatchObject({ action: 'model.registered', entityId: m.id, actorName: 'Sam Scientist', after: { name: 'Churn Predictor', riskTier: 'high' } });
  });

  it('treats names equal after NFKC, trimming and case as one model, and names the clash', async () => {
    await model('Fraud Score');
    const audits = await count(auditEvents);
    for (const clash of ['fraud score', '  Fraud   Score ', 'ＦＲＡＵＤ Score']) {
      await expect(model(clash)).rejects.toThrow(ConflictError);
      await expect(model(clash)).rejects.toThrow(/A model named “Fraud Score” already exists/);
    }
    expect(await count(auditEvents)).toBe(audits);
  });

  it('refuses roles other than data scientists, in the service layer', async () => {
    for (const role of ['approver', 'risk_reviewer', 'ops', 'auditor', 'admin'] as const) {
      const someone = await createUserWithSession(t.db, [role]);
      await expect(registerModel({ ctx: contextFor(t.db, someone), input: { name: `x ${role}`, ownerTeam: 'x', taskType: 'regression', riskTier: 'low' } })).rejects.toThrow(ForbiddenError);
    }
  });

  it('rejects bad input with a clear message', async () => {
    await expect(model('!')).rejects.toThrow(ValidationError);
    await expect(registerModel({ ctx: asScientist(), input: { name: 'Okay name', ownerTeam: '', taskType: 'regression', riskTier: 'low' } })).rejects.toThrow(/Name the team/);
  });
});

describe('model versions', () => {
  it('numbers versions, stores files by digest once, profiles the reference data and infers the input schema', async () => {
    const m = await model('Credit Default');
    const { files } = tfjsModelFiles();
    const blobsBefore = await count(blobs);
    const v1 = await createVersion({ ctx: asScientist(), input: { modelId: m.id, files, metadata: BINARY_META, referenceDataset: { name: 'reference.csv', bytes: creditCsv() } } });
    expect(v1.version).toBe(1);
    const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
    expect(v1.files.map((f) => [f.name, f.sha256])).toEqual(files.map((f) => [f.name, sha(f.bytes)]));
    expect(await count(blobs)).toBe(blobsBefore + 3);

    // Same artifact again: a new version number, no new blobs.
    const v2 = await createVersion({ ctx: asScientist(), input: { modelId: m.id, files, metadata: { ...BINARY_META, lineage: { parentVersion: 1 } } } });
    expect(v2.version).toBe(2);
    expect(v2.contentDigest).toBe(v1.contentDigest);
    expect(await count(blobs)).toBe(blobsBefore + 3);

    const page = await getVersion({ ctx: asScientist(), input: { modelId: m.id, version: 1 } });
    expect(page.referenceDataset).toMatchObject({ name: 'reference.csv', rowCount: 40, sha256: sha(creditCsv()) });
    expect(page.inputSchema?.features.map((f) => [f.name, f.type])).toEqual([
      ['age', 'numeric'],
      ['income', 'numeric'],
      ['region', 'categorical'],
    ]);
    expect(page.referenceDataset?.profile.columns.find((c) => c.name === 'region')?.categorical?.frequencies).toHaveLength(3);
    expect(await lastAudit()).toMatchObject({ action: 'version.created', after: { version: 2, contentDigest: v1.contentDigest } });

    const download = await openVersionFile({ ctx: contextFor(t.db, await createUserWithSession(t.db, ['auditor'])), input: { modelId: m.id, version: 1, file: 'group1-shard1of1.bin' } });
    expect(await readAll(download.stream)).toEqual(files[1]?.bytes);
  });

  it('stores nothing when the upload is rejected, and says which rule failed', async () => {
    const m = await model('Rejected Uploads');
    const before = { versions: await count(modelVersions), blobs: await count(blobs), audit: await count(auditEvents) };
    const { modelJson, files } = tfjsModelFiles();
    const evil = { ...modelJson, weightsManifest: [{ ...modelJson.weightsManifest[0], paths: ['../../etc/passwd'] }] };
    const attempt = createVersion({ ctx: asScientist(), input: { modelId: m.id, files: [{ name: 'model.json', bytes: new TextEncoder().encode(JSON.stringify(evil)) }, files[1]!], metadata: BINARY_META } });
    await expect(attempt).rejects.toThrow(ValidationError);
    await expect(attempt).rejects.toMatchObject({ details: { rule: 'bad_manifest_path' } });
    const shortShard = [files[0]!, { name: 'group1-shard1of1.bin', bytes: files[1]!.bytes.subarray(1) }];
    await expect(createVersion({ ctx: asScientist(), input: { modelId: m.id, files: shortShard, metadata: BINARY_META } })).rejects.toMatchObject({ details: { rule: 'shard_size_mismatch' } });
    await expect(createVersion({ ctx: asScientist(), input: { modelId: m.id, files, metadata: { outputSchema: { target: 'y', classLabels: ['a', 'b', 'c'] } } } })).rejects.toThrow(/exactly two class labels/);
    await expect(createVersion({ ctx: asScientist(), input: { modelId: m.id, files, metadata: BINARY_META, referenceDataset: { name: 'data.csv', bytes: new TextEncoder().encode('age,income\n1,2\n') } } })).rejects.toThrow(/no “defaulted” column/);
    expect({ versions: await count(modelVersions), blobs: await count(blobs), audit: await count(auditEvents) }).toEqual(before);
    const [row] = await t.db.select().from(registeredModels).where(eq(registeredModels.id, m.id));
    expect(row?.latestVersion).toBe(0);
  });

  it('refuses an oversize upload with 413 before reading it', async () => {
    const m = await model('Huge Model');
    const { files } = tfjsModelFiles();
    const huge = { name: 'group1-shard1of1.bin', bytes: new Uint8Array(300 * 1024 * 1024) };
    await expect(createVersion({ ctx: asScientist(), input: { modelId: m.id, files: [files[0]!, huge], metadata: BINARY_META } })).rejects.toThrow(PayloadTooLargeError);
  });

  it('audits metadata edits, and marks those made after submission for release', async () => {
    const m = await model('Editable');
    const { files } = tfjsModelFiles();
    await createVersion({ ctx: asScientist(), input: { modelId: m.id, files, metadata: BINARY_META } });
    await updateVersionMetadata({ ctx: asScientist(), input: { modelId: m.id, version: 1, metrics: { auc: 0.83 }, reason: 'recomputed on the full holdout' } });
    expect(await lastAudit()).toMatchObject({ action: 'version.metadata_updated', before: { metrics: { auc: 0.81 } }, after: { metrics: { auc: 0.83 } }, changedFields: ['metrics'], reason: 'recomputed on the full holdout' });
    await t.db.update(modelVersions).set({ submittedAt: new Date(Date.now() - 1000) }).where(eq(modelVersions.modelId, m.id));
    await updateVersionMetadata({ ctx: asScientist(), input: { modelId: m.id, version: 1, modelCard: { intendedUse: 'Retention campaigns' } } });
    expect(await lastAudit()).toMatchObject({ after: { afterSubmission: true } });
    expect((await getVersion({ ctx: asScientist(), input: { modelId: m.id, version: 1 } })).editedAfterSubmission).toBe(true);
  });
});

describe('aliases', () => {
  it('moves free aliases with a history, and refuses protected ones', async () => {
    const m = await model('Aliased');
    const { files } = tfjsModelFiles();
    await createVersion({ ctx: asScientist(), input: { modelId: m.id, files, metadata: BINARY_META } });
    await createVersion({ ctx: asScientist(), input: { modelId: m.id, files, metadata: BINARY_META } });
    await setAlias({ ctx: asScientist(), input: { modelId: m.id, alias: 'champion', version: 1 } });
    await setAlias({ ctx: asScientist(), input: { modelId: m.id, alias: 'Champion', version: 2, reason: 'better AUC' } });
    await expect(setAlias({ ctx: asScientist(), input: { modelId: m.id, alias: 'production', version: 2 } })).rejects.toThrow(/protected alias/);
    await expect(setAlias({ ctx: asScientist(), input: { modelId: m.id, alias: 'champion', version: 9 } })).rejects.toThrow(/Version 9/);
    const page = await getModel({ ctx: asScientist(), input: { modelId: m.name } });
    expect(page.aliases).toMatchObject([{ name: 'champion', version: 2, protected: false }]);
    expect(page.aliasHistory.map((h) => [h.alias, h.fromVersion, h.toVersion])).toEqual([
      ['champion', 1, 2],
      ['champion', null, 1],
    ]);
    expect(page.versions.find((v) => v.version === 2)?.aliases).toEqual(['champion']);
    expect(await lastAudit()).toMatchObject({ action: 'alias.moved', before: { alias: 'champion', version: 1 }, after: { alias: 'champion', version: 2 }, reason: 'better AUC' });
  });
});

describe('catalog search', () => {
  it('searches by word prefix and filters by task, tier, alias and tag with a total', async () => {
    const ctx = asScientist();
    await model('Search Alpha Churn', { taskType: 'regression', riskTier: 'low', tags: [{ key: 'team', value: 'growth' }] });
    await model('Search Beta Churn', { riskTier: 'medium', description: 'uplift modelling' });
    expect((await listModels({ ctx, input: { q: 'chur sear' } })).items.map((i) => i.name).sort()).toEqual(['Search Alpha Churn', 'Search Beta Churn']);
    expect((await listModels({ ctx, input: { q: 'uplift' } })).items.map((i) => i.name)).toEqual(['Search Beta Churn']);
    expect((await listModels({ ctx, input: { q: 'churn', taskType: 'regression' } })).items.map((i) => i.name)).toEqual(['Search Alpha Churn']);
    expect((await listModels({ ctx, input: { tag: 'team:growth' } })).items.map((i) => i.name)).toEqual(['Search Alpha Churn']);
    const withAlias = await listModels({ ctx, input: { alias: 'champion' } });
    expect(withAlias.items.map((i) => [i.name, i.aliases])).toEqual([['Aliased', [{ name: 'champion', version: 2 }]]]);
    const paged = await listModels({ ctx, input: { sort: 'name', direction: 'asc', pageSize: 2, page: 2 } });
    expect(paged.total).toBe(await count(registeredModels));
    expect(paged.items).toHaveLength(2);
  });
});

describe('API tokens', () => {
  it('authenticate as their owner until revoked, and are stored only as a hash', async () => {
    const created = await createApiToken({ ctx: asScientist(), input: { name: 'CI: churn training' } });
    expect(created.token).toMatch(/^mgt_/);
    expect(await authenticateApiToken(t.db, created.token)).toMatchObject({ id: scientist.id, roles: ['data_scientist'] });
    const stored = await t.db.execute(sql`select * from api_tokens where id = ${created.id}`);
    expect(JSON.stringify(stored)).not.toContain(created.token);
    await revokeApiToken({ ctx: asScientist(), input: { tokenId: created.id } });
    expect(await authenticateApiToken(t.db, created.token)).toBeNull();
    expect(await authenticateApiToken(t.db, 'mgt_not-a-token')).toBeNull();
  });
});

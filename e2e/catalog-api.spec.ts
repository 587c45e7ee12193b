import { createHash } from 'node:crypto';
import { creditCsv, tfjsModelFiles } from '../server/testing/tfjs-fixture';
import { expect, test, trpcMutation } from './fixtures/app';

const sha = (b: Uint8Array | Buffer) => createHash('sha256').update(b).digest('hex');

test('[CATALOG] a training job registers a model and a version with a personal API token', async ({ createPerson, signedInPage, playwright, baseURL }) => {
  const scientist = await createPerson(['data_scientist'], 'Tia Trainer');
  const page = await signedInPage(scientist);
  const { token } = await trpcMutation<{ token: string }>(page.request, 'apiTokens.create', { name: 'CI: credit training' }, baseURL ?? '');
  const ci = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });

  const name = `CI Credit ${Date.now()}`;
  const created = await ci.post('/api/v1/models', { data: { name, ownerTeam: 'Credit Risk', taskType: 'binary_classification', riskTier: 'high' } });
  expect(created.status()).toBe(201);
  const clash = await ci.post('/api/v1/models', { data: { name: ` ${name.toUpperCase()} `, ownerTeam: 'x', taskType: 'regression', riskTier: 'low' } });
  expect(clash.status()).toBe(409);
  expect(((await clash.json()) as { error: { message: string } }).error.message).toContain(`A model named “${name}” already exists`);

  const { files } = tfjsModelFiles();
  const metadata = JSON.stringify({ outputSchema: { target: 'defaulted', classLabels: ['no', 'yes'], positiveClass: 'yes' }, metrics: { auc: 0.84 }, lineage: { commit: 'abc1234' } });

  const form = new FormData();
  for (const f of files) form.append('files', new Blob([f.bytes]), f.name);
  form.append('metadata', metadata);
  form.append('referenceDataset', new Blob([creditCsv()]), 'reference.csv');
  const res = await fetch(`${baseURL}/api/v1/models/${encodeURIComponent(name)}/versions`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
  const body = (await res.json()) as { version: number; files: { name: string; sha256: string }[] };
  expect(res.status).toBe(201);
  expect(body.version).toBe(1);
  expect(body.files.map((f) => f.sha256)).toEqual(files.map((f) => sha(f.bytes)));

  const download = await ci.get(`/api/v1/models/${encodeURIComponent(name)}/versions/1/files/group1-shard1of1.bin`);
  expect(download.headers()['content-disposition']).toContain('attachment');
  expect(download.headers()['x-content-type-options']).toBe('nosniff');
  expect(sha(await download.body())).toBe(sha(files[1]!.bytes));

  const version = (await (await ci.get(`/api/v1/models/${encodeURIComponent(name)}/versions/1`)).json()) as { inputSchema: { features: { name: string }[] } };
  expect(version.inputSchema.features.map((f) => f.name)).toEqual(['age', 'income', 'region']);

  // A path-traversal manifest is refused with the rule that failed, and nothing is stored.
  const evil = JSON.parse(new TextDecoder().decode(files[0]!.bytes)) as { weightsManifest: { paths: string[] }[] };
  evil.weightsManifest[0]!.paths = ['%2e%2e%2fsecrets.bin'];
  const bad = new FormData();
  bad.append('files', new Blob([JSON.stringify(evil)]), 'model.json');
  bad.append('files', new Blob([files[1]!.bytes]), 'group1-shard1of1.bin');
  const refused = await fetch(`${baseURL}/api/v1/models/${encodeURIComponent(name)}/versions`, { method: 'POST', body: bad, headers: { authorization: `Bearer ${token}` } });
  expect(refused.status).toBe(400);
  expect(((await refused.json()) as { error: { details: { rule: string } } }).error.details.rule).toBe('bad_manifest_path');
  const model = (await (await ci.get(`/api/v1/models/${encodeURIComponent(name)}`)).json()) as { versions: unknown[] };
  expect(model.versions).toHaveLength(1);

  const openapi = await ci.get('/api/v1/openapi.json');
  const document = (await openapi.json()) as { paths: Record<string, unknown>; components: { schemas: Record<string, { properties?: Record<string, unknown> }> } };
  expect(document.paths).toHaveProperty(['/models/{model}/versions']);
  // What attaching a reference dataset answers, field by field (the route returns exactly these).
  expect(Object.keys(document.components.schemas.AttachedDataset?.properties ?? {}).sort()).toEqual(['id', 'inputSchemaInferred', 'name', 'preprocessingDerived', 'rowCount', 'sha256']);
  await ci.dispose();
});

test('[CATALOG] an approver cannot register and an auditor can only read, through the API too', async ({ createPerson, signedInPage, baseURL }) => {
  const approver = await signedInPage(await createPerson(['approver']));
  const refused = await approver.request.post('/api/v1/models', {
    data: { name: `Not Mine ${Date.now()}`, ownerTeam: 'x', taskType: 'regression', riskTier: 'low' },
    headers: { origin: baseURL ?? '' },
  });
  expect(refused.status()).toBe(403);
  const auditor = await signedInPage(await createPerson(['auditor']));
  expect((await auditor.request.get('/api/v1/models')).status()).toBe(200);
  const forged = await auditor.request.post('/api/v1/models', { data: { name: 'x' }, headers: { origin: 'https://evil.example' } });
  expect(forged.status()).toBe(403);
  const anonymous = await fetch(`${baseURL}/api/v1/models`);
  expect(anonymous.status).toBe(401);
});

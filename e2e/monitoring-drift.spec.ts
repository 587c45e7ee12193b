// The drift path of the built app, seeded through its own API: a model version with a reference
// dataset (personal API token), a deployment and a key (tRPC), events (POST /api/v1/events), then the
// drift read over REST with the key and in the Drift tab. The figures are scipy's
// (server/testing/drift-window.json), missing categories included, and both say which window
// reader produced them: the one the service tests run for the same kind of database.
import { readFileSync } from 'node:fs';
import { tfjsModelFiles } from '../server/testing/tfjs-fixture';
import { expect, test, trpcMutation } from './fixtures/app';

const fixture = JSON.parse(readFileSync('server/testing/drift-window.json', 'utf8')) as { inputSchema: unknown; versions: unknown[] };
type Expected = { method: string; pValue: number | null; drifted: boolean; currentCount: number; currentMissing: number };
const V1 = fixture.versions[0] as { referenceCsv: string; events: Record<string, unknown>[]; expected: { features: Record<string, Expected>; drifted: string[] } };

test('[MONITORING] the REST drift read and the Drift tab run the same path as the service, with missing categories left out', async ({ createPerson, signedInPage, playwright, baseURL }) => {
  test.setTimeout(180_000);
  const base = baseURL ?? '';
  const scientist = await createPerson(['data_scientist'], 'Dee Drift');
  const scientistPage = await signedInPage(scientist);
  const { token } = await trpcMutation<{ token: string }>(scientistPage.request, 'apiTokens.create', { name: 'drift e2e' }, base);
  const ci = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  const name = `Drift E2E ${Date.now()}`;
  const model = (await (await ci.post('/api/v1/models', { data: { name, ownerTeam: 'Risk', taskType: 'binary_classification', riskTier: 'low' } })).json()) as { id: string };
  const form = new FormData();
  for (const f of tfjsModelFiles().files) form.append('files', new Blob([f.bytes]), f.name);
  form.append('metadata', JSON.stringify({ inputSchema: fixture.inputSchema, outputSchema: { target: 'defaulted', classLabels: ['no', 'yes'], positiveClass: 'yes' } }));
  form.append('referenceDataset', new Blob([V1.referenceCsv]), 'reference.csv');
  const created = await fetch(`${base}/api/v1/models/${encodeURIComponent(name)}/versions`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
  expect(created.status).toBe(201);

  const ops = await createPerson(['ops'], 'Oda Ops');
  const opsPage = await signedInPage(ops);
  const deployment = await trpcMutation<{ id: string }>(opsPage.request, 'monitoring.createDeployment', { modelId: model.id, environment: 'e2e-drift' }, base);
  const { key } = await trpcMutation<{ key: string }>(opsPage.request, 'monitoring.createKey', { deploymentId: deployment.id, name: 'serving', scopes: ['write', 'read'] }, base);
  const machine = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${key}` } });
  const start = Date.now() - 30 * 60_000;
  const events = V1.events.map((features, i) => ({ event_id: `e2e-${i}`, timestamp: new Date(start + i * 5_000).toISOString(), features, prediction: 'no', model_version: 1 }));
  const sent = await machine.post('/api/v1/events', { data: { events } });
  expect(sent.status()).toBe(200);
  expect(await sent.json()).toMatchObject({ accepted: events.length, rejected: [] });

  const drift = await machine.get(`/api/v1/deployments/${deployment.id}/drift?from=${new Date(start - 60_000).toISOString()}&to=${new Date(Date.now() + 60_000).toISOString()}`);
  expect(drift.status()).toBe(200);
  const report = (await drift.json()) as { window_reader: string; version: number; features: { name: string; method: string; p_value: number | null; drifted: boolean; current_count: number; current_missing: number }[] };
  // The app runs on its embedded database here, whose handle has no side connections: the
  // aggregate reader, exactly as the service tests run on embedded PGlite.
  expect(report.window_reader).toBe('aggregate');
  expect(report.version).toBe(1);
  const region = report.features.find((f) => f.name === 'region');
  const want = V1.expected.features.region as Expected;
  expect(region).toMatchObject({ method: want.method, drifted: want.drifted, current_count: want.currentCount, current_missing: want.currentMissing });
  expect(Math.abs((region?.p_value ?? NaN) - (want.pValue ?? NaN))).toBeLessThan(1e-9);
  expect(report.features.filter((f) => f.drifted).map((f) => f.name).sort()).toEqual(V1.expected.drifted);

  // The Drift tab's own query: same reader, same verdicts; the window says which version it covers.
  await opsPage.goto(`/monitoring/${deployment.id}?tab=drift`);
  await expect(opsPage.getByTestId('drift-report')).toHaveAttribute('data-reader', report.window_reader);
  await expect(opsPage.getByTestId('window-version')).toHaveAttribute('data-version', '1');
  for (const f of report.features) await expect(opsPage.locator(`[data-testid="drift-row"][data-feature="${f.name}"]`)).toHaveAttribute('data-drifted', String(f.drifted));
});

import { createHash } from 'node:crypto';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from './fixtures/app';

const MODEL = 'Credit default risk';
const CREDIT = `/evaluate?model=${encodeURIComponent(MODEL)}&version=3`;

/** Interact only once the page is hydrated (the live-updates stream connects from the client). */
async function ready(page: Page) {
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-connected', 'true');
  await expect(page.getByTestId('evaluate-view')).toHaveAttribute('data-hydrated', 'true');
}

async function modelId(request: APIRequestContext): Promise<string> {
  const res = await request.get(`/api/v1/models/${encodeURIComponent(MODEL)}`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { model: { id: string } }).model.id;
}

async function evaluationCount(request: APIRequestContext, id: string): Promise<number> {
  const input = encodeURIComponent(JSON.stringify({ json: { modelId: id, version: 3 } }));
  const res = await request.get(`/api/trpc/evaluations.list?input=${input}`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { result: { data: { json: unknown[] } } }).result.data.json.length;
}

/** A well-formed evaluation of two local rows, so a refusal can only come from who sends it. */
function evidence(id: string) {
  const bytes = Buffer.from(new Float32Array([0.1, 0.9]).buffer);
  const predictions = bytes.toString('base64');
  return {
    modelId: id,
    version: 3,
    dataset: { source: 'local', name: 'two-rows.csv', sha256: 'a'.repeat(64), rowCount: 2 },
    labelColumn: 'defaulted',
    backend: 'cpu',
    adapter: null,
    tfjsVersion: '4.22.0',
    timings: { loadMs: 1, inferenceMs: 1, totalMs: 2 },
    threshold: 0.5,
    metrics: { accuracy: 1 },
    predictions,
    predictionsSha256: createHash('sha256').update(bytes).digest('hex'),
    evaluatedRows: 2,
    droppedRows: [],
  };
}

const save = (request: APIRequestContext, body: unknown, origin: string) =>
  request.post('/api/trpc/evaluations.save', { data: { json: body }, headers: { 'content-type': 'application/json', origin } });

test('[PERMISSIONS] an auditor runs an evaluation but is offered no save, and the API refuses the save with FORBIDDEN', async ({ signedInPage, createPerson, baseURL }) => {
  const page = await signedInPage(await createPerson(['auditor']));
  await page.goto(CREDIT);
  await ready(page);
  await page.getByLabel('Backend').selectOption({ label: 'WASM' });
  await page.getByRole('button', { name: 'Run evaluation' }).click();
  await expect(page.getByTestId('eval-results')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('eval-save-not-allowed')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save as evidence' })).toHaveCount(0);

  const id = await modelId(page.request);
  const before = await evaluationCount(page.request, id);
  const refused = await save(page.request, evidence(id), baseURL ?? '');
  expect(refused.status()).toBe(403);
  expect(((await refused.json()) as { error: { json: { data: { code: string } } } }).error.json.data.code).toBe('FORBIDDEN');
  expect(await evaluationCount(page.request, id)).toBe(before);
});

test('[PERMISSIONS] the same evidence from a data scientist is saved, so the auditor was refused for who they are', async ({ signedInPage, createPerson, baseURL }) => {
  const page = await signedInPage(await createPerson(['data_scientist']));
  const id = await modelId(page.request);
  const before = await evaluationCount(page.request, id);
  const saved = await save(page.request, evidence(id), baseURL ?? '');
  expect(saved.status()).toBe(200);
  expect(await evaluationCount(page.request, id)).toBe(before + 1);
});

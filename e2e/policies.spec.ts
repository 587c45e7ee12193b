// Release policies per risk tier (admin page), a model's own release rules (model page) and the
// rollback of a protected alias by ops. Data is set up through the API; the UI does the part under test.
import type { APIRequestContext } from '@playwright/test';
import { creditCsv, tfjsModelFiles } from '../server/testing/tfjs-fixture';
import type { TierPolicy } from '../lib/validation/releases';
import { expect, PASSWORD, test, trpcMutation, type Person } from './fixtures/app';

async function trpcQuery<T>(request: APIRequestContext, path: string, input?: unknown): Promise<T> {
  const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  const res = await request.get(`/api/trpc/${path}${query}`);
  const body = (await res.json()) as { result?: { data?: { json?: T } }; error?: unknown };
  if (!res.ok()) throw new Error(`${path} failed: ${res.status()} ${JSON.stringify(body.error)}`);
  return body.result?.data?.json as T;
}

async function registerModel(request: APIRequestContext, baseURL: string, name: string, riskTier: 'low' | 'medium' | 'high') {
  return trpcMutation<{ id: string; name: string }>(request, 'catalog.register', { name, ownerTeam: 'Release Policy QA', taskType: 'binary_classification', riskTier, tags: [] }, baseURL);
}

/** Uploads a small TF.js version with a reference dataset through the REST API, as a training job would. */
async function uploadVersion(baseURL: string, token: string, modelName: string, seed: number) {
  const form = new FormData();
  for (const f of tfjsModelFiles({ seed }).files) form.append('files', new Blob([f.bytes]), f.name);
  form.append('metadata', JSON.stringify({ outputSchema: { target: 'defaulted', classLabels: ['no', 'yes'], positiveClass: 'yes' }, metrics: { auc: 0.8 + seed / 100 } }));
  form.append('referenceDataset', new Blob([creditCsv()]), 'reference.csv');
  const res = await fetch(`${baseURL}/api/v1/models/${encodeURIComponent(modelName)}/versions`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { version: number }).version;
}

/** A data scientist asks for `version` → production and an approver signs it; the low tier releases on approval. */
async function releaseToProduction(baseURL: string, requester: APIRequestContext, approver: APIRequestContext, model: { id: string; name: string }, version: number) {
  const request = await trpcMutation<{ id: string }>(
    requester,
    'releases.request',
    { modelId: model.id, version, alias: 'production', changeSummary: `Release v${version}`, expectedImpact: 'Better ranking of defaults.', rollbackPlan: 'Roll back to the previous version.' },
    baseURL,
  );
  await trpcMutation(
    approver,
    'releases.sign',
    { requestId: request.id, decision: 'approve', reason: 'Metrics hold up.', password: PASSWORD, meaning: `I approve release of ${model.name} v${version} to production` },
    baseURL,
  );
}

test('[APPROVALS] admin sets the medium-risk policy and a non-admin cannot reach the policies page', async ({ signedInPage, createPerson, adminRequest, baseURL }) => {
  const original = (await trpcQuery<Record<'medium', TierPolicy & { customised?: boolean }>>(adminRequest, 'releases.policies')).medium;
  const { customised: _customised, ...restore } = original;
  const expiry = original.expiryDays === 21 ? 22 : 21;
  try {
    const page = await signedInPage(await createPerson(['admin']));
    await page.goto('/admin');
    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Release policies' }).click();
    await expect(page.getByRole('heading', { name: 'Release policies' })).toBeVisible();

    const medium = page.locator('[data-testid="tier-policy"][data-tier="medium"]');
    // The drift gate is a setting like the others: it reads open critical drift alerts from monitoring.
    const drift = medium.getByRole('switch', { name: 'No critical drift' });
    await expect(drift).toBeEnabled();
    await expect(medium.getByTestId('drift-gate')).toContainText('critical drift alert');
    await drift.setChecked(!original.requireNoCriticalDrift);
    await medium.getByLabel('Expiry (days)').fill(String(expiry));
    await medium.getByRole('button', { name: 'Save medium risk policy' }).click();
    await expect(medium.getByRole('status').filter({ hasText: 'The medium risk policy was saved.' })).toBeVisible();
    await expect(medium.getByTestId('policy-origin')).toHaveText('Customised');

    await page.reload();
    await expect(medium.getByLabel('Expiry (days)')).toHaveValue(String(expiry));
    await expect(medium.getByRole('switch', { name: 'No critical drift' })).toBeChecked({ checked: !original.requireNoCriticalDrift });
    await expect(medium.getByTestId('policy-origin')).toHaveText('Customised');
    // The high tier, which other release tests rely on, is untouched.
    await expect(page.locator('[data-testid="tier-policy"][data-tier="high"]').getByTestId('approval-row')).toHaveCount(2);

    const reviewer = await signedInPage(await createPerson(['risk_reviewer']));
    await reviewer.goto('/admin/policies');
    await expect(reviewer.getByTestId('no-access')).toBeVisible();
    await expect(reviewer.getByTestId('tier-policy')).toHaveCount(0);
  } finally {
    await trpcMutation(adminRequest, 'releases.setTierPolicy', { riskTier: 'medium', policy: restore }, baseURL ?? '');
  }
});

test('[APPROVALS] risk reviewer adds a metric threshold to a model and it shows in the effective policy', async ({ signedInPage, createPerson, baseURL }) => {
  const scientist = await signedInPage(await createPerson(['data_scientist']));
  const model = await registerModel(scientist.request, baseURL ?? '', `Threshold Model ${Date.now()}`, 'medium');

  const page = await signedInPage(await createPerson(['risk_reviewer']));
  await page.goto(`/models/${model.id}`);
  const panel = page.getByTestId('release-rules');
  await expect(panel.getByTestId('effective-thresholds')).toHaveText('None');
  await panel.getByRole('button', { name: 'Edit release rules' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('only make releases of this model stricter');
  await dialog.getByRole('button', { name: 'Add threshold' }).click();
  await dialog.getByLabel('Metric of threshold 1').selectOption('roc_auc');
  await expect(dialog.getByLabel('Comparison of threshold 1')).toHaveValue('gte');
  await dialog.getByLabel('Value of threshold 1').fill('0.8');
  await dialog.getByRole('button', { name: 'Save release rules' }).click();
  await expect(dialog).toBeHidden();

  await expect(panel.getByTestId('effective-threshold')).toHaveText(['roc_auc ≥ 0.8']);
  await expect(panel.getByTestId('effective-evaluation')).toContainText('Required on the reference dataset');

  // An approver reads the same rules, without the means to change them.
  const approver = await signedInPage(await createPerson(['approver']));
  await approver.goto(`/models/${model.id}`);
  await expect(approver.getByTestId('effective-threshold')).toHaveText(['roc_auc ≥ 0.8']);
  await expect(approver.getByRole('button', { name: 'Edit release rules' })).toHaveCount(0);
});

test('[APPROVALS] ops rolls production back to the previously released version and a follow-up review opens', async ({ signedInPage, createPerson, baseURL }) => {
  const base = baseURL ?? '';
  const people = async (roles: Person['roles']) => signedInPage(await createPerson(roles));
  const scientist = await people(['data_scientist']);
  const approver = await people(['approver']);
  const model = await registerModel(scientist.request, base, `Rollback Model ${Date.now()}`, 'low');
  const { token } = await trpcMutation<{ token: string }>(scientist.request, 'apiTokens.create', { name: 'E2E rollback uploads' }, base);
  expect(await uploadVersion(base, token, model.name, 1)).toBe(1);
  expect(await uploadVersion(base, token, model.name, 2)).toBe(2);
  await releaseToProduction(base, scientist.request, approver.request, model, 1);
  await releaseToProduction(base, scientist.request, approver.request, model, 2);

  const ops = await people(['ops']);
  await ops.goto(`/models/${model.id}`);
  const production = ops.locator('[data-testid="alias-item"][data-alias="production"]');
  await expect(production).toHaveAttribute('data-version', '2');
  await production.getByRole('button', { name: 'Roll back production' }).click();
  const dialog = ops.getByRole('dialog');
  await expect(dialog).toContainText('follow-up review');
  await expect(dialog.getByRole('button', { name: 'Roll back production' })).toBeDisabled();
  await dialog.getByLabel('Reason').fill('Error rate doubled after v2 went live');
  await dialog.getByRole('button', { name: 'Roll back production' }).click();
  await expect(dialog).toBeHidden();

  await expect(production).toHaveAttribute('data-version', '1');
  const done = ops.getByTestId('rollback-done');
  await expect(done).toContainText('production rolled back to v1');
  await expect(done.getByTestId('rollback-review-link')).toHaveAttribute('href', /^\/approvals\/[0-9a-f-]{36}$/);
  await expect(ops.locator('[data-testid="alias-history-row"][data-alias="production"]').first()).toContainText('Rollback: Error rate doubled after v2 went live');

  // v1 came through the first release, when production held nothing: the server says there is nothing to go back to.
  await production.getByRole('button', { name: 'Roll back production' }).click();
  await dialog.getByLabel('Reason').fill('Trying again');
  await dialog.getByRole('button', { name: 'Roll back production' }).click();
  await expect(dialog.getByRole('alert')).toContainText('there is no earlier approved version to roll back to');
  await expect(production).toHaveAttribute('data-version', '1');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // The follow-up review is a pending request for the restored version.
  const link = done.getByTestId('rollback-review-link');
  const reference = (await link.textContent())?.trim();
  await link.click();
  await expect(ops.getByRole('heading', { level: 1 })).toHaveText(`${reference}: ${model.name} v1 → production`);
  await expect(ops.getByTestId('request-summary')).toContainText('Rollback review');

  // Data scientists keep their alias tools but get no rollback.
  await scientist.goto(`/models/${model.id}`);
  await expect(scientist.getByTestId('alias-form')).toBeVisible();
  await expect(scientist.getByRole('button', { name: /Roll back/ })).toHaveCount(0);
});

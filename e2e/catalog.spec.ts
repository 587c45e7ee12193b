import path from 'node:path';
import { expect, test } from './fixtures/app';
import { registerCreditModel } from './fixtures/catalog';

const IRIS = path.join('scripts', 'demo', 'output', 'iris-species', 'v1');

test('[CATALOG] a data scientist registers a model and uploads a TF.js version with reference data; another user sees it live', async ({ signedInPage, createPerson }) => {
  const scientist = await createPerson(['data_scientist'], 'Uma Uploader');
  const watcher = await signedInPage(await createPerson(['auditor'], 'Wes Watcher'));
  await watcher.goto('/models');
  await expect(watcher.getByTestId('live-status')).toHaveAttribute('data-connected', 'true');

  const page = await signedInPage(scientist);
  await page.goto('/models');
  const name = `Iris Upload ${Date.now()}`;
  await page.getByRole('button', { name: 'Register model' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByLabel('Owner team').fill('Botany Lab');
  await dialog.getByLabel('Task type').selectOption('multiclass_classification');
  await dialog.getByLabel('Risk tier').selectOption('low');
  await dialog.getByRole('button', { name: 'Register', exact: true }).click();
  await expect(page).toHaveURL(/\/models\/[0-9a-f-]{36}$/);

  // The auditor's open catalog shows the new model without a reload.
  await expect(watcher.locator(`[data-testid="model-row"][data-name="${name}"]`)).toBeVisible({ timeout: 5000 });

  await page.getByRole('link', { name: 'New version' }).click();
  await page.getByLabel('Model files').setInputFiles([path.join(IRIS, 'model.json'), path.join(IRIS, 'group1-shard1of1.bin')]);
  await expect(page.getByTestId('artifact-file')).toHaveCount(2);
  await page.getByLabel('Reference dataset (CSV)').setInputFiles(path.join(IRIS, 'reference.csv'));
  await page.getByLabel('Target column').fill('species');
  await page.getByLabel('Class labels').fill('setosa, versicolor, virginica');
  await page.getByRole('button', { name: 'Upload version' }).click();
  await expect(page).toHaveURL(/\/versions\/1/, { timeout: 20_000 });

  await page.getByRole('tab', { name: 'Schema' }).click();
  await expect(page.getByTestId('feature-row')).toHaveCount(4);
  await expect(page.locator('[data-testid="feature-row"][data-name="petal_length"]')).toHaveAttribute('data-type', 'numeric');
  await page.getByRole('tab', { name: 'Reference data' }).click();
  const profile = page.getByTestId('dataset-profile');
  await expect(profile.getByTestId('dataset-name')).toContainText('reference.csv');
  await expect(profile.getByTestId('column-profile')).toHaveCount(5);
  await page.getByRole('tab', { name: 'Files' }).click();
  await expect(page.getByTestId('file-row')).toHaveCount(2);
});

test('[CATALOG] a rejected upload names the rule and stores nothing', async ({ signedInPage, createPerson }) => {
  const page = await signedInPage(await createPerson(['data_scientist']));
  await page.goto('/models');
  const name = `Broken Upload ${Date.now()}`;
  await page.getByRole('button', { name: 'Register model' }).click();
  await page.getByRole('dialog').getByLabel('Name').fill(name);
  await page.getByRole('dialog').getByLabel('Owner team').fill('QA');
  await page.getByRole('dialog').getByRole('button', { name: 'Register', exact: true }).click();
  await expect(page).toHaveURL(/\/models\/[0-9a-f-]{36}$/);
  await page.getByRole('link', { name: 'New version' }).click();
  // An HTML page saved as model.json: the browser's own check already flags it.
  await page.getByLabel('Model files').setInputFiles([{ name: 'model.json', mimeType: 'application/json', buffer: Buffer.from('<!doctype html><html><body>login</body></html>') }]);
  await expect(page.getByTestId('artifact-issues').locator('[data-rule]').first()).toBeVisible();
  await page.goto(page.url().replace(/\/versions\/new$/, ''));
  await expect(page.getByTestId('version-row')).toHaveCount(0);
});

test('[CATALOG] an approver cannot register models and an auditor can only read', async ({ signedInPage, createPerson, baseURL }) => {
  const scientist = await signedInPage(await createPerson(['data_scientist']));
  const model = await registerCreditModel(scientist.request, baseURL ?? '', 'low', [1, 2, 3], 'Catalog read-only');
  const approver = await signedInPage(await createPerson(['approver']));
  await approver.goto('/models');
  await expect(approver.getByRole('heading', { name: 'Catalog' })).toBeVisible();
  await expect(approver.getByTestId('model-row').first()).toBeVisible();
  await expect(approver.getByRole('button', { name: 'Register model' })).toHaveCount(0);

  const auditor = await signedInPage(await createPerson(['auditor']));
  await auditor.goto(`/models/${model.id}`);
  await expect(auditor.getByTestId('version-row')).toHaveCount(3);
  await expect(auditor.getByRole('link', { name: 'New version' })).toHaveCount(0);
  await expect(auditor.getByTestId('alias-form')).toHaveCount(0);
  await auditor.locator('[data-testid="version-row"][data-version="3"] a').first().click();
  await auditor.getByRole('tab', { name: 'Model card' }).click();
  await expect(auditor.getByTestId('card-completeness')).toContainText('of 10 sections');
});

// The preprocessing path: a version uploaded through the form without a preprocessing spec says
// what evaluation lacks (Evaluate and the Schema tab alike), gets one derived from the reference
// dataset attached later, and is evaluated and saved as verified evidence without editing anything.
import path from 'node:path';
import { expect, test } from './fixtures/app';
import { evaluateAndSave } from './fixtures/evaluate';

const IRIS = path.join('scripts', 'demo', 'output', 'iris-species', 'v2');

test.setTimeout(240_000);

test('[EVALUATE] a version uploaded without preprocessing is evaluated after attaching its reference dataset, with nothing edited by hand', async ({ signedInPage, createPerson }) => {
  const page = await signedInPage(await createPerson(['data_scientist']));
  await page.goto('/models');
  await page.getByRole('button', { name: 'Register model' }).click();
  const register = page.getByRole('dialog');
  await register.getByLabel('Name').fill(`Iris Derived ${Date.now()}`);
  await register.getByLabel('Owner team').fill('Botany Lab');
  await register.getByLabel('Task type').selectOption('multiclass_classification');
  await register.getByLabel('Risk tier').selectOption('low');
  await register.getByRole('button', { name: 'Register', exact: true }).click();
  await expect(page).toHaveURL(/\/models\/[0-9a-f-]{36}$/);
  const modelId = page.url().split('/').pop() ?? '';

  // The upload form: model files and the output schema, no reference data, no preprocessing.
  await page.getByRole('link', { name: 'New version' }).click();
  await page.getByLabel('Model files').setInputFiles([path.join(IRIS, 'model.json'), path.join(IRIS, 'group1-shard1of1.bin')]);
  await expect(page.getByTestId('artifact-file')).toHaveCount(2);
  await expect(page.getByTestId('preprocessing-plan')).toContainText('Reference data tab');
  await page.getByLabel('Target column').fill('species');
  await page.getByLabel('Class labels').fill('setosa, versicolor, virginica');
  await page.getByRole('button', { name: 'Upload version' }).click();
  await expect(page).toHaveURL(/\/versions\/1/, { timeout: 20_000 });

  // Evaluate names exactly what is missing and links to the Schema tab, which says the same.
  await page.goto(`/evaluate?model=${modelId}&version=1`);
  const blocker = page.getByTestId('evaluate-blocker');
  await expect(blocker).toHaveAttribute('data-missing', 'input_schema preprocessing');
  await expect(blocker).toContainText('v1 cannot be evaluated: it has no input schema and preprocessing spec recorded.');
  await expect(page.getByRole('button', { name: 'Run evaluation' })).toBeDisabled();
  await blocker.getByRole('link', { name: 'Open the Schema tab of v1' }).click();
  await expect(page).toHaveURL(new RegExp(`/models/${modelId}/versions/1\\?tab=schema$`));
  const readiness = page.getByTestId('evaluation-readiness');
  await expect(readiness).toHaveAttribute('data-ready', 'false');
  await expect(readiness.locator('[data-testid="evaluation-need"][data-present="false"]')).toHaveCount(2);
  await expect(readiness.locator('[data-need="output_schema"]')).toHaveAttribute('data-present', 'true');
  await expect(page.getByTestId('preprocessing-none')).toContainText('Evaluation needs one');

  // Attaching the reference dataset infers the schema and derives the preprocessing from it.
  await page.getByRole('tab', { name: 'Reference data' }).click();
  await page.getByRole('button', { name: 'Upload reference dataset' }).click();
  const attach = page.getByRole('dialog');
  await expect(attach).toContainText('one is derived from the dataset');
  await attach.getByLabel('Reference dataset (CSV)').setInputFiles(path.join(IRIS, 'reference.csv'));
  await attach.getByRole('button', { name: 'Attach dataset' }).click();
  await expect(page.getByTestId('dataset-attached')).toHaveAttribute('data-derived', 'true');

  await page.getByRole('tab', { name: 'Schema' }).click();
  await expect(readiness).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('preprocessing-derived')).toContainText('Derived from the reference dataset');
  await expect(page.getByTestId('preprocessing-row')).toHaveCount(4);
  await expect(page.locator('[data-testid="preprocessing-row"][data-feature="petal_length"]')).toHaveAttribute('data-kind', 'standardize');

  // Evaluated on the reference dataset and saved as server-verified evidence, nothing edited.
  await evaluateAndSave(page, modelId, 1);
});

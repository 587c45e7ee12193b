// Release guarantees under attack: a high-tier request cannot be completed by lowering the model's
// tier mid-request (it is judged by the policy it was submitted under), and what its signers sign
// for cannot change while it is pending. The test seeds its own people and model through the API.
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test, trpcMutation, type Person } from './fixtures/app';
import { CREDIT, registerCreditModel } from './fixtures/catalog';
import { evaluateAndSave, ready } from './fixtures/evaluate';

const CREDIT_V3 = CREDIT.find((v) => v.version === 3);

/** A fresh high-tier model with the demo credit v3 (files, reference data, complete model card) as its v1. */
const registerHighTierModel = (request: APIRequestContext, baseURL: string) =>
  registerCreditModel(request, baseURL, 'high', [3], 'Guarantees credit', { description: 'Scores credit applications.', tags: [{ key: 'domain', value: 'credit' }] });

async function signOnPage(page: Page, person: Person, reason: string) {
  await page.getByTestId('request-actions').getByRole('button', { name: 'Approve' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Reason').fill(reason);
  await dialog.getByLabel('Password').fill(person.password);
  await dialog.getByRole('button', { name: 'Sign: Approve' }).click();
  await expect(dialog).toBeHidden();
}

test('[APPROVALS] a high-tier request cannot be completed by lowering the tier mid-request, and its version stays frozen', async ({ createPerson, signedInPage, baseURL }) => {
  test.setTimeout(240_000);
  const origin = baseURL ?? '';
  const scientist = await createPerson(['data_scientist'], `Dana Scientist ${Date.now()}`);
  const approver = await createPerson(['approver'], `Avery Approver ${Date.now()}`);
  const reviewer = await createPerson(['risk_reviewer'], `Riley Reviewer ${Date.now()}`);
  const scientistPage = await signedInPage(scientist);
  const model = await registerHighTierModel(scientistPage.request, origin);
  // The high tier's evaluation gate wants a server-verified evaluation.
  await evaluateAndSave(scientistPage, model.id, 1);

  const request = await trpcMutation<{ id: string; number: number }>(
    scientistPage.request,
    'releases.request',
    { modelId: model.id, version: 1, alias: 'production', changeSummary: 'First production model.', expectedImpact: 'Scores every application.', rollbackPlan: 'Remove the alias.' },
    origin,
  );

  // The requester lowers the model to the low tier (one approver) mid-request: accepted for the model,
  // and only the tier changes (the description and tags stay).
  const lowered = await trpcMutation<{ riskTier: string; description: string; tags: { key: string; value: string }[] }>(scientistPage.request, 'catalog.update', { modelId: model.id, riskTier: 'low' }, origin);
  expect(lowered).toMatchObject({ riskTier: 'low', description: 'Scores credit applications.', tags: [{ key: 'domain', value: 'credit' }] });

  // Reordering the class labels (which flips what every signed metric means) is refused while pending.
  const labels = CREDIT_V3?.outputSchema.classLabels ?? [];
  await expect(trpcMutation(scientistPage.request, 'catalog.updateVersion', { modelId: model.id, version: 1, outputSchema: { ...CREDIT_V3?.outputSchema, classLabels: [...labels].reverse() } }, origin)).rejects.toThrow(
    /409 .*under review for release to production in REL-\d+.*Withdraw REL-\d+, make the change, and submit again/,
  );

  // The approver's page says which policy counts, and one approval does not release it.
  const approverPage = await signedInPage(approver);
  await approverPage.goto(`/approvals/${request.id}`);
  await ready(approverPage);
  const judged = approverPage.getByTestId('judged-policy');
  await expect(judged).toHaveAttribute('data-tier', 'high');
  await expect(judged).toContainText('Judged by the high-risk policy it was submitted under');
  await expect(approverPage.getByTestId('judged-policy-lowered')).toContainText('The model is now low-risk');
  await expect(approverPage.locator('[data-testid="quorum-slot"][data-role="risk_reviewer"]')).toHaveAttribute('data-filled', '0');
  await signOnPage(approverPage, approver, 'Holdout metrics are convincing.');
  await expect(approverPage.locator('[data-testid="quorum-slot"][data-role="approver"]')).toHaveAttribute('data-filled', '1');
  const summary = approverPage.getByTestId('request-summary');
  await expect(summary.getByTestId('release-state')).toHaveAttribute('data-state', 'pending');
  await expect(approverPage.getByTestId('quorum')).toHaveAttribute('data-satisfied', 'false');
  await expect(approverPage.getByTestId('quorum')).toContainText('Still needed: 1 risk reviewer');

  // Nothing moved; the risk reviewer's signature completes it.
  const before = (await (await scientistPage.request.get(`/api/v1/models/${model.id}`)).json()) as { aliases?: { name: string }[] };
  expect((before.aliases ?? []).map((a) => a.name)).not.toContain('production');
  const reviewerPage = await signedInPage(reviewer);
  await reviewerPage.goto(`/approvals/${request.id}`);
  await ready(reviewerPage);
  await signOnPage(reviewerPage, reviewer, 'Risk assessment done.');
  await expect(reviewerPage.getByTestId('request-summary').getByTestId('release-state')).toHaveAttribute('data-state', 'released');
  await expect(summary.getByTestId('release-state')).toHaveAttribute('data-state', 'released');
});

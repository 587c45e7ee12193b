// Release approvals end to end: a data scientist asks for a release through the version page, an
// approver and a risk reviewer sign with their passwords, the alias moves, and every open page
// follows live. Each test registers its own model from the committed demo files, so it never
// collides with the demo catalog or another run.
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test, trpcMutation, type Person } from './fixtures/app';
import { CREDIT, registerCreditModel as registerCredit } from './fixtures/catalog';
import { evaluateAndSave, ready } from './fixtures/evaluate';

const registerCreditModel = (request: APIRequestContext, baseURL: string, riskTier: 'low' | 'high', demoVersions: number[]) =>
  registerCredit(request, baseURL, riskTier, demoVersions, 'Approvals credit');

async function openSignDialog(page: Page, decision: 'Approve' | 'Request changes' | 'Reject') {
  await page.getByTestId('request-actions').getByRole('button', { name: decision }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  return dialog;
}

async function sign(page: Page, person: Person, reason: string, meaning: string) {
  const dialog = await openSignDialog(page, 'Approve');
  await expect(dialog.getByTestId('sign-meaning')).toHaveText(meaning);
  await dialog.getByLabel('Reason').fill(reason);
  await dialog.getByLabel('Password').fill(person.password);
  await dialog.getByRole('button', { name: 'Sign: Approve' }).click();
  await expect(dialog).toBeHidden();
}

test('[APPROVALS] a production release is requested, signed by an approver and a risk reviewer, and every open page follows live', async ({ createPerson, signedInPage, baseURL }) => {
  test.setTimeout(240_000);
  const origin = baseURL ?? '';
  const scientist = await createPerson(['data_scientist'], `Dana Scientist ${Date.now()}`);
  const approver = await createPerson(['approver'], `Avery Approver ${Date.now()}`);
  const reviewer = await createPerson(['risk_reviewer'], `Riley Reviewer ${Date.now()}`);
  const scientistPage = await signedInPage(scientist);
  const model = await registerCreditModel(scientistPage.request, origin, 'high', [3]);

  // The evaluation gate needs a server-verified evaluation of this version on its reference dataset.
  await evaluateAndSave(scientistPage, model.id, 1);

  // The request goes through the dialog on the version page.
  await scientistPage.goto(`/models/${model.id}/versions/1`);
  await ready(scientistPage);
  await scientistPage.getByRole('button', { name: 'Request release' }).click();
  const form = scientistPage.getByRole('dialog');
  await form.getByLabel('Alias').selectOption('production');
  await form.getByLabel('Change summary').fill('First production model for credit default risk.');
  await form.getByLabel('Expected impact').fill('Scores every new credit application; ROC AUC about 0.86 on the holdout.');
  await form.getByLabel('Rollback plan').fill('Remove the production alias; applications fall back to manual review.');
  await form.getByRole('button', { name: 'Submit for approval' }).click();
  await scientistPage.waitForURL(/\/approvals\/[0-9a-f-]{36}$/);
  const requestUrl = new URL(scientistPage.url()).pathname;
  const requestId = requestUrl.split('/').pop() ?? '';
  await ready(scientistPage);
  const summary = scientistPage.getByTestId('request-summary');
  await expect(summary.getByTestId('release-state')).toHaveAttribute('data-state', 'pending');
  const heading = await scientistPage.getByRole('heading', { level: 1 }).textContent();
  const reference = /REL-\d+/.exec(heading ?? '')?.[0] ?? '';
  expect(reference).not.toBe('');

  // The evidence is on the page: first release to production, gates passed, evaluation used.
  await expect(scientistPage.getByTestId('first-release')).toContainText('First release to production');
  await expect(scientistPage.locator('[data-testid="gate"][data-gate="evaluation"]')).toHaveAttribute('data-status', 'pass');
  await expect(scientistPage.locator('[data-testid="gate"][data-gate="evaluation"]')).toContainText('verified by the server');
  await expect(scientistPage.locator('[data-testid="gate"][data-gate="model_card"]')).toHaveAttribute('data-status', 'pass');
  await expect(scientistPage.locator('[data-testid="release-evaluation"][data-gate="true"]')).toHaveAttribute('data-verified', 'true');

  // The requester cannot sign their own request: the page says so and the server refuses it.
  await expect(scientistPage.getByTestId('sign-refusal')).toHaveText(`You asked for ${reference}; the requester cannot sign it.`);
  await expect(scientistPage.getByTestId('request-actions').getByRole('button', { name: 'Approve' })).toHaveCount(0);
  const meaning = `I approve release of ${model.name} v1 to production`;
  const own = await scientistPage.request.post('/api/trpc/releases.sign', {
    data: { json: { requestId, decision: 'approve', reason: 'My own work', meaning, password: scientist.password } },
    headers: { 'content-type': 'application/json', origin },
  });
  expect(own.status()).toBe(403);
  expect(JSON.stringify(await own.json())).toContain('the requester cannot sign it');

  // A second tab on the model page watches the alias.
  const modelPage = await scientistPage.context().newPage();
  await modelPage.goto(`/models/${model.id}`);
  await ready(modelPage);
  await expect(modelPage.locator('[data-testid="alias-item"][data-alias="production"]')).toHaveCount(0);

  // The approver finds it in their inbox, with the count in the navigation.
  const approverPage = await signedInPage(approver);
  await approverPage.goto('/approvals');
  await ready(approverPage);
  await expect(approverPage.getByTestId('approvals-count')).toBeVisible();
  await approverPage.locator(`[data-testid="release-row"][data-reference="${reference}"] a`).click();
  await approverPage.waitForURL(`**${requestUrl}`);
  await ready(approverPage);

  // A wrong password signs nothing and keeps the dialog open with the server's message.
  const dialog = await openSignDialog(approverPage, 'Approve');
  await expect(dialog.getByTestId('sign-meaning')).toHaveText(meaning);
  await dialog.getByLabel('Reason').fill('Holdout metrics and the model card are convincing.');
  await dialog.getByLabel('Password').fill('not-my-password');
  await dialog.getByRole('button', { name: 'Sign: Approve' }).click();
  await expect(dialog.getByTestId('sign-error')).toHaveText('That password is not correct. Nothing was signed.');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Reason')).toHaveValue('Holdout metrics and the model card are convincing.');
  await expect(approverPage.getByTestId('signature')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await sign(approverPage, approver, 'Holdout metrics and the model card are convincing.', meaning);
  const approval = approverPage.locator(`[data-testid="timeline"] [data-testid="signature"][data-signer="${approver.name}"]`);
  await expect(approval).toContainText(meaning);
  await expect(approval).toContainText('Holdout metrics and the model card are convincing.');
  await expect(approval).toContainText('Approver');
  await expect(approval).toContainText('Password re-entered');
  await expect(approval).toContainText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);

  // The requester's page shows the approver's signature without a reload; still pending.
  await expect(scientistPage.locator(`[data-testid="timeline"] [data-testid="signature"][data-signer="${approver.name}"]`)).toBeVisible();
  await expect(scientistPage.locator('[data-testid="quorum-slot"][data-role="approver"]')).toHaveAttribute('data-filled', '1');
  await expect(summary.getByTestId('release-state')).toHaveAttribute('data-state', 'pending');

  // The approver's inbox no longer lists it; the risk reviewer's does.
  await approverPage.goto('/approvals?tab=awaiting_me');
  await expect(approverPage.locator(`[data-testid="release-row"][data-reference="${reference}"]`)).toHaveCount(0);
  const reviewerPage = await signedInPage(reviewer);
  await reviewerPage.goto('/approvals?tab=awaiting_me');
  await reviewerPage.locator(`[data-testid="release-row"][data-reference="${reference}"] a`).click();
  await reviewerPage.waitForURL(`**${requestUrl}`);
  await ready(reviewerPage);
  await sign(reviewerPage, reviewer, 'Risk assessment done; fairness slices reviewed.', meaning);

  // Quorum met: released at once, the alias moved, and the watching pages follow without a reload.
  await expect(reviewerPage.getByTestId('request-summary').getByTestId('release-state')).toHaveAttribute('data-state', 'released');
  await expect(summary.getByTestId('release-state')).toHaveAttribute('data-state', 'released');
  await expect(scientistPage.getByTestId('quorum')).toHaveAttribute('data-satisfied', 'true');
  await expect(scientistPage.getByTestId('signature').filter({ hasText: reviewer.name })).not.toHaveCount(0);
  await expect(modelPage.locator('[data-testid="alias-item"][data-alias="production"]')).toHaveAttribute('data-version', '1');

  // The version page lists the request.
  await scientistPage.goto(`/models/${model.id}/versions/1?tab=approvals`);
  await expect(scientistPage.locator(`[data-testid="version-release-request"][data-reference="${reference}"]`)).toHaveAttribute('data-state', 'released');

  // The evidence export carries both signatures with their meaning, reason and printed name.
  const exported = await scientistPage.request.get(`/api/releases/${requestId}/evidence?format=json`);
  expect(exported.status()).toBe(200);
  const evidence = (await exported.json()) as { releases: { reference: string; signatures: { printedName: string; meaning: string; reason: string; decision: string }[] }[] };
  const [release] = evidence.releases;
  expect(release?.reference).toBe(reference);
  expect(release?.signatures.map((s) => ({ name: s.printedName, meaning: s.meaning, reason: s.reason, decision: s.decision }))).toEqual([
    { name: approver.name, meaning, reason: 'Holdout metrics and the model card are convincing.', decision: 'approve' },
    { name: reviewer.name, meaning, reason: 'Risk assessment done; fairness slices reviewed.', decision: 'approve' },
  ]);
  await scientistPage.goto(requestUrl);
  const printable = await scientistPage.request.get((await scientistPage.getByTestId('evidence-html').getAttribute('href')) ?? '');
  expect(printable.headers()['content-type']).toContain('text/html');
  expect(await printable.text()).toContain(reviewer.name);
});

test('[APPROVALS] the request page compares the candidate with the version it replaces', async ({ createPerson, signedInPage, baseURL }) => {
  const origin = baseURL ?? '';
  const scientist = await createPerson(['data_scientist']);
  const approver = await createPerson(['approver']);
  const scientistPage = await signedInPage(scientist);
  const approverPage = await signedInPage(approver);
  // Low risk: one approver, no gates; v1 goes to production first, then v2 asks to replace it.
  const model = await registerCreditModel(scientistPage.request, origin, 'low', [1, 3]);
  const first = await trpcMutation<{ id: string }>(
    scientistPage.request,
    'releases.request',
    { modelId: model.id, version: 1, alias: 'production', changeSummary: 'Baseline', expectedImpact: 'None', rollbackPlan: 'Remove the alias' },
    origin,
  );
  await trpcMutation(approverPage.request, 'releases.sign', { requestId: first.id, decision: 'approve', reason: 'Fine', meaning: `I approve release of ${model.name} v1 to production`, password: approver.password }, origin);
  const second = await trpcMutation<{ id: string }>(
    scientistPage.request,
    'releases.request',
    { modelId: model.id, version: 2, alias: 'production', changeSummary: 'Two more features', expectedImpact: 'Better recall', rollbackPlan: 'Back to v1' },
    origin,
  );

  await approverPage.goto(`/approvals/${second.id}`);
  await ready(approverPage);
  await expect(approverPage.getByTestId('comparison')).toHaveAttribute('data-base', '1');
  const v1 = CREDIT.find((v) => v.version === 1);
  const v3 = CREDIT.find((v) => v.version === 3);
  const auc = approverPage.locator('[data-testid="compare-metric-row"][data-metric="roc_auc"]');
  await expect(auc).toContainText(String(Number((v1?.metrics.roc_auc ?? 0).toPrecision(4))));
  const delta = (v3?.metrics.roc_auc ?? 0) - (v1?.metrics.roc_auc ?? 0);
  await expect(auc).toContainText(delta > 0 ? '+' : '−');
  await expect(approverPage.getByTestId('schema-diff-row').first()).toBeVisible();
  await expect(approverPage.getByTestId('schema-summary')).toContainText('differ');
  // Not configured gates say so rather than pass.
  await expect(approverPage.locator('[data-testid="gate"][data-gate="evaluation"]')).toHaveAttribute('data-status', 'not_configured');

  // Request changes; the requester resubmits with a note, and a new round starts.
  const dialog = await openSignDialog(approverPage, 'Request changes');
  await expect(dialog.getByTestId('sign-meaning')).toHaveText(`I request changes before release of ${model.name} v2 to production`);
  await dialog.getByLabel('Reason').fill('Say how the two new features were validated.');
  await dialog.getByLabel('Password').fill(approver.password);
  await dialog.getByRole('button', { name: 'Sign: Request changes' }).click();
  await expect(dialog).toBeHidden();
  await expect(approverPage.getByTestId('request-summary').getByTestId('release-state')).toHaveAttribute('data-state', 'changes_requested');

  await scientistPage.goto(`/approvals/${second.id}`);
  await ready(scientistPage);
  await scientistPage.getByTestId('request-actions').getByRole('button', { name: 'Resubmit' }).click();
  const resubmit = scientistPage.getByRole('dialog');
  await resubmit.getByLabel('Change summary').fill('Two more features, validated on the 2026Q3 holdout.');
  await resubmit.getByLabel('What changed').fill('Added the validation of the new features.');
  await resubmit.getByRole('button', { name: 'Resubmit for approval' }).click();
  await expect(resubmit).toBeHidden();
  await expect(scientistPage.getByTestId('request-changeSummary')).toContainText('validated on the 2026Q3 holdout');
  // The approver's open page follows: pending again, and the earlier signature no longer counts.
  await expect(approverPage.getByTestId('request-summary').getByTestId('release-state')).toHaveAttribute('data-state', 'pending');
  await expect(approverPage.getByTestId('timeline').getByText('Round 1: no longer counts')).toBeVisible();
  await expect(approverPage.getByTestId('request-actions').getByRole('button', { name: 'Approve' })).toBeEnabled();

  // A comment shows up on the other person's page.
  await scientistPage.getByLabel('Comment', { exact: true }).fill('Validation notebook linked in the model card.');
  await scientistPage.getByRole('button', { name: 'Post comment' }).click();
  await expect(approverPage.getByTestId('comment').filter({ hasText: 'Validation notebook linked in the model card.' })).toBeVisible();
});

// Every page of the app, as every role: each loads without a console error or an uncaught page error
// (a hydration mismatch, a failed query, a render crash); pages fit 1280 and 1440 px windows without horizontal
// scrolling; and an address that names nothing answers
// the 404 page with status 404 at once instead of skeletons that retry. The data each page shows is
// created here through the API, so the sweep does not depend on the demo workspace.
import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { ROLES, type Role } from '../lib/roles';
import { expect, test, trpcMutation } from './fixtures/app';
import { registerCreditModel } from './fixtures/catalog';

/** Collects what a person would see in the browser console as an error while the page is open. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console.error: ${msg.text()} (${msg.location().url})`);
  });
  return errors;
}

/** What does not fit 1280 px: the page itself, or a table that needs its own horizontal scrolling. */
async function overflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1) out.push(`page is ${root.scrollWidth}px wide`);
    document.querySelectorAll('table').forEach((table, i) => {
      const box = table.parentElement;
      if (box && box.scrollWidth > box.clientWidth + 1) out.push(`table ${i + 1} needs ${box.scrollWidth}px in ${box.clientWidth}px`);
    });
    return out;
  });
}

async function settled(page: Page) {
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-connected', 'true');
  // Widgets that stream in after hydration report their own failures a moment later.
  await page.waitForLoadState('load');
  await page.waitForTimeout(750);
}

test('[PAGES] an address that names nothing answers 404 with the not-found page', async ({ createPerson, signedInPage, baseURL }) => {
  test.setTimeout(180_000);
  const scientist = await createPerson(['data_scientist', 'ops']);
  const page = await signedInPage(scientist);
  const model = await registerCreditModel(page.request, baseURL ?? '', 'low', [1], 'E2E pages');
  const missing = randomUUID();
  const addresses = [
    `/models/${missing}`,
    '/models/No%20such%20model%20at%20all',
    '/models/%25',
    `/models/${model.id}/versions/99`,
    `/models/${missing}/versions/1`,
    `/models/${missing}/compare?v=1&v=2`,
    `/models/${missing}/versions/new`,
    `/approvals/${missing}`,
    '/approvals/not-a-request',
    `/monitoring/${missing}`,
    `/monitoring/alerts/${missing}`,
  ];
  for (const address of addresses) {
    const res = await page.goto(address);
    expect(res?.status(), address).toBe(404);
    await expect(page.getByRole('heading', { name: /does not exist/i }), address).toBeVisible();
  }
  // The entity that does exist still opens.
  const ok = await page.goto(`/models/${model.id}/versions/1`);
  expect(ok?.status()).toBe(200);
});

test('[PAGES] every page loads without a console error, as every role', async ({ createPerson, signedInPage, baseURL }) => {
  test.setTimeout(900_000);
  const origin = baseURL ?? '';
  const scientist = await createPerson(['data_scientist']);
  const scientistPage = await signedInPage(scientist);
  const model = await registerCreditModel(scientistPage.request, origin, 'low', [1, 2], 'E2E pages');
  const request = await trpcMutation<{ id: string }>(
    scientistPage.request,
    'releases.request',
    { modelId: model.id, version: 2, alias: 'staging', changeSummary: 'Page sweep', expectedImpact: 'None', rollbackPlan: 'Back to v1' },
    origin,
  );
  const ops = await createPerson(['ops']);
  const opsPage = await signedInPage(ops);
  const deployment = await trpcMutation<{ id: string }>(opsPage.request, 'monitoring.createDeployment', { modelId: model.id, environment: `pages-${Date.now()}`, alias: 'staging' }, origin);

  const pages = [
    '/',
    '/models',
    `/models/${model.id}`,
    `/models/${model.id}/versions/1`,
    `/models/${model.id}/versions/2?tab=schema`,
    `/models/${model.id}/versions/2?tab=discussion`,
    `/models/${model.id}/compare?v=1&v=2`,
    `/models/${model.id}/versions/new`,
    '/approvals',
    `/approvals/${request.id}`,
    '/monitoring',
    `/monitoring/${deployment.id}`,
    '/evaluate',
    `/evaluate?model=${model.id}&version=1`,
    '/audit',
    '/admin',
    '/admin/policies',
    '/admin/webhooks',
    '/notifications',
    '/settings',
  ];
  const found: string[] = [];
  for (const role of ROLES as readonly Role[]) {
    const person = role === 'data_scientist' ? scientist : role === 'ops' ? ops : await createPerson([role]);
    const page = role === 'data_scientist' ? scientistPage : role === 'ops' ? opsPage : await signedInPage(person);
    const errors = watchErrors(page);
    for (const address of pages) {
      const res = await page.goto(address);
      expect(res?.status(), `${role} ${address}`).toBeLessThan(400);
      await settled(page);
      for (const e of errors.splice(0)) found.push(`${role} ${address}: ${e}`);
    }
  }
  expect(found).toEqual([]);
});

// The shell's navigation and the inbox read the requests awaiting the signer outside any Suspense; the server's
// HTML and the browser's first render must agree (React error #418 otherwise), and relative times ("in 29 days")
// come from the browser's clock only after hydration. A browser in another time zone and language than the
// server's, visiting the inbox a few times, must see no error.
test.describe('a browser in another time zone and language', () => {
  test.use({ timezoneId: 'Pacific/Kiritimati', locale: 'de-DE' });

  test('[PAGES] the approvals inbox hydrates without error for a signer', async ({ createPerson, signedInPage, baseURL }) => {
    test.setTimeout(180_000);
    const scientistPage = await signedInPage(await createPerson(['data_scientist']));
    const model = await registerCreditModel(scientistPage.request, baseURL ?? '', 'low', [1], 'E2E inbox');
    await trpcMutation(scientistPage.request, 'releases.request', { modelId: model.id, version: 1, alias: 'staging', changeSummary: 'Inbox', expectedImpact: 'None', rollbackPlan: 'Remove the alias' }, baseURL ?? '');
    for (const role of ['approver', 'risk_reviewer'] as const) {
      const page = await signedInPage(await createPerson([role]));
      const errors = watchErrors(page);
      for (const address of ['/approvals', '/approvals?tab=open', '/approvals']) {
        await page.goto(address);
        await settled(page);
        if (address.endsWith('open')) await expect(page.getByTestId('release-row').first()).toBeVisible();
      }
      expect(errors, role).toEqual([]);
    }
  });
});

// Long text a person may well type (a model's name, a tag) wraps or is shortened with its full text one
// hover away; tables drop or merge their low-value columns on narrower windows instead of scrolling.
const LONG_NAME = 'E2E width Retail credit default risk scorecard for small business lending';
const LONG_TAG = { key: 'regulatory_framework_reference', value: 'Basel-III-IRB-advanced-approach-probability-of-default-model-2026-recalibration' };

for (const width of [1280, 1440]) {
  test(`[PAGES] every page fits a ${width} px window without horizontal scrolling`, async ({ createPerson, signedInPage, baseURL }) => {
    test.setTimeout(180_000);
    const page = await signedInPage(await createPerson(['admin', 'data_scientist', 'ops']));
    await page.setViewportSize({ width, height: 800 });
    const model = await registerCreditModel(page.request, baseURL ?? '', 'low', [1, 2], LONG_NAME, { tags: [LONG_TAG, { key: 'team', value: 'credit' }] });
    await trpcMutation(page.request, 'releases.request', { modelId: model.id, version: 2, alias: 'staging', changeSummary: 'Width check', expectedImpact: 'None', rollbackPlan: 'Back to v1' }, baseURL ?? '');
    await trpcMutation(page.request, 'monitoring.createDeployment', { modelId: model.id, environment: `width-${width}-${Date.now()}`, alias: 'staging' }, baseURL ?? '');
    const found: string[] = [];
    for (const address of ['/models', `/models/${model.id}`, `/models/${model.id}/versions/1`, '/approvals?tab=open', '/monitoring', '/audit', '/admin']) {
      await page.goto(address);
      await settled(page);
      for (const o of await overflow(page)) found.push(`${address}: ${o}`);
    }
    expect(found).toEqual([]);

    // Nothing is lost on the way: a column hidden at this width has its facts merged into a visible cell.
    const tag = `${LONG_TAG.key}:${LONG_TAG.value}`;
    await page.goto('/models');
    const row = page.locator(`[data-testid="model-row"][data-name="${model.name}"]`);
    for (const fact of ['Binary classification', 'Credit Risk Analytics']) await expect(row.getByText(fact).filter({ visible: true }).first()).toBeVisible();
    await expect(row.getByTitle(tag)).toBeVisible(); // cut to its column, in full on hover
    await page.goto(`/models/${model.id}`);
    await expect(page.getByText(tag, { exact: true })).toBeInViewport({ ratio: 1 }); // wrapped, in full, on the model's page
    const v2 = page.locator('[data-testid="version-row"][data-version="2"]');
    await expect(v2.getByText(/^(card )?\d+\/\d+$/).filter({ visible: true })).toHaveCount(1);
    await expect(v2.getByTestId('version-release')).toBeVisible();
  });
}

import { readFile } from 'node:fs/promises';
import { expect, test, trpcMutation } from './fixtures/app';

test('[LIVE] a change made by one user appears live in a second user open page', async ({ signedInPage, createPerson, baseURL }) => {
  const admin = await createPerson(['admin'], 'Lee Admin');
  const auditor = await createPerson(['auditor'], 'Kim Auditor');
  const auditorPage = await signedInPage(auditor);
  await auditorPage.goto('/admin');
  await expect(auditorPage.getByRole('heading', { name: 'You do not have access' })).toBeVisible();
  await auditorPage.goto('/audit');
  await expect(auditorPage.getByTestId('live-status')).toHaveAttribute('data-connected', 'true');

  const adminPage = await signedInPage(admin);
  const email = `live-${Date.now()}@e2e.modelgate.local`;
  const created = await trpcMutation<{ user: { id: string } }>(adminPage.request, 'users.create', { email, name: 'Liv Live', roles: ['ops'] }, baseURL ?? '');

  // No reload: the auditor's open audit list shows the new event.
  const row = auditorPage.locator('[data-testid="audit-row"][data-action="user.created"]').filter({ hasText: created.user.id.slice(0, 8) });
  await expect(row).toBeVisible({ timeout: 5000 });
});

test('[AUDIT] the audit page shows role changes and creations with their diff, verifies the chain and exports', async ({ signedInPage, createPerson }) => {
  const admin = await createPerson(['admin'], 'Mo Admin');
  const subject = await createPerson(['ops'], 'Sol Subject');
  const adminPage = await signedInPage(admin);

  await adminPage.goto('/admin');
  const row = adminPage.locator(`[data-testid="user-row"][data-email="${subject.email}"]`);
  await row.getByRole('button', { name: /Edit roles/ }).click();
  await adminPage.getByRole('dialog').getByLabel('Approver', { exact: true }).check();
  await adminPage.getByRole('dialog').getByLabel('Reason').fill('=cmd|calc joins the board');
  await adminPage.getByRole('dialog').getByRole('button', { name: 'Save roles' }).click();
  await expect(row).toContainText('Approver');

  await adminPage.goto(`/audit?entityId=${subject.id}`);
  await expect(adminPage.getByTestId('audit-verify')).toContainText(/Chain verified: \d+ events/);
  const events = adminPage.getByTestId('audit-row');
  await expect(events).toHaveCount(2);
  await expect(events.nth(0)).toHaveAttribute('data-action', 'user.roles_changed');
  await expect(events.nth(1)).toHaveAttribute('data-action', 'user.created');

  await events.nth(0).click();
  const detail = adminPage.getByTestId('audit-detail');
  await expect(detail).toContainText('Mo Admin');
  await expect(detail.getByTestId('audit-diff')).toContainText('"ops"');
  await expect(detail.getByTestId('audit-diff')).toContainText('"approver"');

  const [download] = await Promise.all([adminPage.waitForEvent('download'), adminPage.getByTestId('audit-export-csv').click()]);
  const csv = await readFile((await download.path()) ?? '', 'utf8');
  expect(csv.split('\n')[0]).toContain('seq,occurredAt');
  expect(csv).toContain('user.roles_changed');
  expect(csv).toContain(`'=cmd|calc joins the board`);
  expect(csv).not.toMatch(/,=cmd/);
});

test('[SECURITY] pages carry a nonce CSP and cross-site mutations are refused', async ({ page, createPerson, signedInPage }) => {
  const res = await page.request.get('/sign-in');
  const csp = res.headers()['content-security-policy'] ?? '';
  expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic' 'wasm-unsafe-eval'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain("'unsafe-eval'");
  expect(res.headers()['x-content-type-options']).toBe('nosniff');
  // Only proxy.ts's nonce policy: next.config.ts adds none to pages.
  expect(res.headersArray().filter((h) => h.name.toLowerCase() === 'content-security-policy')).toHaveLength(1);

  const admin = await createPerson(['admin']);
  const adminPage = await signedInPage(admin);
  const forged = await adminPage.request.post('/api/trpc/users.create', {
    data: { json: { email: 'csrf@example.com', name: 'Forged', roles: ['admin'] } },
    headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
  });
  expect(forged.status()).toBe(403);
  const formPost = await adminPage.request.post('/api/trpc/users.create', { form: { email: 'csrf@example.com' } });
  expect(formPost.status()).toBe(403);
});

test('[SECURITY] API JSON and static assets carry a strict static CSP', async ({ page }) => {
  const api = await page.request.get('/api/v1/openapi.json');
  expect(api.status()).toBe(200);
  expect(api.headers()['content-security-policy']).toBe("default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
  expect(api.headers()['x-content-type-options']).toBe('nosniff');

  const html = await (await page.request.get('/sign-in')).text();
  const asset = html.match(/\/_next\/static\/[^"'\s]+\.js/)?.[0];
  expect(asset).toBeTruthy();
  const res = await page.request.get(asset ?? '');
  expect(res.status()).toBe(200);
  const csps = res.headersArray().filter((h) => h.name.toLowerCase() === 'content-security-policy');
  expect(csps).toHaveLength(1);
  // Worker chunks run under this policy: same-origin scripts, fetches and WASM, nothing else.
  expect(csps[0]?.value).toMatch(/^default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self';/);
  expect(csps[0]?.value).toContain("frame-ancestors 'none'");
  expect(csps[0]?.value).not.toContain('nonce-');
});

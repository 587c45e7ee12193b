import { expect, test } from './fixtures/app';

test('[ADMIN] admin assigns a role and the user sees it on their next request', async ({ signedInPage, createPerson }) => {
  const admin = await createPerson(['admin'], 'Ari Admin');
  const person = await createPerson(['ops'], 'Pat Ops');
  const personPage = await signedInPage(person);
  await personPage.goto('/');
  const nav = personPage.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Audit' })).toHaveCount(0);

  const adminPage = await signedInPage(admin);
  await adminPage.goto('/admin');
  const row = adminPage.locator(`[data-testid="user-row"][data-email="${person.email}"]`);
  await row.getByRole('button', { name: /Edit roles/ }).click();
  const dialog = adminPage.getByRole('dialog');
  await dialog.getByLabel('Auditor', { exact: true }).check();
  await dialog.getByLabel('Reason').fill('Covers the quarterly audit');
  await dialog.getByRole('button', { name: 'Save roles' }).click();
  await expect(row).toContainText('Auditor');

  // Live: the open page's role badges update without a reload...
  await personPage.getByTestId('user-menu').click();
  await expect(personPage.getByTestId('user-role')).toHaveText(['Auditor', 'Ops']);
  // ...and the very next request is served with the new role.
  await personPage.goto('/audit');
  await expect(personPage.getByRole('heading', { name: 'Audit trail' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Audit' })).toBeVisible();
});

test('[ADMIN] admin adds a person, who signs in with the temporary password shown once', async ({ signedInPage, createPerson, browser }) => {
  const admin = await createPerson(['admin']);
  const adminPage = await signedInPage(admin);
  await adminPage.goto('/admin');
  await adminPage.getByRole('button', { name: 'Add person' }).click();
  const form = adminPage.getByRole('dialog');
  const email = `new-${Date.now()}@e2e.modelgate.local`;
  await form.getByLabel('Name').fill('Nia Newcomer');
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Risk reviewer', { exact: true }).check();
  await form.getByRole('button', { name: 'Create person' }).click();
  const temporary = (await adminPage.getByTestId('temporary-password').textContent())?.trim() ?? '';
  expect(temporary.length).toBeGreaterThanOrEqual(12);
  await expect(adminPage.locator(`[data-testid="user-row"][data-email="${email}"]`)).toContainText('Risk reviewer');

  // The same email again is refused with a message that names it.
  await adminPage.getByRole('button', { name: 'Done' }).click();
  await adminPage.getByRole('button', { name: 'Add person' }).click();
  await form.getByLabel('Name').fill('Nia Again');
  await form.getByLabel('Email').fill(email.toUpperCase());
  await form.getByRole('button', { name: 'Create person' }).click();
  await expect(form.getByRole('alert')).toContainText(`A user with the email ${email} already exists.`);

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(temporary);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('user-menu')).toContainText('Nia Newcomer');
  await context.close();
});

test('[ADMIN] disabling a person ends their session on their next request', async ({ signedInPage, createPerson }) => {
  const admin = await createPerson(['admin']);
  const person = await createPerson(['data_scientist'], 'Dee Departing');
  const personPage = await signedInPage(person);
  await personPage.goto('/');
  await expect(personPage.getByTestId('user-menu')).toContainText('Dee Departing');

  const adminPage = await signedInPage(admin);
  await adminPage.goto('/admin');
  const row = adminPage.locator(`[data-testid="user-row"][data-email="${person.email}"]`);
  await row.getByRole('button', { name: /^Disable/ }).click();
  await adminPage.getByRole('dialog').getByLabel('Reason').fill('Left the company');
  await adminPage.getByRole('dialog').getByRole('button', { name: 'Disable person' }).click();
  await expect(row.getByTestId('user-status')).toHaveText('Disabled');

  await personPage.goto('/models');
  await expect(personPage).toHaveURL(/\/sign-in/);
});

test('[ADMIN] admin sees a sign-in limit, clears it, and the person signs in at once; both are in the audit trail', async ({ page, signedInPage, createPerson }) => {
  const admin = await createPerson(['admin', 'auditor'], 'Ari Admin');
  const person = await createPerson(['ops'], 'Tia Typo');
  const alert = page.getByRole('alert').filter({ hasText: /\S/ });
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(person.email);
  for (let i = 0; i < 5; i++) {
    await page.getByLabel('Password').fill(`a wrong guess ${i}`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(alert).toContainText('Email or password is incorrect.');
  }
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(alert).toContainText(/Too many failed sign-in attempts/);

  const adminPage = await signedInPage(admin);
  await adminPage.goto('/admin');
  const limit = adminPage.locator(`[data-testid="sign-in-limit"][data-email="${person.email}"][data-scope="account_address"]`);
  await expect(limit).toBeVisible();
  await limit.getByRole('button', { name: `Clear the limit for ${person.email}` }).click();
  await expect(limit).toHaveCount(0);

  // The owner's next attempt goes through at once.
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('user-menu')).toBeVisible();

  // The failures, the wait and the clearing are all on the record.
  await adminPage.goto('/audit');
  for (const action of ['auth.sign_in_failed', 'auth.throttle_applied', 'auth.throttle_cleared'])
    await expect(adminPage.locator(`[data-testid="audit-row"][data-action="${action}"]`).first(), action).toBeVisible();
});

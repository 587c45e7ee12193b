import { expect, test } from './fixtures/app';

test('[AUTH] a person signs in with email and password and lands in their workspace', async ({ page, createPerson }) => {
  const person = await createPerson(['approver'], 'Grace Approver');
  await page.goto('/audit');
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('user-menu')).toContainText('Grace Approver');
});

// Next's route announcer is also role="alert"; the form's message is the one with text.
const formAlert = (page: import('@playwright/test').Page) => page.getByRole('alert').filter({ hasText: /\S/ });

test('[AUTH] a wrong password is refused, and repeated failures from one address make it wait, with a clear message', async ({ page, createPerson }) => {
  const person = await createPerson(['ops']);
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(person.email);
  for (let i = 0; i < 5; i++) {
    await page.getByLabel('Password').fill(`not the password ${i}`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(formAlert(page)).toContainText('Email or password is incorrect.');
  }
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // The guesser's address waits (even with the right password, which is not checked); the account is not locked for its owner elsewhere.
  await expect(formAlert(page)).toContainText(/Too many failed sign-in attempts for this account from your network address\. Try again in \d+ (seconds?|minutes?)\./);
  await expect(page).toHaveURL(/\/sign-in/);
});

test('[AUTH] signing out ends the session on the server', async ({ page, signedInPage, createPerson }) => {
  const person = await createPerson(['auditor']);
  const mine = await signedInPage(person);
  await mine.goto('/');
  const cookies = await mine.context().cookies();
  await mine.getByTestId('user-menu').click();
  await mine.getByRole('button', { name: 'Sign out' }).click();
  await expect(mine).toHaveURL(/\/sign-in/);
  // Replaying the old session cookie elsewhere gets nowhere: the server-side session is revoked.
  await page.context().addCookies(cookies);
  await page.goto('/audit');
  await expect(page).toHaveURL(/\/sign-in/);
});

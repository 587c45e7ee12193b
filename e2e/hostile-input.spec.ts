import { expect, test } from './fixtures/app';

// Addresses seen to make the app answer 500 or lead off-site; each now gets a 4xx or stays here.
const BAD_ADDRESSES = ['/models/%E0%A4%A', '/models/%25', '/api/v1/models/%25', '/api/v1/models/%E0%A4%A', '/api/v1/models/%FF/versions/1', '/api/v1/models/x/versions/1/files/model.json%00.txt', '/sign-in?callbackUrl=%0A'];

test('[SECURITY] malformed escapes, a % to decode twice and NUL in an address get a 4xx, never a 500', async ({ signedInPage, createPerson }) => {
  const page = await signedInPage(await createPerson(['data_scientist']));
  for (const address of BAD_ADDRESSES) {
    const res = await page.request.get(address, { maxRedirects: 0 });
    expect(res.status(), address).toBeLessThan(500);
  }
  expect((await page.request.get('/models/%E0%A4%A', { maxRedirects: 0 })).status()).toBe(400);
  // The machine API too, whatever the verb, with or without a key; a well-formed address still works.
  for (const method of ['GET', 'POST', 'DELETE'] as const) {
    const res = await page.request.fetch('/api/v1/models/%E0%A4%A/versions', { method, maxRedirects: 0, headers: { authorization: 'Bearer mg_not_a_key' }, data: method === 'POST' ? '{}' : undefined });
    expect(res.status(), method).toBe(400);
    expect(await res.text(), method).toMatch(/malformed percent-escape/);
  }
  expect((await page.request.get('/api/v1/models/No%20such%20model', { maxRedirects: 0 })).status()).toBe(404);
});

test('[AUTH] a callbackUrl with a tab, a newline or a backslash never leads off-site', async ({ page, signedInPage, createPerson }) => {
  test.setTimeout(180_000);
  const person = await createPerson(['auditor']);
  const mine = await signedInPage(person);
  for (const target of ['%2F%09%2Fevil.example%2Fphish', '%2F%5Cevil.example', '%2F%0A%2Fevil.example', '%2F%2Fevil.example', 'https%3A%2F%2Fevil.example']) {
    const res = await mine.request.get(`/sign-in?callbackUrl=${target}`, { maxRedirects: 0 });
    expect(res.status(), target).toBeLessThan(400);
    const location = res.headers().location ?? '';
    expect(location, target).not.toMatch(/evil|\t|\\/);
    await mine.goto(`/sign-in?callbackUrl=${target}`);
    expect(new URL(mine.url()).hostname, target).toBe('localhost');
  }
  // Through the sign-in form too.
  await page.goto('/sign-in?callbackUrl=%2F%09%2Fevil.example%2Fphish');
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('user-menu')).toBeVisible();
  expect(new URL(page.url()).hostname).toBe('localhost');
});

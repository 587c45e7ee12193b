import type { Role } from '../lib/roles';
import { expect, test } from './fixtures/app';

const EXPECTED: Record<Role, string[]> = {
  admin: ['Catalog', 'Approvals', 'Monitoring', 'Evaluate', 'Audit', 'Admin'],
  data_scientist: ['Catalog', 'Approvals', 'Monitoring', 'Evaluate'],
  approver: ['Catalog', 'Approvals', 'Evaluate'],
  risk_reviewer: ['Catalog', 'Approvals', 'Evaluate'],
  ops: ['Catalog', 'Approvals', 'Monitoring', 'Evaluate'],
  auditor: ['Catalog', 'Approvals', 'Monitoring', 'Evaluate', 'Audit'],
};

for (const [role, links] of Object.entries(EXPECTED) as [Role, string[]][]) {
  test(`[SHELL] ${role} sees the right navigation and roles`, async ({ signedInPage, createPerson }) => {
    const person = await createPerson([role]);
    const page = await signedInPage(person);
    await page.goto('/');
    const nav = page.getByRole('navigation', { name: 'Main' });
    // Approvals may carry a count of requests waiting for this person, so each link starts with its label.
    await expect(nav.getByRole('link')).toHaveText(links.map((label) => new RegExp(`^${label}(\\d+ waiting for your signature)?$`)));
    await page.getByTestId('user-menu').click();
    await expect(page.getByTestId('user-role')).toHaveCount(1);
  });
}

test('[SHELL] a page outside your roles says so, and the API refuses it too', async ({ signedInPage, createPerson, baseURL }) => {
  const person = await createPerson(['data_scientist']);
  const page = await signedInPage(person);
  await page.goto('/admin');
  await expect(page.getByRole('heading', { name: 'You do not have access' })).toBeVisible();
  await page.goto('/audit');
  await expect(page.getByRole('heading', { name: 'You do not have access' })).toBeVisible();
  const res = await page.request.post('/api/trpc/users.create', {
    data: { json: { email: 'sneaky@example.com', name: 'Sneaky', roles: ['admin'] } },
    headers: { 'content-type': 'application/json', origin: baseURL ?? '' },
  });
  expect(res.status()).toBe(403);
  const exported = await page.request.get('/api/audit/export?format=json');
  expect(exported.status()).toBe(403);
});

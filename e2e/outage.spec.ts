// A database outage as a person sees it: an app instance of the test's own on a Postgres server of
// the test's own, which the test stops and starts again. While it is down, a page says it is
// reconnecting (never the error page) and health answers 503; once it is back, the open page comes
// back by itself, without a reload.
import { startPrivatePostgres, type PrivatePostgres } from '../server/testing/private-postgres';
import { DEMO_ADMIN, expect, signInWith, test } from './fixtures/app';
import { startAppInstance, type AppInstance } from './fixtures/instance';

const PORT = Number(process.env.E2E_OUTAGE_PORT ?? (Number(process.env.E2E_PORT ?? 3100) + 5));
const ORIGIN = `http://localhost:${PORT}`;

test.describe('[OUTAGE] the database goes away and comes back', () => {
  let pg: PrivatePostgres | null = null;
  let app: AppInstance | null = null;

  test.beforeAll(async () => {
    test.setTimeout(300_000);
    const started = await startPrivatePostgres();
    test.skip('unavailable' in started, 'unavailable' in started ? started.unavailable : '');
    pg = started as PrivatePostgres;
    app = await startAppInstance(PORT, { DATABASE_URL: pg.url, MODELGATE_DEMO_PASSWORD: DEMO_ADMIN.password, MODELGATE_SIMULATE: '0' });
  });

  test.afterAll(async () => {
    await app?.stop();
    pg?.drop();
  });

  test('[OUTAGE] a page says it is reconnecting while the database is down and comes back by itself', async ({ browser }) => {
    test.setTimeout(180_000);
    const db = pg as PrivatePostgres;
    const context = await browser.newContext();
    await signInWith(context.request, DEMO_ADMIN.email, DEMO_ADMIN.password, ORIGIN);
    const page = await context.newPage();
    await page.goto(`${ORIGIN}/models`);
    await expect(page.getByRole('heading', { name: 'Catalog', exact: true })).toBeVisible();

    await db.stop();
    try {
      expect((await context.request.get(`${ORIGIN}/api/health`)).status()).toBe(503);
      // A page opened during the outage, and one whose data is reloaded: "reconnecting", not an error.
      const res = await page.goto(`${ORIGIN}/approvals`);
      expect(res?.status()).toBeLessThan(500);
      await expect(page.getByTestId('database-unavailable')).toBeVisible();
      await expect(page.getByRole('heading', { name: 'Reconnecting to the database…' })).toBeVisible();
      await expect(page.getByText('could not be loaded')).toHaveCount(0);
    } finally {
      await db.start();
    }
    // Back by itself: the page the person was on, with its content, and no error.
    await expect(page.getByRole('heading', { name: 'Approvals', exact: true })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('database-unavailable')).toHaveCount(0);
    expect(page.url()).toBe(`${ORIGIN}/approvals`);
    await context.close();
  });
});

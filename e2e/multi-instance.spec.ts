// Two app instances on one real Postgres (TEST_DATABASE_URL): they start together (migrations and
// demo seeding take turns), share sessions, and a change made through one appears live on a page
// served by the other (LISTEN/NOTIFY). The build is the one the main web server already made.
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { DEMO_ADMIN, expect, signInWith, test, trpcMutation } from './fixtures/app';
import { startAppInstance, type AppInstance } from './fixtures/instance';

const server = process.env.TEST_DATABASE_URL;
const PORTS = [3101, 3102] as const;

test.describe('[MULTI] two instances on one Postgres', () => {
  test.skip(!server, 'needs a real Postgres: set TEST_DATABASE_URL');
  const instances: AppInstance[] = [];
  let dbName = '';

  test.beforeAll(async () => {
    test.setTimeout(300_000);
    dbName = `modelgate_e2e_${randomBytes(4).toString('hex')}`;
    const admin = postgres(server ?? '', { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${dbName}`);
    await admin.end();
    const url = new URL(server ?? '');
    url.pathname = `/${dbName}`;
    // Started together, so that their migrations and demo seeding race as they would in production.
    const started = await Promise.allSettled(PORTS.map((port) => startAppInstance(port, { DATABASE_URL: url.toString(), MODELGATE_DEMO_PASSWORD: DEMO_ADMIN.password })));
    for (const s of started) if (s.status === 'fulfilled') instances.push(s.value);
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
  });

  test.afterAll(async () => {
    await Promise.all(instances.map((i) => i.stop()));
    const admin = postgres(server ?? '', { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  });

  test('[MULTI] sessions are shared and a change through one instance shows live on the other', async ({ browser }) => {
    const [a, b] = PORTS.map((p) => `http://localhost:${p}`) as [string, string];
    // Seeded once although both started at the same moment: the demo admin signs in on either.
    const context = await browser.newContext();
    await signInWith(context.request, DEMO_ADMIN.email, DEMO_ADMIN.password, a);
    const onB = await context.newPage();
    await onB.goto(`${b}/audit`);
    await expect(onB.getByRole('heading', { name: 'Audit trail' })).toBeVisible();
    await expect(onB.getByTestId('live-status')).toHaveAttribute('data-connected', 'true');
    const userCreated = onB.locator('[data-testid="audit-row"][data-action="user.created"]');
    await expect(userCreated).toHaveCount(6);

    const created = await trpcMutation<{ user: { id: string } }>(context.request, 'users.create', { email: `multi-${Date.now()}@e2e.modelgate.local`, name: 'Mia Multi', roles: ['ops'] }, a, `${a}/api/trpc/users.create`);
    await expect(userCreated.filter({ hasText: created.user.id.slice(0, 8) })).toBeVisible({ timeout: 5000 });
    await context.close();
  });
});

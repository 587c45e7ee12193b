// Two app instances on one real Postgres (TEST_DATABASE_URL): they start together (migrations and
// demo seeding take turns), share sessions, and a change made through one appears live on a page
// served by the other (LISTEN/NOTIFY). The build is the one the main web server already made.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { DEMO_ADMIN, expect, signInWith, test, trpcMutation } from './fixtures/app';

const server = process.env.TEST_DATABASE_URL;
const PORTS = [3101, 3102] as const;

test.describe('[MULTI] two instances on one Postgres', () => {
  test.skip(!server, 'needs a real Postgres: set TEST_DATABASE_URL');
  const children: ChildProcess[] = [];
  let dbName = '';

  test.beforeAll(async () => {
    test.setTimeout(300_000);
    dbName = `modelgate_e2e_${randomBytes(4).toString('hex')}`;
    const admin = postgres(server ?? '', { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${dbName}`);
    await admin.end();
    const url = new URL(server ?? '');
    url.pathname = `/${dbName}`;
    for (const port of PORTS) {
      const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', '--conditions=react-server', 'scripts/start.ts'], {
        env: { ...process.env, PORT: String(port), DATABASE_URL: url.toString(), MODELGATE_DEMO_PASSWORD: DEMO_ADMIN.password, NEXTAUTH_SECRET: '', NEXTAUTH_URL: '' },
        stdio: 'pipe',
      });
      child.stderr?.on('data', (c: Buffer) => process.stderr.write(`[${port}] ${c.toString()}`));
      children.push(child);
    }
    for (const port of PORTS) {
      await expect
        .poll(async () => (await fetch(`http://localhost:${port}/sign-in`).catch(() => null))?.status ?? 0, { timeout: 240_000, intervals: [500] })
        .toBe(200);
    }
  });

  test.afterAll(async () => {
    for (const child of children) child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 2000));
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

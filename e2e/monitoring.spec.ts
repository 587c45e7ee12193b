// Monitoring end to end: a deployment of the demo credit model gets traffic from the real
// simulator (`scripts/simulate.ts`) through the public ingestion API; the charts, the drift report
// and the alert follow live on an ops page that is never reloaded; ops works the alert; an
// auditor reads the steps in the trail.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { expect, test, trpcMutation } from './fixtures/app';

const CREDIT = 'Credit default risk';

function startSimulator(baseURL: string, key: string, args: string[]): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=react-server', 'scripts/simulate.ts', '--url', baseURL, '--model', CREDIT, '--version', '2', '--seed', 'e2e', '--report-every', '5', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, MODELGATE_INGESTION_KEY: key },
  });
  child.stdout?.on('data', (chunk: Buffer) => process.stdout.write(`[simulate] ${chunk.toString()}`));
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`[simulate] ${chunk.toString()}`));
  return child;
}

test('[MONITORING] ops watch drift arrive live, work the alert to resolved, and an auditor sees every step', async ({ signedInPage, createPerson, baseURL }) => {
  test.setTimeout(240_000);
  const ops = await createPerson(['ops'], 'Oli Ops');
  const auditor = await createPerson(['auditor'], 'Ari Auditor');
  const opsPage = await signedInPage(ops);
  const base = baseURL ?? '';

  // A deployment of credit's production alias (v2), made from the overview page's dialog.
  await opsPage.goto('/monitoring');
  await expect(opsPage.locator('[data-testid="deployment-row"]').first()).toBeVisible();
  const environment = `e2e-${randomUUID().slice(0, 6)}`;
  await opsPage.getByRole('button', { name: 'New deployment' }).click();
  const dialog = opsPage.getByRole('dialog', { name: 'New deployment' });
  await dialog.getByLabel('Model').selectOption({ label: CREDIT });
  await dialog.getByLabel('Environment').fill(environment);
  await expect(dialog).toContainText('“production” points at v2 now.');
  await dialog.getByRole('button', { name: 'Create deployment' }).click();
  await opsPage.waitForURL(/\/monitoring\/[0-9a-f-]{36}$/);
  const deploymentId = opsPage.url().split('/').pop() ?? '';
  await expect(opsPage.getByRole('heading', { name: `${CREDIT} · ${environment}` })).toBeVisible();
  await expect(opsPage.getByTestId('serving-version')).toHaveText('Serving v2');
  await expect(opsPage.getByTestId('stat-events')).toHaveText('0');

  // A write key for the simulator (the key itself is shown once; the API hands it to us here).
  const { key } = await trpcMutation<{ key: string }>(opsPage.request, 'monitoring.createKey', { deploymentId, name: 'e2e simulator', scopes: ['write'] }, base);
  // Debt-to-income up by half from the first event: far past the Wasserstein threshold.
  const simulator = startSimulator(base, key, ['--rate', '40', '--batch', '40', '--duration', '150', '--latency-ms', '25', '--scale', 'debt_to_income=1.5']);
  try {
    // Events counted live: the overview's total climbs without a reload.
    await expect.poll(async () => Number((await opsPage.getByTestId('stat-events').textContent())?.replace(/\D/g, '') ?? 0), { timeout: 30_000 }).toBeGreaterThan(50);
    // The canvas charts draw the events, and redraw in place as more arrive (setData, no new chart).
    const traffic = opsPage.getByTestId('traffic-chart');
    await expect(traffic.getByRole('img', { name: /Prediction events per/ })).toBeVisible();
    await expect.poll(async () => Number(await traffic.getAttribute('data-points')), { timeout: 15_000 }).toBeGreaterThan(0);
    await traffic.locator('canvas').evaluate((canvas) => canvas.setAttribute('data-e2e-first', ''));
    const draws = Number(await traffic.getAttribute('data-draws'));
    await expect.poll(async () => Number(await traffic.getAttribute('data-draws')), { timeout: 15_000 }).toBeGreaterThan(draws);
    await expect(traffic.locator('canvas[data-e2e-first]')).toHaveCount(1);
    // Full detail: one bucket a minute over the default 24 hours, on every chart.
    await opsPage.getByRole('group', { name: 'Chart detail' }).getByRole('button', { name: 'Full' }).click();
    await expect(opsPage).toHaveURL(/detail=full/);
    for (const chart of ['traffic-chart', 'latency-chart', 'predictions-chart']) await expect(opsPage.getByTestId(chart)).toHaveAttribute('data-buckets', '1440');

    // The drift tab: the report and the heat-map flag debt_to_income as the events come in.
    await opsPage.getByRole('tab', { name: 'Drift' }).click();
    const row = opsPage.locator('[data-testid="drift-row"][data-feature="debt_to_income"]');
    await expect(row).toHaveAttribute('data-drifted', 'true', { timeout: 30_000 });
    await expect(row).toContainText('wasserstein');
    await expect(opsPage.locator('[data-testid="heatmap-row"][data-feature="debt_to_income"]')).not.toHaveAttribute('data-drifted-buckets', '0');

    // The alert worker (every 30 s) opens the feature drift alert; the Alerts tab counts it live.
    await expect(opsPage.getByTestId('unresolved-count')).toBeVisible({ timeout: 75_000 });
    await opsPage.getByRole('tab', { name: /Alerts/ }).click();
    const alertRow = opsPage.locator('[data-testid="alert-row"][data-kind="feature_drift"]').filter({ hasText: 'debt_to_income' });
    await expect(alertRow).toHaveAttribute('data-state', 'open');
    await alertRow.getByRole('link').first().click();
  } finally {
    simulator.kill('SIGTERM');
  }

  // The alert page: what fired, the version and its release; acknowledge, then resolve with a note.
  await opsPage.waitForURL(/\/monitoring\/alerts\/[0-9a-f-]{36}$/);
  const alertId = opsPage.url().split('/').pop() ?? '';
  await expect(opsPage.getByTestId('alert-version-link')).toContainText('v2');
  await expect(opsPage.getByTestId('alert-release-link')).toBeVisible();
  const actions = opsPage.getByTestId('alert-actions');
  await actions.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(opsPage.getByTestId('alert-summary')).toContainText(/acknowledged/i);
  await actions.getByRole('button', { name: 'Resolve…' }).click();
  const resolve = opsPage.getByRole('dialog');
  await resolve.getByLabel('Resolution note').fill('Upstream income feed sent monthly figures; fixed at the source.');
  await resolve.getByRole('button', { name: 'Resolve alert' }).click();
  await expect(opsPage.getByTestId('alert-summary')).toContainText(/resolved/i);
  const timeline = opsPage.getByTestId('alert-timeline');
  await expect(timeline.locator('[data-kind="acknowledged"]')).toBeVisible();
  await expect(timeline.locator('[data-kind="resolved"]')).toContainText('fixed at the source');

  // The auditor reads the alert's steps in the trail, with who did them.
  const auditorPage = await signedInPage(auditor);
  await auditorPage.goto(`/audit?entityId=${alertId}`);
  const events = auditorPage.getByTestId('audit-row');
  await expect(auditorPage.locator('[data-testid="audit-row"][data-action="alert.opened"]')).toHaveCount(1);
  await expect(auditorPage.locator('[data-testid="audit-row"][data-action="alert.acknowledged"]')).toContainText('Oli Ops');
  const resolvedRow = auditorPage.locator('[data-testid="audit-row"][data-action="alert.resolved"]');
  await expect(resolvedRow).toContainText('Oli Ops');
  await resolvedRow.click();
  await expect(auditorPage.getByTestId('audit-detail')).toContainText('fixed at the source');
  await expect(events.first()).toHaveAttribute('data-action', 'alert.resolved');
});

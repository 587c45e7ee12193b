// In-browser evaluation throughput, in headless Chromium on this machine, per TF.js backend:
// end-to-end rows/s (stream-parse + preprocess + predict + metrics) for a large local CSV of the
// demo credit classifier, next to the rows/s of model.predict alone in the same run (the worker's
// inference time), and the peak memory of Chromium while it runs, for two file sizes.
// Usage: npm run bench:evaluate [-- --rows 1000000] [-- --backends wasm,webgpu,webgl,cpu]
import { execSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const ROWS = Number(arg('rows', '1000000'));
const BACKENDS = arg('backends', 'wasm,webgpu,webgl').split(',');
const PORT = 3196;
const origin = `http://localhost:${PORT}`;
const PASSWORD = 'bench-password-2026';

function csvOf(rows: number, dir: string) {
  const [header, ...body] = readFileSync(path.join('scripts', 'demo', 'output', 'credit-default-risk', 'v3', 'reference.csv'), 'utf8').trim().split('\n');
  const file = path.join(dir, `credit-${rows}.csv`);
  const lines = [header];
  for (let i = 0; i < rows; i++) lines.push(body[i % body.length] ?? '');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** Resident memory of every Chromium process (the page's renderer holds the worker). */
function chromiumRssMb(): number {
  try {
    const out = execSync("ps -C chromium -o rss= 2>/dev/null || ps -C chrome -o rss=", { encoding: 'utf8' });
    return out.split('\n').filter(Boolean).reduce((a, b) => a + Number(b), 0) / 1024;
  } catch {
    return Number.NaN;
  }
}

const dir = mkdtempSync(path.join(tmpdir(), 'modelgate-eval-bench-'));
const app = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', '--conditions=react-server', 'scripts/start.ts'], {
  env: { ...process.env, PORT: String(PORT), MODELGATE_DATA_DIR: path.join(dir, 'data'), MODELGATE_DEMO_PASSWORD: PASSWORD, DATABASE_URL: '' },
  stdio: 'ignore',
  detached: true,
});
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--enable-unsafe-webgpu', '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  for (let i = 0; !(await fetch(`${origin}/sign-in`).catch(() => null))?.ok; i++) {
    if (i > 600) throw new Error('app did not start');
    await new Promise((r) => setTimeout(r, 500));
  }
  const page = await browser.newPage();
  await page.goto(`${origin}/sign-in`);
  await page.getByLabel('Email').fill('scientist@modelgate.local');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${origin}/`);

  const sizes = [Math.round(ROWS / 4), ROWS];
  const files = Object.fromEntries(sizes.map((n) => [n, csvOf(n, dir)]));
  console.log(`demo credit classifier v3 (10 features -> 23 inputs), local CSV, headless Chromium ${browser.version()}`);
  for (const backend of BACKENDS) {
    for (const rows of sizes) {
      await page.goto(`${origin}/evaluate?model=Credit%20default%20risk&version=3`);
      await page.getByTestId('live-status').and(page.locator('[data-connected="true"]')).waitFor();
      await page.getByLabel('Local file').check();
      await page.getByLabel('Local CSV file').setInputFiles(files[rows] ?? '');
      await page.getByLabel('Backend').selectOption(backend);
      const baseline = chromiumRssMb();
      let peak = baseline;
      const sampler = setInterval(() => (peak = Math.max(peak, chromiumRssMb())), 250);
      await page.getByRole('button', { name: 'Run evaluation' }).click();
      const outcome = await Promise.race([
        page.getByTestId('eval-results').waitFor({ timeout: 900_000 }).then(() => 'done'),
        page.getByRole('alert').filter({ hasText: 'The evaluation stopped' }).waitFor({ timeout: 900_000 }).then(() => 'error'),
      ]);
      clearInterval(sampler);
      if (outcome === 'error') {
        console.log(`  ${backend.padEnd(7)} ${rows.toLocaleString('en').padStart(9)} rows: ${await page.getByRole('alert').first().textContent()}`);
        continue;
      }
      const timings = await page.getByTestId('eval-timings').locator('dd').allTextContents();
      const ms = (t: string | undefined) => (t?.endsWith(' s') ? Number.parseFloat(t) * 1000 : Number.parseFloat((t ?? '').replace(/,/g, '')));
      const [, inference, total] = timings.map(ms);
      const ran = await page.getByTestId('eval-backend').getAttribute('data-backend');
      const endToEnd = rows / ((total ?? NaN) / 1000);
      const bare = rows / ((inference ?? NaN) / 1000);
      console.log(
        `  ${String(ran).padEnd(7)} ${rows.toLocaleString('en').padStart(9)} rows: end-to-end ${Math.round(endToEnd).toLocaleString('en')} rows/s, model.predict alone ${Math.round(bare).toLocaleString('en')} rows/s (${((endToEnd / bare) * 100).toFixed(0)}%), Chromium RSS ${Math.round(baseline)} -> peak ${Math.round(peak)} MB`,
      );
    }
  }
} finally {
  await browser.close();
  if (app.pid) process.kill(-app.pid, 'SIGTERM');
  await new Promise((r) => setTimeout(r, 1500));
  rmSync(dir, { recursive: true, force: true });
}

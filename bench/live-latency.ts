// Time from an ingestion 2xx to the chart updating in an open browser. Starts the app with
// `npm start` on its own fresh database (real Postgres from BENCH_DATABASE_URL, default the local
// server; BENCH_EMBEDDED=1 for the embedded one), opens an ops user's deployment page in Chromium,
// then posts one event at a time and measures, on the same clock, from the 2xx to the moment the
// page shows the new event count (the live bus -> SSE -> query refetch -> render path).
// Usage: npm run bench:live   (BENCH_SAMPLES, default 60; BENCH_PORT, default 3210)
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { chromium } from '@playwright/test';
import postgres from 'postgres';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 60);
const PORT = Number(process.env.BENCH_PORT ?? 3210);
const EMBEDDED = process.env.BENCH_EMBEDDED === '1';
const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PASSWORD = 'bench-live-password-2026';
const URL_BASE = `http://localhost:${PORT}`;
const DATA_DIR = `.data/bench-live-${PORT}`;

const name = `modelgate_bench_${randomBytes(4).toString('hex')}`;
const admin = EMBEDDED ? null : postgres(base, { max: 1, onnotice: () => {} });
let databaseUrl = '';
if (admin) {
  await admin.unsafe(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  databaseUrl = url.toString();
}
rmSync(DATA_DIR, { recursive: true, force: true });

const app = spawn('npm', ['start'], {
  env: { ...process.env, PORT: String(PORT), DATABASE_URL: databaseUrl, MODELGATE_DATA_DIR: DATA_DIR, MODELGATE_DEMO_PASSWORD: PASSWORD, MODELGATE_SIMULATE: '0', NEXTAUTH_SECRET: databaseUrl ? randomBytes(32).toString('base64') : '' },
  stdio: ['ignore', 'pipe', 'inherit'],
  detached: true,
});
const ready = new Promise<void>((resolve, reject) => {
  app.stdout?.on('data', (chunk: Buffer) => {
    if (/Modelgate is ready/.test(chunk.toString())) resolve();
  });
  app.on('exit', (code) => reject(new Error(`npm start exited with ${code}`)));
});

const bundled = (() => {
  try {
    return chromium.executablePath();
  } catch {
    return '';
  }
})();
const executablePath = process.env.CHROMIUM_PATH ?? (bundled && existsSync(bundled) ? undefined : '/usr/bin/chromium');
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });

async function trpc<T>(request: import('@playwright/test').APIRequestContext, path: string, input: unknown): Promise<T> {
  const res = await request.post(`/api/trpc/${path}`, { data: { json: input }, headers: { 'content-type': 'application/json', origin: URL_BASE } });
  const body = (await res.json()) as { result?: { data?: { json?: T } }; error?: unknown };
  if (!res.ok()) throw new Error(`${path}: ${res.status()} ${JSON.stringify(body.error)}`);
  return body.result?.data?.json as T;
}

async function trpcQuery<T>(request: import('@playwright/test').APIRequestContext, path: string, input: unknown): Promise<T> {
  const res = await request.get(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`);
  const body = (await res.json()) as { result?: { data?: { json?: T } }; error?: unknown };
  if (!res.ok()) throw new Error(`${path}: ${res.status()} ${JSON.stringify(body.error)}`);
  return body.result?.data?.json as T;
}

try {
  await ready;
  const context = await browser.newContext({ baseURL: URL_BASE });
  const { csrfToken } = (await (await context.request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  await context.request.post('/api/auth/callback/credentials', { form: { csrfToken, email: 'ops@modelgate.local', password: PASSWORD, json: 'true', callbackUrl: '/' }, maxRedirects: 0 });

  const models = await trpcQuery<{ items: { id: string; name: string }[] }>(context.request, 'catalog.list', { q: 'Credit default risk' });
  const credit = models.items.find((m) => m.name === 'Credit default risk');
  if (!credit) throw new Error('no demo credit model');
  const deployment = await trpc<{ id: string }>(context.request, 'monitoring.createDeployment', { modelId: credit.id, environment: `bench-${randomBytes(3).toString('hex')}` });
  const { key } = await trpc<{ key: string }>(context.request, 'monitoring.createKey', { deploymentId: deployment.id, name: 'bench', scopes: ['write'] });

  // One reference row of credit v2 as the event's features.
  const [header, first] = readFileSync('scripts/demo/output/credit-default-risk/v2/reference.csv', 'utf8').split('\n');
  const columns = (header ?? '').split(',');
  const values = (first ?? '').split(',');
  const features = Object.fromEntries(columns.slice(0, -1).map((c, i) => [c, Number.isNaN(Number(values[i])) ? values[i] : Number(values[i])]));

  const page = await context.newPage();
  await page.goto(`/monitoring/${deployment.id}?range=1h`);
  await page.getByTestId('live-status').and(page.locator('[data-connected="true"]')).waitFor({ timeout: 30_000 });
  await page.getByTestId('stat-events').waitFor();

  const latencies: number[] = [];
  for (let i = 1; i <= SAMPLES; i++) {
    // Resolves with the page's clock when the count shows i (the same machine's clock as ours).
    // A string, not a function: tsx would wrap a function's inner arrows in its __name helper.
    const seen = page.evaluate<number>(`new Promise((resolve) => {
      const check = () => {
        const el = document.querySelector('[data-testid="stat-events"]');
        if (el && Number((el.textContent || '').replace(/\\D/g, '')) >= ${i}) { resolve(Date.now()); return true; }
        return false;
      };
      if (check()) return;
      const observer = new MutationObserver(() => { if (check()) observer.disconnect(); });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    })`);
    await page.waitForTimeout(20); // the observer is in place
    const res = await fetch(`${URL_BASE}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ events: [{ event_id: `live-${i}`, timestamp: new Date().toISOString(), features, prediction: 'no', probabilities: [0.8, 0.2], latency_ms: 20 }] }),
    });
    const acked = Date.now();
    const body = (await res.json()) as { accepted?: number };
    if (!res.ok || body.accepted !== 1) throw new Error(`ingestion ${res.status}: ${JSON.stringify(body)}`);
    latencies.push((await seen) - acked);
    // Irregular gaps, so samples fall anywhere in the page's 500 ms refresh throttle.
    await page.waitForTimeout(150 + Math.floor(Math.random() * 900));
  }
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)] ?? NaN;
  console.log(`event 2xx -> chart updated in the browser (${EMBEDDED ? 'embedded PGlite' : 'real Postgres, LISTEN/NOTIFY'}), ${SAMPLES} events`);
  console.log(`  p50 ${q(0.5)} ms   p95 ${q(0.95)} ms   max ${latencies.at(-1)} ms   (target p95 <= 1000 ms)`);
  await context.close();
} finally {
  await browser.close();
  if (app.pid) process.kill(-app.pid, 'SIGTERM');
  await new Promise((r) => setTimeout(r, 2000));
  if (admin) {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
  rmSync(DATA_DIR, { recursive: true, force: true });
}

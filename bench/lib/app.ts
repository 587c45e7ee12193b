// Shared by the browser benchmarks: start `npm start` on a fresh database (real Postgres from
// BENCH_DATABASE_URL, default the local server, or the embedded one with BENCH_EMBEDDED=1), launch
// headless Chromium, sign people in and call tRPC the way the browser does.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { chromium, type APIRequestContext, type Browser } from '@playwright/test';
import postgres from 'postgres';

export const DEMO_PASSWORD = 'bench-demo-password-2026';

export type BenchApp = { url: string; embedded: boolean; browser: Browser; stop: () => Promise<void> };

export async function startBenchApp(port: number): Promise<BenchApp> {
  const embedded = process.env.BENCH_EMBEDDED === '1';
  const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `modelgate_bench_${randomBytes(4).toString('hex')}`;
  const dataDir = `.data/bench-${port}`;
  const admin = embedded ? null : postgres(base, { max: 1, onnotice: () => {} });
  let databaseUrl = '';
  if (admin) {
    await admin.unsafe(`create database ${name}`);
    const u = new URL(base);
    u.pathname = `/${name}`;
    databaseUrl = u.toString();
  }
  rmSync(dataDir, { recursive: true, force: true });
  const app: ChildProcess = spawn('npm', ['start'], {
    env: { ...process.env, PORT: String(port), DATABASE_URL: databaseUrl, MODELGATE_DATA_DIR: dataDir, MODELGATE_DEMO_PASSWORD: DEMO_PASSWORD, MODELGATE_SIMULATE: '0', NEXTAUTH_SECRET: databaseUrl ? randomBytes(32).toString('base64') : '' },
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  await new Promise<void>((resolve, reject) => {
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
  return {
    url: `http://localhost:${port}`,
    embedded,
    browser,
    stop: async () => {
      await browser.close().catch(() => {});
      if (app.pid) process.kill(-app.pid, 'SIGTERM');
      await new Promise((r) => setTimeout(r, 2000));
      if (admin) {
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function signIn(request: APIRequestContext, email: string, password = DEMO_PASSWORD) {
  const { csrfToken } = (await (await request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  await request.post('/api/auth/callback/credentials', { form: { csrfToken, email, password, json: 'true', callbackUrl: '/' }, maxRedirects: 0 });
}

export async function trpcMutation<T>(request: APIRequestContext, origin: string, path: string, input: unknown): Promise<T> {
  const res = await request.post(`/api/trpc/${path}`, { data: { json: input }, headers: { 'content-type': 'application/json', origin } });
  const body = (await res.json()) as { result?: { data?: { json?: T } }; error?: unknown };
  if (!res.ok()) throw new Error(`${path}: ${res.status()} ${JSON.stringify(body.error)}`);
  return body.result?.data?.json as T;
}

export async function trpcQuery<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const res = await request.get(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`);
  const body = (await res.json()) as { result?: { data?: { json?: T } }; error?: unknown };
  if (!res.ok()) throw new Error(`${path}: ${res.status()} ${JSON.stringify(body.error)}`);
  return body.result?.data?.json as T;
}

export const quantile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN;

/** A demo credit deployment with a write key, created as the demo ops user. */
export async function creditDeployment(request: APIRequestContext, origin: string) {
  const models = await trpcQuery<{ items: { id: string; name: string }[] }>(request, 'catalog.list', { q: 'Credit default risk' });
  const credit = models.items.find((m) => m.name === 'Credit default risk');
  if (!credit) throw new Error('no demo credit model');
  const deployment = await trpcMutation<{ id: string }>(request, origin, 'monitoring.createDeployment', { modelId: credit.id, environment: `bench-${randomBytes(3).toString('hex')}` });
  const { key } = await trpcMutation<{ key: string }>(request, origin, 'monitoring.createKey', { deploymentId: deployment.id, name: 'bench', scopes: ['write'] });
  return { deploymentId: deployment.id, key };
}

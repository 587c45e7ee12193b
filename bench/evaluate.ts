// In-browser evaluation throughput, in headless Chromium on this machine, per TF.js backend:
// end-to-end rows/s of the Evaluate page (stream-parse + preprocess in its parse worker, predict +
// metrics + SHA-256 in its evaluation worker, side by side) on a large local CSV of the demo credit
// classifier, next to bare model.predict on pre-built input tensors
// (bench/predict-worker.ts: same browser, backend, model files and batch size, warm-up excluded),
// and the peak memory of Chromium while it runs, for two file sizes.
// The ONNX rows run the demo's ONNX versions of the same classifier (v4 gradient-boosted trees, v5
// MLP) on ONNX Runtime Web, end to end next to bare session.run, on WASM and WebGPU; on WASM, bare
// session.run also on one thread, for the ratio of the page's threads (cross-origin isolated) to one.
// Usage: npm run bench:evaluate [-- --rows 1000000] [-- --backends wasm,webgl,cpu,webgpu]
//   [-- --rows-webgpu 100000] (SwiftShader's WebGPU is slow; other backends use --rows)
import { execSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { build } from 'esbuild';
import type { Backend } from '@/lib/evaluation/backends';
import type { EvaluationSchema } from '@/lib/evaluation/plan';
import { DEFAULT_BATCH_SIZE } from '@/lib/evaluation/worker/protocol';
import type { PredictBenchRequest, PredictBenchResult } from './predict-worker';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const ROWS = Number(arg('rows', '1000000'));
const ROWS_WEBGPU = Number(arg('rows-webgpu', String(Math.min(ROWS, 100_000))));
const BACKENDS = arg('backends', 'wasm,webgl,cpu,webgpu').split(',') as Backend[];
const PORT = 3196;
const origin = `http://localhost:${PORT}`;
const PASSWORD = 'bench-password-2026';
const WORKER_PATH = '/__bench/predict-worker.js';
// The CSP and embedder policy next.config.ts give /_next/static, where the evaluation worker's script
// lives (a worker without COEP would not start inside the cross-origin isolated page).
const WORKER_COEP = 'require-corp';
const WORKER_CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; worker-src 'self' blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function csvOf(rows: number, dir: string) {
  const [header, ...body] = readFileSync(path.join('scripts', 'demo', 'output', 'credit-default-risk', 'v3', 'reference.csv'), 'utf8').trim().split('\n');
  const file = path.join(dir, `credit-${rows}.csv`);
  const lines = [header];
  for (let i = 0; i < rows; i++) lines.push(body[i % body.length] ?? '');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** Resident memory of this benchmark's Chromium (every process under this one; the page's renderer holds the worker). */
function chromiumRssMb(): number {
  try {
    const rows = execSync('ps -e -o pid=,ppid=,rss=,comm=', { encoding: 'utf8' })
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter((f) => f.length >= 4)
      .map(([pid, ppid, rss, comm]) => ({ pid: Number(pid), ppid: Number(ppid), rss: Number(rss), comm: comm ?? '' }));
    const ours = new Set([process.pid]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const p of rows) if (!ours.has(p.pid) && ours.has(p.ppid)) (ours.add(p.pid), (grew = true));
    }
    return rows.filter((p) => ours.has(p.pid) && /chrom/.test(p.comm)).reduce((a, p) => a + p.rss, 0) / 1024;
  } catch {
    return Number.NaN;
  }
}

const fmt = (n: number) => Math.round(n).toLocaleString('en');

/** Bare predict in a fresh worker on the page's origin; the page's session cookie authenticates the downloads. */
async function barePredict(page: Page, request: PredictBenchRequest): Promise<PredictBenchResult> {
  // A string, not a function: tsx would inject helpers the page does not have.
  const script = `new Promise((resolve, reject) => {
    const w = new Worker(${JSON.stringify(WORKER_PATH)}, { type: 'module', name: 'predict-bench' });
    w.onmessage = (e) => { w.terminate(); e.data.type === 'result' ? resolve(e.data.result) : reject(new Error(e.data.message)); };
    w.onerror = (e) => { w.terminate(); reject(new Error('predict worker failed: ' + (e.message || 'it could not start'))); };
    w.postMessage(${JSON.stringify(request)});
  })`;
  return (await page.evaluate(script)) as PredictBenchResult;
}

const dir = mkdtempSync(path.join(tmpdir(), 'modelgate-eval-bench-'));
const bundle = await build({
  entryPoints: [path.join('bench', 'predict-worker.ts')],
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  write: false,
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
});
const workerJs = bundle.outputFiles[0]?.text ?? '';

const app = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', '--conditions=react-server', 'scripts/start.ts'], {
  env: { ...process.env, PORT: String(PORT), MODELGATE_DATA_DIR: path.join(dir, 'data'), MODELGATE_DEMO_PASSWORD: PASSWORD, DATABASE_URL: '', MODELGATE_SIMULATE: '0' },
  stdio: 'ignore',
  detached: true,
});
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--enable-unsafe-webgpu', '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  for (let i = 0; !(await fetch(`${origin}/sign-in`).catch(() => null))?.ok; i++) {
    if (i > 1200) throw new Error('app did not start');
    await new Promise((r) => setTimeout(r, 500));
  }
  const context = await browser.newContext();
  await context.route(`${origin}${WORKER_PATH}`, (route) =>
    route.fulfill({ status: 200, body: workerJs, headers: { 'content-type': 'text/javascript; charset=utf-8', 'content-security-policy': WORKER_CSP, 'cross-origin-embedder-policy': WORKER_COEP } }),
  );
  const page = await context.newPage();
  await page.goto(`${origin}/sign-in`);
  await page.getByLabel('Email').fill('scientist@modelgate.local');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${origin}/`);


  const sizesFor = (backend: Backend) => {
    const rows = backend === 'webgpu' ? ROWS_WEBGPU : ROWS;
    return [Math.round(rows / 4), rows];
  };
  const files_: Record<number, string> = {};
  const fileOf = (rows: number) => (files_[rows] ??= csvOf(rows, dir));
  async function measure(number: number, format: string, backends: Backend[]) {
    const version = (await (await page.request.get(`${origin}/api/v1/models/Credit%20default%20risk/versions/${number}`)).json()) as EvaluationSchema & {
      model: { id: string };
      version: number;
      files: { name: string; sha256: string }[];
      artifactInfo?: { operators?: string[] } | null;
    };
    const base = `/api/v1/models/${encodeURIComponent(version.model.id)}/versions/${version.version}`;
    const files = version.files.map((f) => ({ name: f.name, sha256: f.sha256, url: `${base}/files/${encodeURIComponent(f.name)}` }));
    const schema = { inputSchema: version.inputSchema, outputSchema: version.outputSchema, preprocessing: version.preprocessing };
    for (const backend of backends) {
      const sizes = sizesFor(backend);
      const rows = sizes[1] ?? ROWS;
      await page.goto(`${origin}/evaluate?model=Credit%20default%20risk&version=${number}`);
      await page.getByTestId('live-status').and(page.locator('[data-connected="true"]')).waitFor();
      let bare: PredictBenchResult | null = null;
      try {
        bare = await barePredict(page, { backend, files, schema, referenceUrl: `${base}/reference-dataset`, batchSize: DEFAULT_BATCH_SIZE, rows, warmupBatches: 20, pool: 8, format, operators: version.artifactInfo?.operators ?? [] });
      } catch (e) {
        console.log(`  ${backend.padEnd(7)} bare predict failed: ${e instanceof Error ? e.message : String(e)}`);
      }
      const bareRate = bare ? bare.timedRows / (bare.predictMs / 1000) : Number.NaN;
      // ONNX Runtime's WASM on one thread, in a fresh worker, right after the page's thread count.
      if (format === 'onnx' && backend === 'wasm' && bare && (bare.wasm?.threads ?? 1) > 1) {
        const request = { backend, files, schema, referenceUrl: `${base}/reference-dataset`, batchSize: DEFAULT_BATCH_SIZE, rows, warmupBatches: 20, pool: 8, format, operators: version.artifactInfo?.operators ?? [] };
        const one = await barePredict(page, { ...request, threads: 1 }).catch(() => null);
        const oneRate = one ? one.timedRows / (one.predictMs / 1000) : Number.NaN;
        console.log(`  wasm    bare session.run on 1 thread: ${fmt(oneRate)} rows/s; ${bare.wasm?.threads} threads / 1 thread = ${(bareRate / oneRate).toFixed(2)}x`);
      }
      if (bare) {
        const wasm = bare.wasm ? ` (SIMD ${bare.wasm.simd ? 'on' : 'off'}, ${bare.wasm.threads} thread${bare.wasm.threads === 1 ? '' : 's'})` : '';
        console.log(
          format === 'onnx'
            ? `  ${bare.backend.padEnd(7)} bare session.run on pre-built tensors, ${fmt(bare.timedRows)} rows in ${bare.batches} batches: ${fmt(bareRate)} rows/s${wasm}`
            : `  ${bare.backend.padEnd(7)} bare model.predict + data() on pre-built tensors, ${fmt(bare.timedRows)} rows in ${bare.batches} batches: ${fmt(bareRate)} rows/s${wasm}; with tf.tensor2d per batch ${fmt(bare.timedRows / (bare.withTensorMs / 1000))} rows/s`,
        );
      }
      for (const n of sizes) {
        await page.goto(`${origin}/evaluate?model=Credit%20default%20risk&version=${number}`);
        await page.getByTestId('live-status').and(page.locator('[data-connected="true"]')).waitFor();
        await page.getByTestId('evaluate-view').and(page.locator('[data-hydrated="true"]')).waitFor();
        await page.getByLabel('Local file').check();
        await page.getByLabel('Local CSV file').setInputFiles(fileOf(n));
        await page.getByLabel('Backend').selectOption(backend);
        // One model: the page compares with the production version by default, which reads the file twice.
        await page.getByLabel('Compare with').selectOption('');
        const baseline = chromiumRssMb();
        let peak = baseline;
        const sampler = setInterval(() => (peak = Math.max(peak, chromiumRssMb())), 250);
        const clicked = performance.now();
        await page.getByRole('button', { name: 'Run evaluation' }).click();
        const outcome = await Promise.race([
          page.getByTestId('eval-results').waitFor({ timeout: 1_800_000 }).then(() => 'done'),
          page.getByRole('alert').filter({ hasText: 'The evaluation stopped' }).waitFor({ timeout: 1_800_000 }).then(() => 'error'),
        ]);
        const wallMs = performance.now() - clicked;
        clearInterval(sampler);
        if (outcome === 'error') {
          console.log(`  ${backend.padEnd(7)} ${fmt(n).padStart(9)} rows: ${await page.getByRole('alert').first().textContent()}`);
          continue;
        }
        const timings = await page.getByTestId('eval-timings').locator('dd').allTextContents();
        const ms = (t: string | undefined) => (t?.endsWith(' s') ? Number.parseFloat(t) * 1000 : Number.parseFloat((t ?? '').replace(/,/g, '')));
        const [load = NaN, inference = NaN, total = NaN] = timings.map(ms);
        const ran = await page.getByTestId('eval-backend').getAttribute('data-backend');
        // The streaming pass: from the dataset's first byte to the last batch's metrics (the worker's total less backend set-up and model download).
        const pass = n / ((total - load) / 1000);
        console.log(
          `  ${String(ran).padEnd(7)} ${fmt(n).padStart(9)} rows: end to end ${fmt(pass)} rows/s (${bare ? `${((pass / bareRate) * 100).toFixed(0)}% of bare predict` : 'no bare figure'}); click to results ${fmt(n / (wallMs / 1000))} rows/s (${(wallMs / 1000).toFixed(1)} s, model load ${fmt(load)} ms); predict inside the run ${fmt(n / (inference / 1000))} rows/s; Chromium RSS ${fmt(baseline)} -> peak ${fmt(peak)} MB (+${fmt(peak - baseline)})`,
        );
      }
    }
  }

  console.log(`demo credit classifier v3 (10 columns -> 27 inputs, dense 32-16-1), local CSV, batches of ${DEFAULT_BATCH_SIZE}, headless Chromium ${browser.version()}`);
  await measure(3, 'tfjs', BACKENDS);
  const onnxBackends = BACKENDS.filter((b) => b === 'wasm' || b === 'webgpu');
  console.log('ONNX, demo credit v4: gradient-boosted trees (60 trees, depth 3; ai.onnx.ml TreeEnsembleRegressor, on WASM even under WebGPU), ONNX Runtime Web');
  await measure(4, 'onnx', onnxBackends);
  console.log('ONNX, demo credit v5: MLP 27-16-1 (Gemm, Relu, Gemm, Sigmoid), ONNX Runtime Web');
  await measure(5, 'onnx', onnxBackends);
} finally {
  await browser.close();
  if (app.pid) process.kill(-app.pid, 'SIGTERM');
  await new Promise((r) => setTimeout(r, 1500));
  rmSync(dir, { recursive: true, force: true });
}

// Server-side verification of a saved evaluation (server/services/evaluations/verify): how long
// the worker takes to stream-parse and preprocess the stored CSV, recompute the metrics from the
// uploaded predictions and run the model itself on 256 sampled rows, for the demo credit
// classifier on 10k and 1M rows. Printed per size: the whole verifyInWorker call (thread start,
// TF.js load, the work), the same work in this thread (checkEvaluation, no thread start), and the
// longest stall of this thread's event loop while the worker ran (what the web server would feel).
// Also the largest gap between the CPU and WASM backends' outputs, against the 1e-3 tolerance.
// verifyInWorker is the app's path: the worker registers tsx's loader and compiles its modules as
// it loads them. The same worker bundled into one file with esbuild is timed beside it, to show
// what that start-up costs.
// Usage: npm run bench:verify [-- --rows 10000,1000000] [-- --runs 3]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import { labelEncoder } from '@/lib/evaluation/labels';
import { planColumns } from '@/lib/evaluation/plan';
import { createPreprocessor } from '@/lib/evaluation/preprocess';
import { parseCsv } from '@/lib/datasets/csv';
import { checkEvaluation, type VerifyJob } from '@/server/services/evaluations/verify/check';
import { verifyInWorker } from '@/server/services/evaluations/verify/run-in-worker';
import { OUTPUT_TOLERANCE } from '@/server/services/evaluations/verify/tolerance';
import { predictWith } from '@/server/testing/honest-predictions';
import { loadDemoCatalog } from '@/scripts/demo/load';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const SIZES = arg('rows', '10000,1000000').split(',').map(Number);
const RUNS = Number(arg('runs', '3'));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const catalog = await loadDemoCatalog();
const model = catalog.find((m) => m.name === 'Credit default risk');
const v = model?.versions.at(-1);
if (!model || !v) throw new Error('no demo credit model');
const schema = { inputSchema: v.inputSchema, outputSchema: v.outputSchema, preprocessing: v.preprocessing };
const { header, rows: reference } = parseCsv(v.referenceCsv);

/** `n` rows drawn in turn from the reference rows, as CSV bytes, and their honest predictions (TF.js CPU, batches of 65,536). */
async function dataset(n: number) {
  const lines = [header.join(',')];
  for (let i = 0; i < n; i++) lines.push((reference[i % reference.length] ?? []).join(','));
  const csv = new TextEncoder().encode(`${lines.join('\n')}\n`);
  const pre = createPreprocessor(schema, planColumns(header, schema));
  const encodeLabel = labelEncoder(v!.outputSchema, model!.taskType);
  const predictions = new Float32Array(n);
  const batch = 65_536;
  for (let at = 0; at < n; at += batch) {
    const part = Array.from({ length: Math.min(batch, n - at) }, (_, j) => reference[(at + j) % reference.length] ?? []);
    const { x, rows } = pre.encodeBatch(part);
    predictions.set((await predictWith('cpu', v!.files, x, rows)).values, at);
  }
  if (reference.some((r) => encodeLabel(r[header.indexOf(v!.outputSchema.target)] ?? '') === null)) throw new Error('unlabelled reference row');
  return { csv, predictions };
}

const jobFor = (csv: Uint8Array, predictions: Float32Array): VerifyJob => ({
  csv: csv.slice(),
  schema,
  taskType: model.taskType,
  mapping: {},
  predictions,
  threshold: 0.5,
  model: { format: 'layers-model', files: v.files },
  sampleRows: 256,
});

// Backend gap on the reference rows: CPU vs WASM, both in Node.
{
  const pre = createPreprocessor(schema, planColumns(header, schema));
  const { x, rows } = pre.encodeBatch(reference);
  const cpu = (await predictWith('cpu', v.files, x, rows)).values;
  const wasm = (await predictWith('wasm', v.files, x, rows)).values;
  const gap = cpu.reduce((m, c, i) => Math.max(m, Math.abs(c - (wasm[i] ?? NaN))), 0);
  console.log(`CPU vs WASM on ${rows} reference rows: largest output difference ${gap.toExponential(2)} (tolerance ${OUTPUT_TOLERANCE})`);
}

// The worker as one bundled file, the way a production build runs it.
const outdir = mkdtempSync(path.join(tmpdir(), 'verify-bench-'));
await build({
  entryPoints: [path.resolve('server/services/evaluations/verify/verify.worker.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  outfile: path.join(outdir, 'verify.worker.mjs'),
  alias: { '@': path.resolve('.') },
  logLevel: 'error',
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
});
async function bundled(job: VerifyJob) {
  const worker = new Worker(path.join(outdir, 'verify.worker.mjs'), { resourceLimits: { maxOldGenerationSizeMb: 2048, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 }, stdout: true });
  worker.stdout.resume();
  const answer = new Promise((resolve, reject) => (worker.once('message', resolve), worker.once('error', reject)));
  worker.postMessage(job, [job.csv.buffer as ArrayBuffer]);
  const result = (await answer) as { ok: boolean; outcome?: { status: string; disagreeing?: number[] } };
  await worker.terminate();
  if (!result.ok || result.outcome?.status !== 'checked' || result.outcome.disagreeing?.length) throw new Error(`bundled verification failed: ${JSON.stringify(result).slice(0, 300)}`);
}

for (const n of SIZES) {
  const { csv, predictions } = await dataset(n);
  const whole: number[] = [];
  const inThread: number[] = [];
  const stalls: number[] = [];
  const bundledRuns: number[] = [];
  const bundledStalls: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    let t = performance.now();
    const outcome = await verifyInWorker(jobFor(csv, predictions), { timeoutMs: 600_000, memoryMb: 2048 });
    whole.push(performance.now() - t);
    delay.disable();
    stalls.push(delay.max / 1e6);
    if (outcome.status !== 'checked' || outcome.disagreeing.length > 0) throw new Error(`verification failed: ${JSON.stringify(outcome).slice(0, 300)}`);
    const bundledDelay = monitorEventLoopDelay({ resolution: 10 });
    bundledDelay.enable();
    t = performance.now();
    await bundled(jobFor(csv, predictions));
    bundledRuns.push(performance.now() - t);
    bundledDelay.disable();
    bundledStalls.push(bundledDelay.max / 1e6);
    t = performance.now();
    await checkEvaluation(jobFor(csv, predictions));
    inThread.push(performance.now() - t);
  }
  const mb = (csv.byteLength / 1024 / 1024).toFixed(1);
  console.log(
    `${n.toLocaleString('en')} rows (${mb} MB CSV), medians of ${RUNS}: bundled worker ${(median(bundledRuns) / 1000).toFixed(2)} s [${bundledRuns.map((x) => (x / 1000).toFixed(2)).join(', ')}], ` +
      `longest event-loop stall meanwhile ${median(bundledStalls).toFixed(0)} ms; verifyInWorker from source (tsx) ${(median(whole) / 1000).toFixed(2)} s, stall ${median(stalls).toFixed(0)} ms; ` +
      `the work alone in this thread ${(median(inThread) / 1000).toFixed(2)} s`,
  );
}
rmSync(outdir, { recursive: true, force: true });

// bench:evaluate's baseline: bare model.predict on pre-built input tensors, in a Web Worker like the
// evaluation's own, with the same imports (TF.js packages, backend choice, verified model loader,
// preprocessing), bundled by bench/evaluate.ts with esbuild and served on the app's origin through
// Playwright routing, so the model comes from the same authenticated artifact URLs under the same CSP.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { parseCsv } from '@/lib/datasets/csv';
import { selectBackend, type Backend } from '@/lib/evaluation/backends';
import { planColumns, type EvaluationSchema } from '@/lib/evaluation/plan';
import { createPreprocessor } from '@/lib/evaluation/preprocess';
import { loadVerifiedModel, type ArtifactFile } from '@/lib/evaluation/worker/model-loader';
import { loadVerifiedOnnx } from '@/lib/evaluation/worker/onnx-model';
import { singleThreadedTfjsWasm } from '@/lib/evaluation/worker/tfjs-wasm';
import { wasmThreads, type ThreadScope } from '@/lib/evaluation/worker/wasm-threads';

setWasmPaths('/tfjs/');
singleThreadedTfjsWasm(); // as the evaluation worker does

export type PredictBenchRequest = {
  backend: Backend;
  files: ArtifactFile[];
  schema: EvaluationSchema;
  /** The reference CSV, encoded once to fill the input tensors with real rows. */
  referenceUrl: string;
  batchSize: number;
  rows: number;
  warmupBatches: number;
  /** Distinct input tensors built up front and used in turn. */
  pool: number;
  /** 'onnx': bare session.run on ONNX Runtime Web (backend webgpu or wasm) instead of TF.js. */
  format?: string;
  /** ONNX: the graph's operators (`domain:op_type`); ai.onnx.ml ones keep it off WebGPU. */
  operators?: string[];
  /** ONNX: WASM threads to ask for (the page's own choice when absent); a worker's first session fixes them. */
  threads?: number;
};

export type PredictBenchResult = {
  backend: string;
  wasm: { simd: boolean; threads: number } | null;
  timedRows: number;
  batches: number;
  /** model.predict + await data() on tensors already on the backend (the faster of two rounds). */
  predictMs: number;
  /** The same, with tf.tensor2d from a Float32Array in the timed loop (what the evaluation does per batch). */
  withTensorMs: number;
};

const scope = self as unknown as { postMessage(m: unknown): void; onmessage: ((e: MessageEvent<PredictBenchRequest>) => void) | null };

scope.onmessage = (event) => {
  run(event.data).then(
    (result) => scope.postMessage({ type: 'result', result }),
    (e: unknown) => scope.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e) }),
  );
};

/** The reference CSV, encoded, as `pool` batches of real rows (batch i starts at row i, wrapping around). */
async function referenceBatches(r: PredictBenchRequest) {
  const response = await fetch(r.referenceUrl, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`reference dataset: HTTP ${response.status}`);
  const { header, rows } = parseCsv(await response.text());
  const pre = createPreprocessor(r.schema, planColumns(header, r.schema));
  const encoded = pre.encodeBatch(rows);
  const w = pre.width;
  const batches = Array.from({ length: r.pool }, (_, i) => {
    const x = new Float32Array(r.batchSize * w);
    for (let row = 0; row < r.batchSize; row++) {
      const from = ((i + row) % encoded.rows) * w;
      x.set(encoded.x.subarray(from, from + w), row * w);
    }
    return x;
  });
  return { batches, w };
}

/** ONNX Runtime Web: session.run on the pool's batches (an ort.Tensor wraps a Float32Array without copying, so both loops are the same). */
async function runOnnx(r: PredictBenchRequest): Promise<PredictBenchResult> {
  const threads = r.threads === undefined ? wasmThreads(self as unknown as ThreadScope) : { threads: r.threads, note: null };
  const { model, info } = await loadVerifiedOnnx(r.files, r.backend === 'webgpu' ? 'webgpu' : 'wasm', r.operators ?? [], () => undefined, null, threads);
  const { batches, w } = await referenceBatches(r);
  const predict = async (x: Float32Array) => {
    const run = model.start(x, r.batchSize, w);
    try {
      await run.output;
    } finally {
      run.dispose();
    }
  };
  const count = Math.ceil(r.rows / r.batchSize);
  for (let i = 0; i < r.warmupBatches; i++) await predict(batches[i % batches.length]!);
  let predictMs = Infinity;
  for (let round = 0; round < 2; round++) {
    const t = performance.now();
    for (let i = 0; i < count; i++) await predict(batches[i % batches.length]!);
    predictMs = Math.min(predictMs, performance.now() - t);
  }
  model.dispose();
  return { backend: info.ranOn, wasm: { simd: true, threads: info.threads }, timedRows: count * r.batchSize, batches: count, predictMs, withTensorMs: predictMs };
}

async function run(r: PredictBenchRequest): Promise<PredictBenchResult> {
  if (r.format === 'onnx') return runOnnx(r);
  await selectBackend(r.backend, async (name) => {
    if (!(await tf.setBackend(name))) return false;
    await tf.ready();
    return true;
  });
  const model = await loadVerifiedModel(r.files, () => undefined);

  const response = await fetch(r.referenceUrl, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`reference dataset: HTTP ${response.status}`);
  const { header, rows } = parseCsv(await response.text());
  const pre = createPreprocessor(r.schema, planColumns(header, r.schema));
  const encoded = pre.encodeBatch(rows);
  const w = pre.width;
  // Batch i of the pool takes the reference rows from offset i, wrapping around.
  const batches = Array.from({ length: r.pool }, (_, i) => {
    const x = new Float32Array(r.batchSize * w);
    for (let row = 0; row < r.batchSize; row++) {
      const from = ((i + row) % encoded.rows) * w;
      x.set(encoded.x.subarray(from, from + w), row * w);
    }
    return x;
  });
  const inputs = batches.map((x) => tf.tensor2d(x, [r.batchSize, w]));

  const predict = async (input: tf.Tensor2D) => {
    const out = model.predict(input);
    try {
      await out.data();
    } finally {
      out.dispose();
    }
  };
  const count = Math.ceil(r.rows / r.batchSize);
  for (let i = 0; i < r.warmupBatches; i++) await predict(inputs[i % inputs.length]!);

  // Two rounds of each loop, the faster one kept: the machine is shared, and the first round can
  // still be warming up.
  let predictMs = Infinity;
  let withTensorMs = Infinity;
  for (let round = 0; round < 2; round++) {
    let t = performance.now();
    for (let i = 0; i < count; i++) await predict(inputs[i % inputs.length]!);
    predictMs = Math.min(predictMs, performance.now() - t);

    t = performance.now();
    for (let i = 0; i < count; i++) {
      const input = tf.tensor2d(batches[i % batches.length]!, [r.batchSize, w]);
      try {
        await predict(input);
      } finally {
        input.dispose();
      }
    }
    withTensorMs = Math.min(withTensorMs, performance.now() - t);
  }

  for (const input of inputs) input.dispose();
  model.dispose();
  const backend = tf.getBackend();
  const wasm =
    backend === 'wasm'
      ? { simd: Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')), threads: (tf.backend() as unknown as { getThreadsCount?: () => number }).getThreadsCount?.() ?? 1 }
      : null;
  return { backend, wasm, timedRows: count * r.batchSize, batches: count, predictMs, withTensorMs };
}

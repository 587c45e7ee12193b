// The evaluation Web Worker: picks a TF.js backend, verifies and loads the model, streams the CSV
// through the version's preprocessing in batches, and streams progress and metrics back to the page.
// After 'done' it keeps the accumulators so the page can move the binary threshold.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { labelEncoder } from '@/lib/evaluation/labels';
import { planColumns } from '@/lib/evaluation/plan';
import { createPreprocessor, type Preprocessor } from '@/lib/evaluation/preprocess';
import { selectBackend } from '../backends';
import { streamCsv } from './csv-stream';
import { fetchVerified, loadVerifiedModel, sha256Hex, type LoadedModel } from './model-loader';
import { MAX_SAVED_ROWS, type Progress, type StartMessage, type WorkerRequest, type WorkerResponse } from './protocol';
import { createScorer, type Scorer } from './scorer';

setWasmPaths('/tfjs/'); // served from public/tfjs (scripts/copy-tfjs-wasm.ts); the CSP allows no CDN

const scope = self as unknown as { postMessage(message: WorkerResponse, transfer?: Transferable[]): void; onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null };
const post = (message: WorkerResponse, transfer: Transferable[] = []) => scope.postMessage(message, transfer);
const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Local files up to this size are fingerprinted (crypto.subtle needs the bytes in one buffer). */
const MAX_HASHED_BYTES = 1 << 30;

let cancelled = false;
let running = false;
let finished: Scorer | null = null;

scope.onmessage = (event) => {
  const message = event.data;
  if (message.type === 'cancel') cancelled = true;
  else if (message.type === 'threshold' && finished) post({ type: 'threshold', threshold: message.threshold, ...finished.atThreshold(message.threshold) });
  else if (message.type === 'start' && !running) {
    running = true;
    cancelled = false;
    finished = null;
    evaluate(message)
      .catch((e: unknown) => post({ type: 'error', message: errorText(e) }))
      .finally(() => (running = false));
  }
};

async function datasetBlob(start: StartMessage): Promise<{ blob: Blob; name: string; sha256: string | null }> {
  if ('file' in start.dataset) {
    const file = start.dataset.file;
    const sha256 = file.size <= MAX_HASHED_BYTES ? await sha256Hex(await file.arrayBuffer()) : null;
    return { blob: file, name: file.name, sha256 };
  }
  const { url, sha256, name } = start.dataset;
  const bytes = await fetchVerified({ name, url, sha256 }, 'dataset');
  return { blob: new Blob([bytes], { type: 'text/csv' }), name, sha256 };
}

async function evaluate(start: StartMessage) {
  const t0 = performance.now();
  post({ type: 'phase', phase: 'backend', message: 'Choosing a backend…' });
  // No tf.ready() before this: it would initialise the highest-priority backend (WebGPU) unasked.
  const selection = await selectBackend(start.backend, async (name) => {
    if (!(await tf.setBackend(name))) return false;
    await tf.ready();
    return true;
  });

  post({ type: 'phase', phase: 'download', message: 'Downloading and verifying the model…' });
  const model = await loadVerifiedModel(start.files, (name) => post({ type: 'phase', phase: 'download', message: `Downloading and verifying ${name}…` }));
  try {
    const loadMs = performance.now() - t0;
    post({ type: 'phase', phase: 'dataset', message: 'Reading the dataset…' });
    const data = await datasetBlob(start);
    if (cancelled) return post({ type: 'cancelled' });
    const scorer = createScorer(start.taskType, start.outputSchema, MAX_SAVED_ROWS);
    const run = await infer(start, model, scorer, data.blob);
    if (run === 'cancelled') return post({ type: 'cancelled' });
    if (run === 'problems') return;

    const { metrics, summary } = scorer.result(start.threshold);
    const predictions = scorer.predictions();
    finished = start.taskType === 'binary_classification' ? scorer : null;
    post(
      {
        type: 'done',
        result: {
          ...metrics,
          ...selection,
          tfjsVersion: tf.version.tfjs,
          timings: { loadMs, inferenceMs: run.inferenceMs, totalMs: performance.now() - t0 },
          summary,
          threshold: start.taskType === 'binary_classification' ? start.threshold : null,
          evaluatedRows: run.evaluated,
          droppedRows: run.dropped,
          unknownLabels: run.unknownLabels,
          issues: run.preprocessor.stats(),
          dataset: { name: data.name, sha256: data.sha256, rowCount: run.rowCount, bytes: data.blob.size },
          predictions,
        },
      },
      predictions ? [predictions.buffer] : [],
    );
  } finally {
    model.dispose();
  }
}

type Run = { inferenceMs: number; evaluated: number; dropped: number[]; unknownLabels: number; rowCount: number; preprocessor: Preprocessor };

async function infer(start: StartMessage, model: LoadedModel, scorer: Scorer, blob: Blob): Promise<Run | 'cancelled' | 'problems'> {
  const schema = { inputSchema: start.inputSchema, outputSchema: start.outputSchema, preprocessing: start.preprocessing };
  const encodeLabel = labelEncoder(start.outputSchema, start.taskType);
  let preprocessor: Preprocessor | null = null;
  let labelIndex = -1;
  let problems = false;
  const dropped: number[] = [];
  let unknownLabels = 0;
  let evaluated = 0;
  let rowCount = 0;
  let inferenceMs = 0;
  const began = performance.now();
  let lastPost = 0;
  const pending: string[][] = [];
  let pendingIndex = 0;

  const progress = (bytesRead: number, force = false) => {
    const now = performance.now();
    if (!force && now - lastPost < 250) return;
    lastPost = now;
    const seconds = (now - began) / 1000;
    const bytesPerSecond = seconds > 0 ? bytesRead / seconds : 0;
    const p: Progress = {
      phase: 'inference',
      rows: rowCount,
      rowsPerSecond: seconds > 0 ? rowCount / seconds : 0,
      bytesRead,
      totalBytes: blob.size,
      etaSeconds: bytesPerSecond > 0 ? Math.max(0, (blob.size - bytesRead) / bytesPerSecond) : null,
    };
    post({ type: 'progress', progress: p });
  };

  async function runBatch(rows: string[][], firstIndex: number) {
    const p = preprocessor!;
    const x = new Float32Array(rows.length * p.width);
    const labels = new Float64Array(rows.length);
    let kept = 0;
    for (let i = 0; i < rows.length; i++) {
      const fields = rows[i]!;
      // Unknown or missing labels are dropped before encoding, so the feature stats count only evaluated rows.
      const label = encodeLabel(fields[labelIndex] ?? '');
      if (label === null) {
        unknownLabels++;
        dropped.push(firstIndex + i);
      } else if (p.encodeRow(fields, x, kept * p.width) === 'dropped') dropped.push(firstIndex + i);
      else labels[kept++] = label;
    }
    if (kept === 0) return;
    const t = performance.now();
    const input = tf.tensor2d(x.subarray(0, kept * p.width), [kept, p.width]);
    let output: tf.Tensor | null = null;
    try {
      output = model.predict(input);
      const units = output.shape.length > 1 ? output.size / kept : 1;
      const values = (await output.data()) as Float32Array;
      inferenceMs += performance.now() - t;
      scorer.add(values instanceof Float32Array ? values : Float32Array.from(values), units, labels.subarray(0, kept));
      evaluated += kept;
    } finally {
      input.dispose();
      output?.dispose();
    }
  }

  const status = await streamCsv(blob, {
    header(names) {
      const plan = planColumns(names, schema, start.mapping);
      if (!plan.ok || plan.labelIndex === null) {
        problems = true;
        post({ type: 'problems', header: names, problems: plan.problems });
        return;
      }
      labelIndex = plan.labelIndex;
      preprocessor = createPreprocessor(schema, plan);
    },
    async rows(rows, firstIndex) {
      // Stream chunks hold a few hundred rows; collect whole batches so each predict call is worth it.
      if (pending.length === 0) pendingIndex = firstIndex;
      for (const row of rows) pending.push(row);
      rowCount = firstIndex + rows.length;
      while (pending.length >= start.batchSize && !cancelled) {
        const batch = pending.splice(0, start.batchSize);
        await runBatch(batch, pendingIndex);
        pendingIndex += batch.length;
      }
    },
    progress,
    cancelled: () => cancelled || problems,
  });
  if (problems) return 'problems';
  if (status === 'cancelled' || cancelled) return 'cancelled';
  if (pending.length > 0) await runBatch(pending, pendingIndex);
  if (cancelled) return 'cancelled';
  progress(blob.size, true);
  return { inferenceMs, evaluated, dropped, unknownLabels, rowCount, preprocessor: preprocessor! };
}

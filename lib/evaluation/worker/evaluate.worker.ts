// The evaluation Web Worker: picks a backend (TF.js, or ONNX Runtime Web for ONNX versions), verifies and loads the model, runs it on the
// batches the parse worker (parse.worker.ts, connected by the page through a MessagePort) reads
// and encodes with the version's preprocessing, and streams progress and metrics back to the page.
// The dataset is read once: the same chunks feed the parser and the SHA-256, and a server dataset
// whose digest does not match is refused after the last row. The page cancels by terminating both
// workers. After 'done' it keeps the accumulators so the page can move the binary threshold.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { selectBackend, selectOnnxBackend, type Backend, type BackendSelection } from '../backends';
import type { EncodedBatch, ReadSummary } from './batch-reader';
import { datasetSource, digestCheck, type DatasetSource, type ExpectedDigest } from './dataset-source';
import { batchClient } from './parse-channel';
import { loadVerifiedModel, type ArtifactFile } from './model-loader';
import { loadVerifiedOnnx, type BatchModel } from './onnx-model';
import type { Problem } from '@/lib/evaluation/plan';
import { MAX_DROPPED_ROWS, MAX_SAVED_ROWS, type CompareTarget, type Comparison, type EvaluationResult, type Progress, type StartMessage, type WorkerRequest, type WorkerResponse } from './protocol';
import { createScorer, type Scorer } from './scorer';
import { singleThreadedTfjsWasm, TFJS_WASM_THREADS_NOTE } from './tfjs-wasm';

setWasmPaths('/tfjs/'); // served from public/tfjs (scripts/copy-tfjs-wasm.ts); the CSP allows no CDN
singleThreadedTfjsWasm();

const scope = self as unknown as { postMessage(message: WorkerResponse, transfer?: Transferable[]): void; onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null };
const post = (message: WorkerResponse, transfer: Transferable[] = []) => scope.postMessage(message, transfer);
const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

let running = false;
let parser: ReturnType<typeof batchClient> | null = null;
/** Binary runs keep their scorers (the candidate's and the comparison's) so the threshold can move. */
let finished: { scorer: Scorer; compare: Scorer | null } | null = null;

scope.onmessage = (event) => {
  const message = event.data;
  if (message.type === 'connect') parser = batchClient(message.port);
  else if (message.type === 'threshold' && finished) {
    const t = message.threshold;
    post({ type: 'threshold', threshold: t, ...finished.scorer.atThreshold(t), compareSummary: finished.compare?.atThreshold(t).summary ?? null });
  }
  else if (message.type === 'start' && !running) {
    running = true;
    finished = null;
    evaluate(message)
      .catch((e: unknown) => post({ type: 'error', message: errorText(e) }))
      .finally(() => (running = false));
  }
};

const setTfBackend = async (name: Backend) => {
  if (!(await tf.setBackend(name))) return false;
  await tf.ready();
  return true;
};

/** A TF.js model as a batch model: batches may overlap (a GPU backend works while the next is prepared). */
function tfjsBatchModel(model: Awaited<ReturnType<typeof loadVerifiedModel>>): BatchModel {
  return {
    sequential: false,
    start(x, rows, width) {
      const input = tf.tensor2d(x.subarray(0, rows * width), [rows, width]);
      let output: tf.Tensor;
      try {
        output = model.predict(input);
      } catch (e) {
        input.dispose();
        throw e;
      }
      const units = output.shape.length > 1 ? output.size / rows : 1;
      const values = output.data().then((d) => ({ values: d instanceof Float32Array ? d : Float32Array.from(d), units }));
      return { output: values, dispose: () => (input.dispose(), output.dispose()) };
    },
    dispose: () => model.dispose(),
  };
}

type Runtime = EvaluationResult['runtime'];

/**
 * Verifies and loads a version of either format on the run's backend. An ONNX version runs on
 * ONNX Runtime Web (WebGPU, else WASM); a TF.js version on TF.js, whose backend is set on first use.
 */
async function loadModel(target: { files: ArtifactFile[]; format: string; operators: string[]; rawInputs: StartMessage['rawInputs'] }, selection: BackendSelection, label: string): Promise<{ model: BatchModel; runtime: Runtime; backend: Backend }> {
  const onFile = (name: string) => post({ type: 'phase', phase: 'download', message: `Downloading and verifying ${name}${label}…` });
  if (target.format === 'onnx') {
    const { model, info } = await loadVerifiedOnnx(target.files, selection.backend === 'webgpu' ? 'webgpu' : 'wasm', target.operators, onFile, target.rawInputs);
    return { model, runtime: { name: 'ONNX Runtime Web', version: info.version, threads: info.threads, threadsNote: info.threadsNote, fallback: info.fallback }, backend: info.ranOn };
  }
  if (tf.getBackend() !== selection.backend && !(await setTfBackend(selection.backend))) throw new Error(`TF.js could not start its ${selection.backend} backend.`);
  const model = tfjsBatchModel(await loadVerifiedModel(target.files, onFile));
  const wasm = selection.backend === 'wasm';
  return { model, runtime: { name: 'TF.js', version: tf.version.tfjs, threads: wasm ? 1 : null, threadsNote: wasm ? TFJS_WASM_THREADS_NOTE : null, fallback: null }, backend: selection.backend };
}

async function evaluate(start: StartMessage) {
  const t0 = performance.now();
  post({ type: 'phase', phase: 'backend', message: 'Choosing a backend…' });
  // No tf.ready() before this: it would initialise the highest-priority backend (WebGPU) unasked.
  const selection = start.format === 'onnx' ? await selectOnnxBackend(start.backend) : await selectBackend(start.backend, setTfBackend);

  post({ type: 'phase', phase: 'download', message: 'Downloading and verifying the model…' });
  const { model, runtime, backend } = await loadModel(start, selection, '');
  const loadMs = performance.now() - t0;
  const source = datasetSource(start.dataset);
  let run: Run;
  const scorer = createScorer(start.taskType, start.outputSchema, MAX_SAVED_ROWS, start.sliceBy !== null);
  try {
    post({ type: 'phase', phase: 'dataset', message: 'Reading the dataset…' });
    const expected = source.expectedSha256 === null ? null : { sha256: source.expectedSha256, recorded: true };
    const outcome = await infer(start, model, scorer, source, expected);
    if ('problems' in outcome) return post({ type: 'problems', ...outcome });
    run = outcome;
  } finally {
    model.dispose();
  }
  const inferenceDoneMs = performance.now() - t0;

  // The comparison reads the data again and must see the same bytes as the candidate did.
  const compared = start.compare ? await compare(start, start.compare, selection, source, run.sha256) : null;
  const { metrics, summary } = scorer.result(start.threshold);
  const predictions = scorer.predictions();
  finished = start.taskType === 'binary_classification' ? { scorer, compare: compared?.scorer ?? null } : null;
  post(
    {
      type: 'done',
      result: {
        ...metrics,
        ...selection,
        // What actually ran: an ONNX graph with ai.onnx.ml operators runs on WASM even when WebGPU was chosen (runtime.fallback says why).
        backend,
        tfjsVersion: runtime.name === 'TF.js' ? runtime.version : `onnxruntime-web ${runtime.version}`,
        runtime,
        timings: { loadMs, inferenceMs: run.inferenceMs, totalMs: inferenceDoneMs },
        summary,
        threshold: start.taskType === 'binary_classification' ? start.threshold : null,
        evaluatedRows: run.evaluated,
        droppedRows: run.droppedCount > MAX_DROPPED_ROWS ? null : run.dropped,
        droppedCount: run.droppedCount,
        unknownLabels: run.unknownLabels,
        raggedRows: run.raggedRows,
        issues: run.issues,
        dataset: { name: source.name, sha256: run.sha256, rowCount: run.rowCount, bytes: run.bytes },
        predictions,
        slices: scorer.slices(start.threshold),
        comparison: compared?.comparison ?? null,
      },
    },
    predictions ? [predictions.buffer] : [],
  );
}

/** Runs another version on the same dataset; a failure is reported in the comparison, not as the run's error. */
async function compare(start: StartMessage, target: CompareTarget, selection: BackendSelection, source: DatasetSource, sha256: string): Promise<{ comparison: Comparison; scorer: Scorer | null }> {
  const failed = (error: string) => ({ comparison: { version: target.version, summary: null, evaluatedRows: 0, error }, scorer: null });
  try {
    post({ type: 'phase', phase: 'download', message: `Downloading and verifying v${target.version} for comparison…` });
    // The other version may be of the other format (TF.js beside ONNX): each runs on its own runtime, on the same backend.
    const { model } = await loadModel(target, selection, ` (v${target.version})`);
    try {
      const scorer = createScorer(start.taskType, target.outputSchema, 0);
      const run = await infer({ ...start, ...target, sliceBy: null }, model, scorer, source, { sha256, recorded: false });
      if ('problems' in run) return failed(run.problems.map((p) => p.message).join(' '));
      return { comparison: { version: target.version, summary: scorer.result(start.threshold).summary, evaluatedRows: run.evaluated, error: null }, scorer };
    } finally {
      model.dispose();
    }
  } catch (e) {
    return failed(errorText(e));
  }
}

type Run = {
  inferenceMs: number;
  evaluated: number;
  sha256: string;
} & ReadSummary;

type Problems = { header: string[]; problems: Problem[] };

/** One pass over the dataset: the parse worker reads and encodes it, this worker predicts and scores; throws when `expected` is given and the bytes read do not match it. */
async function infer(start: StartMessage, model: BatchModel, scorer: Scorer, source: Pick<DatasetSource, 'name'>, expected: ExpectedDigest | null): Promise<Run | Problems> {
  if (!parser) throw new Error('The evaluation worker has no parse worker to read the dataset with.');
  const reading = parser.read(start.dataset, {
    schema: { inputSchema: start.inputSchema, outputSchema: start.outputSchema, preprocessing: start.preprocessing, rawInputs: start.rawInputs },
    taskType: start.taskType,
    mapping: start.mapping,
    sliceBy: start.sliceBy,
    batchSize: start.batchSize,
  });
  // The parse worker hands on every chunk it read; hashing them here keeps that work off the busier worker.
  const digest = await digestCheck(source, expected);
  let evaluated = 0;
  let rowCount = 0;
  let inferenceMs = 0;
  const began = performance.now();
  let lastPost = 0;
  let totalBytes: number | null = null;
  // One batch's output may still be on its way while the next is started (a GPU backend works
  // meanwhile; on WASM and CPU the output is ready at once); its buffers go back to the parse
  // worker once its metrics are added.
  type InFlight = { batch: EncodedBatch; run: ReturnType<BatchModel['start']> };
  let inFlight = null as InFlight | null;

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
      totalBytes,
      etaSeconds: totalBytes !== null && bytesPerSecond > 0 ? Math.max(0, (totalBytes - bytesRead) / bytesPerSecond) : null,
    };
    post({ type: 'progress', progress: p });
  };

  /** Adds a batch that was in flight to the metrics, once its output has arrived, and gives its buffers back. */
  async function settle(f: InFlight | null) {
    if (!f) return;
    try {
      const t = performance.now();
      const { values, units } = await f.run.output;
      inferenceMs += performance.now() - t;
      const { batch } = f;
      scorer.add(values, units, batch.labels.subarray(0, batch.rows), batch.categories ?? []);
      evaluated += batch.rows;
    } finally {
      f.run.dispose();
      reading.free({ x: f.batch.x, labels: f.batch.labels });
    }
  }

  /** Starts the model on a batch and settles the one before. */
  async function runBatch(batch: EncodedBatch) {
    if (model.sequential) {
      // An ONNX Runtime session runs one batch at a time.
      const previous = inFlight;
      inFlight = null;
      await settle(previous);
    }
    const t = performance.now();
    const run = model.start(batch.x, batch.rows, batch.width, batch.text);
    inferenceMs += performance.now() - t;
    run.output.catch(() => undefined); // awaited in settle; a run that stops before then must not report it as unhandled
    const previous = inFlight;
    inFlight = { batch, run };
    await settle(previous);
  }

  try {
    for (;;) {
      const event = await reading.next();
      if (event.type === 'bytes') digest.update(event.chunk);
      else if (event.type === 'size') totalBytes = event.totalBytes;
      else if (event.type === 'progress') {
        rowCount = Math.max(rowCount, event.rows);
        progress(event.bytesRead);
      } else if (event.type === 'batch') {
        rowCount = Math.max(rowCount, event.batch.read);
        await runBatch(event.batch);
        progress(event.batch.bytesRead);
      } else {
        const { outcome } = event;
        if ('problems' in outcome) return outcome;
        const last = inFlight;
        inFlight = null;
        await settle(last);
        const sha256 = digest.finish();
        rowCount = outcome.rowCount;
        progress(outcome.bytes, true);
        return { ...outcome, inferenceMs, evaluated, sha256 };
      }
    }
  } finally {
    // A run that fails part way leaves no tensors behind and stops the reading.
    inFlight?.run.dispose();
    reading.stop();
  }
}

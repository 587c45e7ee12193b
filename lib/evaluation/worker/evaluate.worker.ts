// The evaluation Web Worker: picks a TF.js backend, verifies and loads the model, streams the CSV
// through the version's preprocessing in batches, and streams progress and metrics back to the page.
// The dataset is read once: the same chunks feed the parser and the SHA-256, and a server dataset
// whose digest does not match is refused after the last row. The page cancels by terminating the
// worker. After 'done' it keeps the accumulators so the page can move the binary threshold.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { labelEncoder } from '@/lib/evaluation/labels';
import { planColumns } from '@/lib/evaluation/plan';
import { createPreprocessor, type Preprocessor } from '@/lib/evaluation/preprocess';
import { selectBackend } from '../backends';
import { ColumnValues, type RowBlock } from '../row-block';
import type { CsvSink } from './csv-stream';
import { datasetSource, readDataset, type DatasetSource, type ExpectedDigest } from './dataset-source';
import { loadVerifiedModel, type LoadedModel } from './model-loader';
import type { Problem } from '@/lib/evaluation/plan';
import type { SliceValue } from '@/lib/metrics/slices';
import { MAX_DROPPED_ROWS, MAX_SAVED_ROWS, type CompareTarget, type Comparison, type Progress, type StartMessage, type WorkerRequest, type WorkerResponse } from './protocol';
import { createScorer, type Scorer } from './scorer';

setWasmPaths('/tfjs/'); // served from public/tfjs (scripts/copy-tfjs-wasm.ts); the CSP allows no CDN

const scope = self as unknown as { postMessage(message: WorkerResponse, transfer?: Transferable[]): void; onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null };
const post = (message: WorkerResponse, transfer: Transferable[] = []) => scope.postMessage(message, transfer);
const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

let running = false;
/** Binary runs keep their scorers (the candidate's and the comparison's) so the threshold can move. */
let finished: { scorer: Scorer; compare: Scorer | null } | null = null;

scope.onmessage = (event) => {
  const message = event.data;
  if (message.type === 'threshold' && finished) {
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
  const compared = start.compare ? await compare(start, start.compare, source, run.sha256) : null;
  const { metrics, summary } = scorer.result(start.threshold);
  const predictions = scorer.predictions();
  finished = start.taskType === 'binary_classification' ? { scorer, compare: compared?.scorer ?? null } : null;
  post(
    {
      type: 'done',
      result: {
        ...metrics,
        ...selection,
        tfjsVersion: tf.version.tfjs,
        timings: { loadMs, inferenceMs: run.inferenceMs, totalMs: inferenceDoneMs },
        summary,
        threshold: start.taskType === 'binary_classification' ? start.threshold : null,
        evaluatedRows: run.evaluated,
        droppedRows: run.droppedCount > MAX_DROPPED_ROWS ? null : run.dropped,
        droppedCount: run.droppedCount,
        unknownLabels: run.unknownLabels,
        issues: run.preprocessor.stats(),
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
async function compare(start: StartMessage, target: CompareTarget, source: DatasetSource, sha256: string): Promise<{ comparison: Comparison; scorer: Scorer | null }> {
  const failed = (error: string) => ({ comparison: { version: target.version, summary: null, evaluatedRows: 0, error }, scorer: null });
  try {
    post({ type: 'phase', phase: 'download', message: `Downloading and verifying v${target.version} for comparison…` });
    const model = await loadVerifiedModel(target.files, (name) => post({ type: 'phase', phase: 'download', message: `Downloading and verifying ${name} (v${target.version})…` }));
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
  /** The first MAX_DROPPED_ROWS dropped row indexes at most, so memory stays bounded. */
  dropped: number[];
  droppedCount: number;
  unknownLabels: number;
  rowCount: number;
  preprocessor: Preprocessor;
  sha256: string;
  bytes: number;
};

type Problems = { header: string[]; problems: Problem[] };

/** One pass over the dataset; throws when `expected` is given and the bytes read do not match it. */
async function infer(start: StartMessage, model: LoadedModel, scorer: Scorer, source: DatasetSource, expected: ExpectedDigest | null): Promise<Run | Problems> {
  const schema = { inputSchema: start.inputSchema, outputSchema: start.outputSchema, preprocessing: start.preprocessing };
  const encodeLabel = labelEncoder(start.outputSchema, start.taskType);
  let preprocessor: Preprocessor | null = null;
  let problems: Problems | null = null;
  const dropped: number[] = [];
  let droppedCount = 0;
  const drop = (index: number) => {
    if (droppedCount++ < MAX_DROPPED_ROWS) dropped.push(index);
  };
  let unknownLabels = 0;
  let evaluated = 0;
  let rowCount = 0;
  let inferenceMs = 0;
  const began = performance.now();
  let lastPost = 0;
  let totalBytes: number | null = null;
  // Two batch buffers in turn: the rows of the next batch are encoded into one while the model's
  // output for the other is still on its way (a GPU backend works meanwhile; on WASM and CPU the
  // output is ready at once). Each holds up to batchSize rows read, of which the model sees those kept.
  type Batch = { x: Float32Array; labels: Float64Array; categories: SliceValue[] };
  const batches: Batch[] = [];
  let batch: Batch = { x: new Float32Array(0), labels: new Float64Array(0), categories: [] };
  let inFlight: { batch: Batch; rows: number; units: number; input: tf.Tensor; output: tf.Tensor; values: Promise<tf.TypedArray> } | null = null;
  let rowsInBatch = 0;
  let kept = 0;
  // Label and slice values by their ColumnValues number, so each distinct one is encoded once.
  let labelValues: ColumnValues | null = null;
  const labelCodes: (number | null)[] = [];
  let sliceValues: ColumnValues | null = null;

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

  const labelOf = (block: RowBlock, r: number): number | null => {
    const values = labelValues!;
    const id = values.id(block, r);
    if (id < 0) return encodeLabel(block.field(r, values.column));
    if (id === labelCodes.length) labelCodes.push(encodeLabel(values.texts[id]!));
    return labelCodes[id] ?? null;
  };

  /** A run that fails part way leaves no tensors behind. */
  const discard = () => {
    inFlight?.input.dispose();
    inFlight?.output.dispose();
    inFlight = null;
  };

  /** Adds a batch that was in flight to the metrics, once its output has arrived. */
  async function settle(f: typeof inFlight) {
    if (!f) return;
    try {
      const t = performance.now();
      const values = await f.values;
      inferenceMs += performance.now() - t;
      scorer.add(values instanceof Float32Array ? values : Float32Array.from(values), f.units, f.batch.labels.subarray(0, f.rows), f.batch.categories);
      evaluated += f.rows;
    } finally {
      f.input.dispose();
      f.output.dispose();
      f.batch.categories.length = 0;
    }
  }

  /** Starts the model on the kept rows of the batch, settles the previous one, and switches buffers. */
  async function runBatch() {
    const n = kept;
    rowsInBatch = 0;
    kept = 0;
    if (n === 0) return;
    const width = preprocessor!.width;
    const t = performance.now();
    const input = tf.tensor2d(batch.x.subarray(0, n * width), [n, width]);
    let output: tf.Tensor;
    try {
      output = model.predict(input);
    } catch (e) {
      input.dispose();
      throw e;
    }
    inferenceMs += performance.now() - t;
    const values = output.data();
    values.catch(() => undefined); // awaited in settle; a run that stops before then must not report it as unhandled
    const previous = inFlight;
    inFlight = { batch, rows: n, units: output.shape.length > 1 ? output.size / n : 1, input, output, values };
    batch = batches[0] === batch ? batches[1]! : batches[0]!;
    await settle(previous);
  }

  const sink: CsvSink = {
    header(names) {
      const plan = planColumns(names, schema, start.mapping);
      if (!plan.ok || plan.labelIndex === null) {
        problems = { header: names, problems: plan.problems };
        return;
      }
      const sliceIndex = start.sliceBy === null ? -1 : names.indexOf(start.sliceBy);
      labelValues = new ColumnValues(plan.labelIndex);
      sliceValues = sliceIndex >= 0 ? new ColumnValues(sliceIndex, 64) : null;
      preprocessor = createPreprocessor(schema, plan);
      for (let i = 0; i < 2; i++) batches.push({ x: new Float32Array(start.batchSize * preprocessor.width), labels: new Float64Array(start.batchSize), categories: [] });
      batch = batches[0]!;
    },
    async rows(block, firstIndex) {
      const p = preprocessor!;
      const width = p.width;
      rowCount = firstIndex + block.count;
      for (let r = 0; r < block.count; r++) {
        // Unknown or missing labels are dropped before encoding, so the feature stats count only evaluated rows.
        const label = labelOf(block, r);
        if (label === null) {
          unknownLabels++;
          drop(firstIndex + r);
        } else if (p.encodeBlockRow(block, r, batch.x, kept * width) === 'dropped') drop(firstIndex + r);
        else {
          batch.labels[kept++] = label;
          if (sliceValues) batch.categories.push(sliceValues.text(block, r));
        }
        if (++rowsInBatch === start.batchSize) await runBatch();
      }
    },
    progress,
    stop: () => problems !== null,
  };
  let read: Awaited<ReturnType<typeof readDataset>>;
  try {
    read = await readDataset(source, (size) => ((totalBytes = size), sink), expected);
    if (problems) return problems;
    if (read.sha256 === null) throw new Error('The dataset stopped before its end.');
    if (rowsInBatch > 0) await runBatch();
    const last = inFlight;
    inFlight = null;
    await settle(last);
  } finally {
    discard();
  }
  progress(read.bytesRead, true);
  return { inferenceMs, evaluated, dropped, droppedCount, unknownLabels, rowCount, preprocessor: preprocessor!, sha256: read.sha256, bytes: read.bytesRead };
}

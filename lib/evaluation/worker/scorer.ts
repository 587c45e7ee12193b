// Model outputs -> the task's accumulator, and the exact Float32 values fed to it kept in row
// order for saving (the server recomputes the metrics from them, so they must be the same bits).
// Per row this keeps 4 bytes of score per output unit in the accumulator (stored as Float32, exact
// for model outputs: exact AUC needs every score), 4 more in each slice's accumulator when slicing,
// 8 bytes of residual for regression, and 4 per unit of saved predictions up to MAX_SAVED_ROWS.
import { createBinaryAccumulator, createMulticlassAccumulator, createRegressionAccumulator } from '@/lib/metrics';
import { createSlicedAccumulator, type SliceValue } from '@/lib/metrics/slices';
import { binarySummary, multiclassSummary, regressionSummary, type MetricSummary } from '@/lib/evaluation/summary';
import type { OutputSchema, TaskType } from '@/lib/validation/catalog';
import { MAX_PREDICTION_VALUES } from '@/lib/validation/evaluations';
import type { SliceSummary, TaskMetrics } from './protocol';

/** Distinct slice values kept apart; later ones share '(other)'. */
const MAX_SLICES = 50;

/** Float32 values appended in order; gives up (null) past `maxValues` so memory stays bounded. */
class PredictionStore {
  private data: Float32Array | null = new Float32Array(1 << 16);
  private size = 0;
  constructor(private readonly maxValues: number) {}
  push(values: Float32Array) {
    if (!this.data) return;
    if (this.size + values.length > this.maxValues) {
      this.data = null;
      return;
    }
    if (this.size + values.length > this.data.length) {
      const next = new Float32Array(Math.min(this.maxValues, Math.max(this.data.length * 2, this.size + values.length)));
      next.set(this.data.subarray(0, this.size));
      this.data = next;
    }
    this.data.set(values, this.size);
    this.size += values.length;
  }
  take(): Float32Array | null {
    return this.data ? this.data.slice(0, this.size) : null;
  }
}

/** Per-slice accumulators of the task; each slice's result is its accumulator, summarised at a threshold. */
function createSlices(taskType: TaskType) {
  const wrap = <T extends { add: (...args: never[]) => void }>(a: T) => ({ add: a.add.bind(a) as T['add'], result: () => a });
  if (taskType === 'binary_classification') {
    const sliced = createSlicedAccumulator(() => wrap(createBinaryAccumulator('float32')), MAX_SLICES);
    return { add: sliced.add, summaries: (t: number) => sliced.result().map((s) => ({ value: s.value, count: s.count, summary: binarySummary(s.metrics.result(t)) })) };
  }
  if (taskType === 'multiclass_classification') {
    const sliced = createSlicedAccumulator(() => wrap(createMulticlassAccumulator('float32')), MAX_SLICES);
    return { add: sliced.add, summaries: () => sliced.result().map((s) => ({ value: s.value, count: s.count, summary: multiclassSummary(s.metrics.result()) })) };
  }
  const sliced = createSlicedAccumulator(() => wrap(createRegressionAccumulator()), MAX_SLICES);
  return { add: sliced.add, summaries: () => sliced.result().map((s) => ({ value: s.value, count: s.count, summary: regressionSummary(s.metrics.result()) })) };
}

/** `sliced`: also keep metrics per value of a column (the caller passes each row's raw value to add). */
export function createScorer(taskType: TaskType, outputSchema: OutputSchema, maxRows: number, sliced = false) {
  const classes = outputSchema.classLabels ?? [];
  const k = taskType === 'multiclass_classification' ? classes.length : 1;
  const positive = classes.indexOf(outputSchema.positiveClass ?? classes[1] ?? '');
  // Only the task's accumulator receives rows; the others stay empty (a few KiB each).
  const binary = createBinaryAccumulator('float32');
  const multiclass = createMulticlassAccumulator('float32');
  const regression = createRegressionAccumulator();
  // The server accepts at most MAX_PREDICTION_VALUES floats, which binds first for many classes.
  const store = new PredictionStore(Math.min(maxRows * k, MAX_PREDICTION_VALUES));
  const slices = sliced ? createSlices(taskType) : null;
  // Each slice accumulator takes the same arguments as the task's; the first is the row's slice value.
  const addSlices = slices?.add as ((categories: ArrayLike<SliceValue>, ...args: unknown[]) => void) | undefined;

  /** `out` is the model's row-major output for `labels.length` rows with `units` columns. */
  function add(out: Float32Array, units: number, labels: Float64Array, categories: SliceValue[] = []) {
    const rows = labels.length;
    if (taskType === 'binary_classification') {
      let scores: Float32Array;
      if (units === 1) scores = out;
      else if (units === 2) {
        scores = new Float32Array(rows);
        for (let r = 0; r < rows; r++) scores[r] = out[r * 2 + positive] ?? Number.NaN;
      } else throw new Error(`A binary classifier should output 1 unit (sigmoid) or 2 (softmax); this model outputs ${units}.`);
      binary.add(scores, labels);
      addSlices?.(categories, scores, labels);
      store.push(scores);
    } else if (taskType === 'multiclass_classification') {
      if (units !== k) throw new Error(`The model outputs ${units} units but the output schema lists ${k} class labels.`);
      multiclass.add(out, labels, k);
      addSlices?.(categories, out, labels, k);
      store.push(out);
    } else {
      if (units !== 1) throw new Error(`A regression model should output 1 unit; this one outputs ${units}.`);
      regression.add(out, labels);
      addSlices?.(categories, out, labels);
      store.push(out);
    }
  }

  const sliceSummaries = (threshold: number): SliceSummary[] | null => slices?.summaries(threshold) ?? null;

  function result(threshold: number): { metrics: TaskMetrics; summary: MetricSummary } {
    if (taskType === 'binary_classification') {
      const r = binary.result(threshold);
      return { metrics: { taskType, binary: r }, summary: binarySummary(r) };
    }
    if (taskType === 'multiclass_classification') {
      const r = multiclass.result();
      return { metrics: { taskType, multiclass: r, classLabels: classes }, summary: multiclassSummary(r) };
    }
    const r = regression.result();
    return { metrics: { taskType, regression: r }, summary: regressionSummary(r) };
  }

  /** Binary only: the confusion matrix and headline metrics at another threshold (the slider). */
  function atThreshold(threshold: number) {
    const r = binary.result(threshold);
    return { confusion: r.confusion, summary: binarySummary(r), slices: sliceSummaries(threshold) };
  }

  return { add, result, atThreshold, slices: sliceSummaries, predictions: () => store.take() };
}
export type Scorer = ReturnType<typeof createScorer>;

// The headline metrics of an evaluation, computed from model outputs and encoded labels with the
// shared metrics module. The browser and the server both call this, so the numbers the browser
// saves and the numbers the server recomputes come from the same code.
import {
  createBinaryAccumulator,
  createMulticlassAccumulator,
  createRegressionAccumulator,
  type BinaryMetrics,
  type MulticlassMetrics,
  type RegressionMetrics,
} from '@/lib/metrics';
import type { TaskType } from '@/lib/validation/catalog';

export type MetricSummary = Record<string, number | null>;

export const SUMMARY_METRICS: Record<TaskType, string[]> = {
  binary_classification: ['accuracy', 'precision', 'recall', 'f1', 'log_loss', 'roc_auc', 'pr_auc', 'ece'],
  multiclass_classification: [
    'accuracy',
    'macro_precision',
    'macro_recall',
    'macro_f1',
    'weighted_precision',
    'weighted_recall',
    'weighted_f1',
    'roc_auc_ovr',
  ],
  regression: ['mae', 'rmse', 'r2'],
};

export const binarySummary = (r: BinaryMetrics): MetricSummary => ({
  accuracy: r.accuracy,
  precision: r.precision,
  recall: r.recall,
  f1: r.f1,
  log_loss: r.logLoss,
  roc_auc: r.rocAuc,
  pr_auc: r.prAuc,
  ece: r.ece,
});

export const multiclassSummary = (r: MulticlassMetrics): MetricSummary => ({
  accuracy: r.accuracy,
  macro_precision: r.macro.precision,
  macro_recall: r.macro.recall,
  macro_f1: r.macro.f1,
  weighted_precision: r.weighted.precision,
  weighted_recall: r.weighted.recall,
  weighted_f1: r.weighted.f1,
  roc_auc_ovr: r.rocAucOvrMacro,
});

export const regressionSummary = (r: RegressionMetrics): MetricSummary => ({ mae: r.mae, rmse: r.rmse, r2: r.r2 });

/** Outputs per row: 1 for binary (P(positive)) and regression, k for multiclass (probabilities). */
export function outputsPerRow(taskType: TaskType, classCount: number): number {
  return taskType === 'multiclass_classification' ? classCount : 1;
}

export function summarise(
  taskType: TaskType,
  predictions: Float32Array,
  labels: ArrayLike<number>,
  options: { classCount: number; threshold: number },
): MetricSummary {
  if (taskType === 'binary_classification') {
    const acc = createBinaryAccumulator();
    acc.add(predictions, labels);
    return binarySummary(acc.result(options.threshold));
  }
  if (taskType === 'multiclass_classification') {
    const acc = createMulticlassAccumulator();
    acc.add(predictions, labels, options.classCount);
    return multiclassSummary(acc.result());
  }
  const acc = createRegressionAccumulator();
  acc.add(predictions, labels);
  return regressionSummary(acc.result());
}

/** Metrics agree when both are null or they differ by at most `tolerance` (absolute, or relative for large values). */
export function metricMismatches(claimed: MetricSummary, recomputed: MetricSummary, tolerance = 1e-6): string[] {
  return Object.keys(recomputed).filter((key) => {
    const a = claimed[key] ?? null;
    const b = recomputed[key] ?? null;
    if (a === null || b === null) return a !== b;
    return Math.abs(a - b) > tolerance * Math.max(1, Math.abs(b));
  });
}

export function encodePredictions(values: Float32Array): string {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function decodePredictions(base64: string): Float32Array {
  const binary = atob(base64);
  if (binary.length % 4 !== 0) throw new Error('predictions are not a whole number of float32 values');
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Float32Array(bytes.buffer);
}

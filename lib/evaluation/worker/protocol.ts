// Messages between the evaluate page and its Web Worker. Plain data only (structured clone);
// the predictions buffer is transferred, not copied.
import type { BinaryMetrics, Confusion, MulticlassMetrics, RegressionMetrics } from '@/lib/metrics';
import type { Problem } from '@/lib/evaluation/plan';
import type { RowIssues } from '@/lib/evaluation/preprocess';
import type { RawFeatureInputs } from '@/lib/validation/artifact-info';
import type { InputSchema, OutputSchema, PreprocessingSpec, TaskType } from '@/lib/validation/catalog';
import type { AdapterInfo, Backend, BackendChoice, SkippedBackend } from '../backends';

/** Beyond this many evaluated rows the predictions are not kept, so the result cannot be saved. */
export const MAX_SAVED_ROWS = 2_000_000;
/** saveEvaluationSchema's limit on droppedRows; beyond it only the count is kept (and the run cannot be saved). */
export const MAX_DROPPED_ROWS = 1_000_000;
export const DEFAULT_BATCH_SIZE = 4096;

export type StartMessage = {
  type: 'start';
  taskType: TaskType;
  inputSchema: InputSchema;
  outputSchema: OutputSchema;
  /** Null for an ONNX graph with one named input per feature, fed by `rawInputs` instead. */
  preprocessing: PreprocessingSpec | null;
  rawInputs: RawFeatureInputs | null;
  /** The version's artifact format: TF.js ('layers-model', 'graph-model') or 'onnx'. */
  format: string;
  /** ONNX: the graph's operators (`domain:op_type`), to say which ran on WASM under WebGPU. */
  operators: string[];
  files: { name: string; url: string; sha256: string }[];
  /** A server dataset is streamed from `url` and must hash to `sha256`; `bytes` is its recorded size, for progress. */
  dataset: { url: string; sha256: string; name: string; bytes: number | null } | { file: File };
  /** Feature or target name -> CSV column; the label column is passed as mapping[target]. */
  mapping: Record<string, string>;
  backend: BackendChoice;
  batchSize: number;
  threshold: number;
  /** A CSV column whose raw values split the rows into slices, each with its own metrics. */
  sliceBy: string | null;
  /** Another version run after this one, on the same dataset and backend, for comparison. */
  compare: CompareTarget | null;
};
export type CompareTarget = Pick<StartMessage, 'inputSchema' | 'outputSchema' | 'preprocessing' | 'rawInputs' | 'files' | 'mapping' | 'format' | 'operators'> & { version: number };

export type MetricSummary = Record<string, number | null>;
export type SliceSummary = { value: string; count: number; summary: MetricSummary };
/** The comparison version's headline metrics, or why it could not be run. */
export type Comparison = { version: number; summary: MetricSummary | null; evaluatedRows: number; error: string | null };
/**
 * No cancel message: the page cancels by terminating the workers, which stops even a download or a hash.
 * 'connect' comes first: the port to the parse worker (parse-channel.ts), transferred.
 */
export type WorkerRequest = StartMessage | { type: 'threshold'; threshold: number } | { type: 'connect'; port: MessagePort };

export type Phase = 'backend' | 'download' | 'load' | 'dataset' | 'inference';

export type Progress = {
  phase: Phase;
  rows: number;
  rowsPerSecond: number;
  bytesRead: number;
  /** null when neither the server nor the response says how large the dataset is. */
  totalBytes: number | null;
  etaSeconds: number | null;
};

export type TaskMetrics =
  | { taskType: 'binary_classification'; binary: BinaryMetrics }
  | { taskType: 'multiclass_classification'; multiclass: MulticlassMetrics; classLabels: string[] }
  | { taskType: 'regression'; regression: RegressionMetrics };

export type EvaluationResult = TaskMetrics & {
  backend: Backend;
  adapter: AdapterInfo | null;
  skipped: SkippedBackend[];
  /** The runtime's version as saved with the evidence: the TF.js version, or "onnxruntime-web <version>". */
  tfjsVersion: string;
  /**
   * What ran the model: TF.js, or ONNX Runtime Web with what fell back to WASM under WebGPU. `threads`:
   * the WASM threads (null off WASM for TF.js); `threadsNote`: why WASM ran on one thread, when it did.
   */
  runtime: { name: 'TF.js' | 'ONNX Runtime Web'; version: string; threads: number | null; threadsNote: string | null; fallback: string | null };
  timings: { loadMs: number; inferenceMs: number; totalMs: number };
  /** Headline metrics under the keys the server stores (see lib/evaluation/summary). */
  summary: Record<string, number | null>;
  threshold: number | null;
  evaluatedRows: number;
  /** Data-row indexes left out, in order; null past MAX_DROPPED_ROWS (then only droppedCount is known). */
  droppedRows: number[] | null;
  droppedCount: number;
  unknownLabels: number;
  /** Rows left out for having too few or too many fields (part of droppedCount). */
  raggedRows: number;
  issues: RowIssues;
  /** sha256: computed while streaming; for a server dataset, checked against the recorded one. */
  dataset: { name: string; sha256: string; rowCount: number; bytes: number };
  /** null when more than MAX_SAVED_ROWS rows were evaluated. */
  predictions: Float32Array | null;
  /** Largest slice first; null when no slice column was chosen. */
  slices: SliceSummary[] | null;
  comparison: Comparison | null;
};

export type WorkerResponse =
  | { type: 'phase'; phase: Phase; message: string }
  | { type: 'progress'; progress: Progress }
  | { type: 'problems'; header: string[]; problems: Problem[] }
  | { type: 'error'; message: string }
  | { type: 'done'; result: EvaluationResult }
  | { type: 'threshold'; threshold: number; confusion: Confusion; summary: MetricSummary; slices: SliceSummary[] | null; compareSummary: MetricSummary | null };

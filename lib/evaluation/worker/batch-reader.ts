// The evaluation's reading stage: streams a dataset once (showing its bytes to the caller, who
// hashes them), plans its columns, and turns its rows into the model's input batches with the version's preprocessing,
// plus each kept row's encoded label and slice value. It runs in its own worker (parse.worker.ts)
// so that parsing and encoding on one core overlap with the model and the metrics on another; the
// evaluation worker only predicts and scores. Transport-free: the caller hands out the batch
// buffers (a bounded pool, which is the backpressure) and receives the filled batches in order.
import { labelEncoder } from '@/lib/evaluation/labels';
import { planColumns, type EvaluationSchema, type Problem } from '@/lib/evaluation/plan';
import { createInputEncoder } from '@/lib/evaluation/encoder';
import type { Preprocessor, RowIssues } from '@/lib/evaluation/preprocess';
import { ColumnValues, type RowBlock } from '@/lib/evaluation/row-block';
import type { TaskType } from '@/lib/validation/catalog';
import type { CsvSink } from './csv-stream';
import { streamDataset, type DatasetSource } from './dataset-source';
import { MAX_DROPPED_ROWS } from './protocol';

export type ReadRequest = {
  schema: EvaluationSchema & { outputSchema: NonNullable<EvaluationSchema['outputSchema']> };
  taskType: TaskType;
  /** Feature or target name -> CSV column. */
  mapping: Record<string, string>;
  /** A column whose raw values go with each kept row (its slice); null for none. */
  sliceBy: string | null;
  batchSize: number;
};

/** Room for one batch: batchSize rows of the model's input and their labels. */
export type BatchBuffers = { x: Float32Array; labels: Float64Array };

/**
 * `rows` kept rows in x (rows * width values) and labels; `read` is the data rows read so far. `text`: the
 * rows' raw string inputs (textWidth a row) for an ONNX graph with one input per feature, null otherwise.
 */
export type EncodedBatch = BatchBuffers & { rows: number; width: number; text: string[] | null; categories: string[] | null; read: number; bytesRead: number };

export type ReadSummary = {
  /** The first MAX_DROPPED_ROWS dropped row indexes at most, so memory stays bounded. */
  dropped: number[];
  droppedCount: number;
  unknownLabels: number;
  /** Of the dropped rows, those with too few or too many fields (never read column by column). */
  raggedRows: number;
  rowCount: number;
  issues: RowIssues;
  bytes: number;
};

export type ReadOutcome = { problems: Problem[]; header: string[] } | ReadSummary;

export type BatchSink = {
  /** The size of the dataset once it is known (null when the source does not say). */
  size(totalBytes: number | null): void;
  /** Every chunk of the file, in order, as read (for its digest); the reader no longer needs it. */
  bytes(chunk: Uint8Array): void;
  /** Empty buffers for the next batch, each with room for width * batchSize values; may wait until one comes back. */
  buffers(width: number): Promise<BatchBuffers>;
  /** A filled batch; its buffers belong to the receiver until it hands them back through `buffers`. */
  batch(batch: EncodedBatch): void;
  progress(bytesRead: number, rowsRead: number): void;
  /** True to stop reading (the run was cancelled or failed downstream). */
  stopped(): boolean;
};

export async function readBatches(source: DatasetSource, request: ReadRequest, out: BatchSink): Promise<ReadOutcome> {
  const { schema, batchSize } = request;
  const encodeLabel = labelEncoder(schema.outputSchema, request.taskType);
  let preprocessor: Preprocessor | null = null;
  let problems: { problems: Problem[]; header: string[] } | null = null;
  const dropped: number[] = [];
  let droppedCount = 0;
  const drop = (index: number) => {
    if (droppedCount++ < MAX_DROPPED_ROWS) dropped.push(index);
  };
  let unknownLabels = 0;
  let raggedRows = 0;
  let rowCount = 0;
  let bytesRead = 0;
  // Label and slice values by their ColumnValues number, so each distinct one is encoded once.
  let labelValues: ColumnValues | null = null;
  const labelCodes: (number | null)[] = [];
  let sliceValues: ColumnValues | null = null;
  let current: BatchBuffers | null = null;
  let categories: string[] | null = null;
  let text: string[] | null = null;
  let kept = 0;
  let rowsInBatch = 0;

  const labelOf = (block: RowBlock, r: number): number | null => {
    const values = labelValues!;
    const id = values.id(block, r);
    if (id < 0) return encodeLabel(block.field(r, values.column));
    if (id === labelCodes.length) labelCodes.push(encodeLabel(values.texts[id]!));
    return labelCodes[id] ?? null;
  };

  /** Hands the batch on (when it kept any row) and starts the next one. */
  async function flush(read: number) {
    rowsInBatch = 0;
    if (current && kept === 0) return; // nothing kept: the same buffers take the next rows
    const width = preprocessor!.width;
    if (current) out.batch({ ...current, rows: kept, width, text, categories, read, bytesRead });
    current = await out.buffers(width);
    categories = sliceValues ? [] : null;
    text = preprocessor!.textWidth > 0 ? [] : null;
    kept = 0;
  }

  const sink: CsvSink = {
    header(names) {
      const plan = planColumns(names, schema, request.mapping);
      if (!plan.ok || plan.labelIndex === null) {
        problems = { header: names, problems: plan.problems };
        return;
      }
      const sliceIndex = request.sliceBy === null ? -1 : names.indexOf(request.sliceBy);
      labelValues = new ColumnValues(plan.labelIndex);
      sliceValues = sliceIndex >= 0 ? new ColumnValues(sliceIndex, 64) : null;
      preprocessor = createInputEncoder(schema, plan);
      return flush(0);
    },
    async rows(block, firstIndex) {
      const p = preprocessor!;
      const width = p.width;
      for (let r = 0; r < block.count; r++) {
        const { x, labels } = current!;
        // Unknown or missing labels are dropped before encoding, so the feature stats count only evaluated rows.
        const label = labelOf(block, r);
        if (label === null) {
          unknownLabels++;
          drop(firstIndex + r);
        } else if (p.encodeBlockRow(block, r, x, kept * width, text ?? undefined, kept * p.textWidth) === 'dropped') drop(firstIndex + r);
        else {
          labels[kept++] = label;
          if (categories) categories.push(sliceValues!.text(block, r));
        }
        if (++rowsInBatch === batchSize) await flush(firstIndex + r + 1);
      }
      rowCount = firstIndex + block.count;
    },
    ragged(index) {
      raggedRows++;
      drop(index);
      rowCount = index + 1;
    },
    progress(n) {
      bytesRead = n;
      out.progress(n, rowCount);
    },
    stop: () => problems !== null || out.stopped(),
  };

  // A copy of each chunk goes to the caller: the parser still reads its bytes after this call.
  const read = await streamDataset(source, (totalBytes) => (out.size(totalBytes), sink), (chunk) => out.bytes(chunk.slice()));
  if (problems) return problems;
  if (read.status === 'stopped') throw new Error('The evaluation was stopped.');
  bytesRead = read.bytesRead;
  if (kept > 0) out.batch({ ...current!, rows: kept, width: preprocessor!.width, text, categories, read: rowCount, bytesRead });
  return { dropped, droppedCount, unknownLabels, raggedRows, rowCount, issues: preprocessor!.stats(), bytes: read.bytesRead };
}

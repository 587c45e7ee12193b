// What the verification worker does with one saved evaluation, in one pass over the stored CSV
// with the browser's own reader and preprocessing (lib/evaluation): which rows are evaluable and
// their labels, the metrics recomputed from the uploaded predictions, and the model run by the
// server on a random sample of the rows, compared with what the browser uploaded for them.
import { labelEncoder } from '@/lib/evaluation/labels';
import { planColumns, type EvaluationSchema } from '@/lib/evaluation/plan';
import { createInputEncoder } from '@/lib/evaluation/encoder';
import type { Preprocessor } from '@/lib/evaluation/preprocess';
import { ColumnValues } from '@/lib/evaluation/row-block';
import { outputsPerRow, summarise, type MetricSummary } from '@/lib/evaluation/summary';
import { streamCsv } from '@/lib/evaluation/worker/csv-stream';
import type { OutputSchema, TaskType } from '@/lib/validation/catalog';
import { predictorFor, type ModelFile, type ModelFormat } from './predictors';
import { pickSample } from './sample';
import { rowsAgree } from './tolerance';

export type VerifyJob = {
  csv: Uint8Array;
  schema: EvaluationSchema & { outputSchema: OutputSchema };
  taskType: TaskType;
  /** Feature or target name -> CSV column, as the browser planned it. */
  mapping: Record<string, string>;
  predictions: Float32Array;
  threshold: number;
  model: { format: ModelFormat; files: ModelFile[] };
  sampleRows: number;
};

export type VerifyOutcome =
  | { status: 'unusable'; message: string }
  | { status: 'length'; evaluable: number; claimed: number }
  | { status: 'model'; message: string }
  | {
      status: 'checked';
      evaluated: number;
      /** 0-based data-row indexes that were not evaluable, ascending. */
      dropped: number[];
      metrics: MetricSummary;
      sampled: number;
      /** Data-row indexes of the sampled rows whose uploaded outputs disagree with the server's. */
      disagreeing: number[];
    };

export async function checkEvaluation(job: VerifyJob): Promise<VerifyOutcome> {
  const { schema, taskType } = job;
  const k = outputsPerRow(taskType, schema.outputSchema.classLabels?.length ?? 0);
  const claimed = Math.floor(job.predictions.length / k);
  if (claimed * k !== job.predictions.length) return { status: 'length', evaluable: -1, claimed: job.predictions.length / k };
  // Chosen now, after the predictions arrived: positions among the evaluable rows, in order.
  const sample = pickSample(claimed, job.sampleRows);

  let encodeLabel: (text: string) => number | null;
  try {
    encodeLabel = labelEncoder(schema.outputSchema, taskType);
  } catch (e) {
    return { status: 'unusable', message: e instanceof Error ? e.message : String(e) };
  }
  let unusable: string | null = null;
  let pre: Preprocessor | null = null;
  let labelValues: ColumnValues | null = null;
  const labelCodes: (number | null)[] = [];
  const labels = new Float64Array(claimed);
  const dropped: number[] = [];
  let evaluable = 0;
  let scratch = new Float32Array(0);
  let sampleX = new Float32Array(0);
  // The sampled rows' raw string inputs (a graph with one input per feature), textWidth a row.
  let sampleText: string[] = [];
  let rowText: string[] = [];
  const sampleRowIndex = new Int32Array(sample.length);
  let next = 0; // the next sample position to fill

  const result = await streamCsv(new Blob([job.csv as Uint8Array<ArrayBuffer>]), {
    header(names) {
      const plan = planColumns(names, schema, job.mapping);
      if (!plan.ok || plan.labelIndex === null) {
        unusable = plan.problems.map((p) => p.message).join(' ');
        return;
      }
      pre = createInputEncoder(schema, plan);
      labelValues = new ColumnValues(plan.labelIndex);
      scratch = new Float32Array(pre.width);
      rowText = new Array<string>(pre.textWidth);
      sampleX = new Float32Array(sample.length * pre.width);
    },
    async rows(block, firstIndex) {
      const p = pre!;
      const values = labelValues!;
      for (let r = 0; r < block.count; r++) {
        // As the browser's reader does: the label first, so an unknown one drops the row unencoded.
        const id = values.id(block, r);
        let label: number | null;
        if (id < 0) label = encodeLabel(block.field(r, values.column));
        else {
          if (id === labelCodes.length) labelCodes.push(encodeLabel(values.texts[id]!));
          label = labelCodes[id] ?? null;
        }
        if (label === null || p.encodeBlockRow(block, r, scratch, 0, rowText, 0) === 'dropped') {
          dropped.push(firstIndex + r);
          continue;
        }
        if (evaluable < claimed) {
          labels[evaluable] = label;
          if (next < sample.length && sample[next] === evaluable) {
            sampleX.set(scratch, next * p.width);
            for (let j = 0; j < p.textWidth; j++) sampleText.push(rowText[j]!);
            sampleRowIndex[next++] = firstIndex + r;
          }
        }
        evaluable++;
      }
    },
    // As the browser's reader does: a row with too few or too many fields is left out, keeping its index.
    ragged: (index) => void dropped.push(index),
    progress: () => undefined,
    stop: () => unusable !== null,
  });
  if (unusable !== null || result.status === 'stopped' || !pre) return { status: 'unusable', message: unusable ?? 'The stored dataset has no header row.' };
  if (evaluable !== claimed) return { status: 'length', evaluable, claimed };

  const metrics = summarise(taskType, job.predictions, labels, { classCount: k, threshold: job.threshold });
  const width = (pre as Preprocessor).width;
  let server: { values: Float32Array; units: number };
  try {
    const model = await predictorFor(job.model.format).load(job.model.files, schema.rawInputs ?? null);
    try {
      server = sample.length === 0 ? { values: new Float32Array(0), units: k } : await model.predict(sampleX, sample.length, width, sampleText);
    } finally {
      model.dispose();
    }
  } catch (e) {
    return { status: 'model', message: e instanceof Error ? e.message : String(e) };
  }
  const outputs = serverOutputs(taskType, schema.outputSchema, server, sample.length, k);
  if (typeof outputs === 'string') return { status: 'model', message: outputs };

  const disagreeing: number[] = [];
  for (let i = 0; i < sample.length; i++) {
    const at = sample[i]!;
    const mine = outputs.subarray(i * k, (i + 1) * k);
    const theirs = job.predictions.subarray(at * k, (at + 1) * k);
    if (!rowsAgree(taskType, theirs, mine, job.threshold)) disagreeing.push(sampleRowIndex[i]!);
  }
  return { status: 'checked', evaluated: evaluable, dropped, metrics, sampled: sample.length, disagreeing };
}

/** The model's outputs as the browser's scorer records them: k values a row (P(positive) for a two-unit binary softmax). */
function serverOutputs(taskType: TaskType, outputSchema: OutputSchema, out: { values: Float32Array; units: number }, rows: number, k: number): Float32Array | string {
  const { values, units } = out;
  if (taskType === 'binary_classification') {
    if (units === 1) return values;
    if (units !== 2) return `A binary classifier should output 1 unit (sigmoid) or 2 (softmax); this model outputs ${units}.`;
    const classes = outputSchema.classLabels ?? [];
    const positive = classes.indexOf(outputSchema.positiveClass ?? classes[1] ?? '');
    return Float32Array.from({ length: rows }, (_, r) => values[r * 2 + positive] ?? Number.NaN);
  }
  if (units !== k) return `The model outputs ${units} units a row; the evaluation recorded ${k}.`;
  return values;
}

// Trust but verify: for a dataset stored on the server, rebuild which rows are evaluable and their
// labels from the stored CSV (the same planning, preprocessing and label rules the browser uses),
// then recompute the metrics from the uploaded predictions with the shared metrics module.
import { parseCsv } from '@/lib/datasets/csv';
import { labelEncoder } from '@/lib/evaluation/labels';
import { planColumns, type EvaluationSchema } from '@/lib/evaluation/plan';
import { createPreprocessor } from '@/lib/evaluation/preprocess';
import { outputsPerRow, summarise, type MetricSummary } from '@/lib/evaluation/summary';
import type { TaskType } from '@/lib/validation/catalog';
import { ValidationError } from '@/server/errors';

export function recomputeFromStoredDataset(args: {
  csv: string;
  schema: EvaluationSchema;
  taskType: TaskType;
  labelColumn: string;
  predictions: Float32Array;
  threshold: number;
}): { metrics: MetricSummary; dropped: number[]; evaluated: number } {
  const { header, rows } = parseCsv(args.csv);
  const target = args.schema.outputSchema?.target;
  const mapping = target && args.labelColumn !== target ? { [target]: args.labelColumn } : {};
  const plan = planColumns(header, args.schema, mapping);
  if (!plan.ok || plan.labelIndex === null) {
    throw new ValidationError(`The stored dataset cannot be evaluated for this version: ${plan.problems.map((p) => p.message).join(' ')}`, { rule: 'dataset_unusable' });
  }
  if (!args.schema.outputSchema) throw new ValidationError('This version has no output schema, so its labels are unknown.', { rule: 'no_output_schema' });
  const encodeLabel = labelEncoder(args.schema.outputSchema, args.taskType);
  const pre = createPreprocessor(args.schema, plan);
  const scratch = new Float32Array(pre.width);
  const labels: number[] = [];
  const dropped: number[] = [];
  rows.forEach((fields, index) => {
    const label = encodeLabel(fields[plan.labelIndex ?? -1] ?? '');
    if (pre.encodeRow(fields, scratch, 0) === 'dropped' || label === null) dropped.push(index);
    else labels.push(label);
  });
  const k = outputsPerRow(args.taskType, args.schema.outputSchema.classLabels?.length ?? 0);
  if (args.predictions.length !== labels.length * k) {
    throw new ValidationError(
      `The predictions cover ${args.predictions.length / k} rows but ${labels.length} rows of the stored dataset are evaluable.`,
      { rule: 'predictions_length' },
    );
  }
  const metrics = summarise(args.taskType, args.predictions, labels, { classCount: k, threshold: args.threshold });
  return { metrics, dropped, evaluated: labels.length };
}

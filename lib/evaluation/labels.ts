// Label text from a dataset -> the number the metrics compare predictions with, following the
// version's output schema. Unknown or missing labels come back as null; the caller counts them.
import { isMissing, parseNumber } from '@/lib/datasets/csv';
import type { OutputSchema, TaskType } from '@/lib/validation/catalog';

export type LabelEncoder = (label: string) => number | null;

/**
 * binary: positive class -> 1, the other class label -> 0 (positive defaults to classLabels[1]);
 * multiclass: the index in classLabels (the order of the model's output units);
 * regression: the number. Throws when the output schema cannot say what a label means.
 */
export function labelEncoder(outputSchema: OutputSchema, taskType: TaskType): LabelEncoder {
  if (taskType === 'regression') return (label) => (isMissing(label) ? null : parseNumber(label));

  const classes = outputSchema.classLabels ?? [];
  let index: Map<string, number>;
  if (taskType === 'binary_classification') {
    if (classes.length !== 2) throw new Error(`A binary classifier's output schema must list exactly two class labels; this one lists ${classes.length}.`);
    const positive = outputSchema.positiveClass ?? classes[1];
    if (positive === undefined || !classes.includes(positive)) throw new Error(`The positive class “${positive}” is not one of the class labels.`);
    index = new Map(classes.map((c) => [c, c === positive ? 1 : 0]));
  } else {
    if (classes.length < 2) throw new Error('A multiclass classifier\'s output schema must list its class labels in output-unit order.');
    index = new Map(classes.map((c, i) => [c, i]));
  }
  // Exact first: a label may legitimately differ from another only by spaces; then trimmed, for padded exports.
  return (label) => index.get(label) ?? index.get(label.trim()) ?? null;
}

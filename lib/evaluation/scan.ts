// The pre-run check of a dataset's first rows against a version: rows with too few or too many
// fields, and per mapped column, values of the wrong type, unknown categories, out-of-range numbers,
// missing values and unusable labels, each with counts, a few examples and what the run will do with those rows. Pure and isomorphic; it
// follows the same rules as the preprocessor (lib/evaluation/preprocess) and the label encoder.
import { isMissing, parseNumber } from '@/lib/datasets/csv';
import type { TaskType } from '@/lib/validation/catalog';
import { labelEncoder, type LabelEncoder } from './labels';
import type { ColumnPlan, EvaluationSchema } from './plan';
import { numericFill } from './preprocess';

/** How many data rows the page reads before Run to look for problems. */
export const SCAN_ROWS = 1000;
const MAX_EXAMPLES = 3;
const MAX_EXAMPLE_LENGTH = 40;
const MAX_ROW_EXAMPLES = 5;

type ScanFindingKind = 'wrong_type' | 'unknown_category' | 'missing_values' | 'unknown_label' | 'out_of_range';
/** row_dropped: left out of the metrics; filled: imputed as the spec says; encoded_unknown: encoded as an unknown category; kept: encoded as is. */
export type ScanOutcome = 'row_dropped' | 'filled' | 'encoded_unknown' | 'kept';

type ColumnFinding = {
  kind: ScanFindingKind;
  /** The feature, or the output schema's target for the label column. */
  feature: string;
  column: string;
  /** Cells among the scanned rows. */
  count: number;
  /** Distinct values among those cells. */
  distinct: number;
  /** Up to MAX_EXAMPLES distinct values as written (long ones shortened). */
  examples: string[];
  outcome: ScanOutcome;
  /** One sentence: what was found and what the run will do. */
  message: string;
};

/** Rows with too few or too many fields: no value can be trusted to its column, so the run leaves them out. */
type RaggedRowsFinding = {
  kind: 'wrong_field_count';
  /** Rows among the scanned rows. */
  count: number;
  /** The first few of them: 1-based data-row numbers (below the header, blank lines not counted) and their field counts. */
  rows: { row: number; fields: number }[];
  outcome: 'row_dropped';
  message: string;
};

export type ScanFinding = RaggedRowsFinding | ColumnFinding;

export type DataScan = {
  rowsScanned: number;
  /** Rows with at least one missing value (or a text in a numeric column, read as missing) in a mapped column. */
  rowsWithMissing: number;
  /** Of those, rows the run fills (as the spec says) and keeps. */
  rowsWithMissingKept: number;
  /** Every scanned row the run would leave out: too few or too many fields, a missing value with no fill, or a missing or unknown label. */
  rowsDropped: number;
  findings: ScanFinding[];
};

type Tally = { count: number; values: Map<string, number> };
type Column = { feature: string; column: string; tallies: Map<ScanFindingKind, Tally> };

/** "1 row has" / "12 rows have". */
const rowsHave = (n: number) => (n === 1 ? '1 row has' : `${n.toLocaleString('en')} rows have`);
const quoted = (values: string[]) => values.map((v) => `“${v}”`).join(', ');
const shorten = (v: string) => (v.length > MAX_EXAMPLE_LENGTH ? `${v.slice(0, MAX_EXAMPLE_LENGTH - 1)}…` : v);
const listed = (values: string[], max = 5) => quoted(values.slice(0, max)) + (values.length > max ? `, … (${values.length} in all)` : '');

function tally(col: Column, kind: ScanFindingKind, value: string) {
  let t = col.tallies.get(kind);
  if (!t) col.tallies.set(kind, (t = { count: 0, values: new Map() }));
  t.count++;
  t.values.set(value, (t.values.get(value) ?? 0) + 1);
}

/** Most frequent first, so the examples are the values worth fixing first. */
function examplesOf(t: Tally): string[] {
  return [...t.values.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_EXAMPLES)
    .map(([v]) => shorten(v));
}

/**
 * Scans `rows` (data rows of a file whose header `plan` was made from) as the run would encode them.
 * A row with another field count than the header's is left out, as the run does. Columns the plan
 * could not resolve are skipped: the column plan already reports them.
 */
export function scanRows(rows: string[][], schema: EvaluationSchema, plan: ColumnPlan, header: string[], taskType: TaskType): DataScan {
  const features = new Map(schema.inputSchema.features.map((f) => [f.name, f]));
  const columns: Column[] = [];
  const newColumn = (feature: string, index: number) => {
    const c: Column = { feature, column: header[index] ?? feature, tallies: new Map() };
    columns.push(c);
    return c;
  };

  type NumericCheck = { col: Column; index: number; drops: boolean; lo: number; hi: number };
  type CategoricalCheck = { col: Column; index: number; known: Set<string> };
  const numeric: NumericCheck[] = [];
  const categorical: CategoricalCheck[] = [];
  // What happens to a missing value of each feature: dropsRow, and the words for it.
  const treatment = new Map<Column, { dropsRow: boolean; text: string }>();
  for (const m of schema.rawInputs ?? []) {
    // A graph with one input per feature: values go to it raw, and it encodes them itself.
    const index = plan.columnIndex[m.feature];
    if (index === undefined || columns.some((c) => c.feature === m.feature)) continue;
    const col = newColumn(m.feature, index);
    const f = features.get(m.feature);
    if (m.elemType === 'string') {
      categorical.push({ col, index, known: new Set(f?.categories ?? []) });
      treatment.set(col, { dropsRow: false, text: 'passed to the graph as it is (an empty string when missing), which encodes it itself' });
      continue;
    }
    const drops = m.elemType === 'int64';
    numeric.push({ col, index, drops, lo: f?.min ?? -Infinity, hi: f?.max ?? Infinity });
    treatment.set(col, drops ? { dropsRow: true, text: 'left out of the metrics: the graph takes it as an int64, which has no missing value' } : { dropsRow: false, text: 'passed to the graph as NaN, for its own imputer' });
  }
  const steps = schema.rawInputs ? [] : (schema.preprocessing?.steps ?? []);
  const missingSpec = schema.preprocessing?.missingNumeric ?? { strategy: 'drop_row' as const };
  for (const step of steps) {
    const index = plan.columnIndex[step.feature];
    if (index === undefined || columns.some((c) => c.feature === step.feature)) continue;
    const col = newColumn(step.feature, index);
    if (step.kind === 'one_hot' || step.kind === 'ordinal') {
      categorical.push({ col, index, known: new Set(step.categories) });
      const text = step.kind === 'one_hot' ? 'encoded as all zeros in its one-hot columns' : 'encoded as -1, its ordinal code for an unknown category';
      treatment.set(col, { dropsRow: false, text });
      continue;
    }
    const fill = numericFill(step, missingSpec);
    const f = features.get(step.feature);
    numeric.push({ col, index, drops: Number.isNaN(fill), lo: f?.min ?? -Infinity, hi: f?.max ?? Infinity });
    const source = missingSpec.strategy === 'constant' ? 'the spec’s constant fill' : step.kind === 'min_max' ? 'the midpoint of its training range, as no mean was recorded' : 'the training mean';
    treatment.set(
      col,
      !Number.isNaN(fill)
        ? { dropsRow: false, text: `filled with ${fill.toLocaleString('en', { maximumFractionDigits: 6 })} (${source})` }
        : {
            dropsRow: true,
            text: missingSpec.strategy === 'drop_row' ? 'left out of the metrics, as the spec says (missing numeric values: drop_row)' : 'left out of the metrics: a passthrough step records no training mean to fill with',
          },
    );
  }

  let encode: LabelEncoder | null = null;
  let label: Column | null = null;
  if (schema.outputSchema && plan.labelIndex !== null) {
    try {
      encode = labelEncoder(schema.outputSchema, taskType);
      label = newColumn(schema.outputSchema.target, plan.labelIndex);
    } catch {
      // An output schema that cannot encode labels fails the run with its own message.
    }
  }

  let rowsWithMissing = 0;
  let rowsWithMissingKept = 0;
  let rowsDropped = 0;
  const ragged: RaggedRowsFinding['rows'] = [];
  let raggedCount = 0;
  for (const [i, fields] of rows.entries()) {
    if (fields.length !== header.length) {
      if (raggedCount++ < MAX_ROW_EXAMPLES) ragged.push({ row: i + 1, fields: fields.length });
      rowsDropped++;
      continue;
    }
    let missing = false;
    let dropped = false;
    if (label && encode && plan.labelIndex !== null) {
      const text = fields[plan.labelIndex] ?? '';
      if (isMissing(text)) {
        tally(label, 'missing_values', text);
        missing = dropped = true;
      } else if (encode(text) === null) {
        tally(label, taskType === 'regression' ? 'wrong_type' : 'unknown_label', text);
        dropped = true;
      }
    }
    for (const n of numeric) {
      const text = fields[n.index] ?? '';
      let absent = false;
      if (isMissing(text)) {
        tally(n.col, 'missing_values', text);
        absent = true;
      } else {
        const v = parseNumber(text);
        if (v === null) {
          tally(n.col, 'wrong_type', text);
          absent = true;
        } else if (v < n.lo || v > n.hi) tally(n.col, 'out_of_range', text);
      }
      if (absent) {
        missing = true;
        if (n.drops) dropped = true;
      }
    }
    for (const c of categorical) {
      const text = fields[c.index] ?? '';
      if (isMissing(text)) {
        tally(c.col, 'missing_values', text);
        missing = true;
      } else if (!c.known.has(text) && !c.known.has(text.trim())) tally(c.col, 'unknown_category', text.trim());
    }
    if (missing) rowsWithMissing++;
    if (dropped) rowsDropped++;
    else if (missing) rowsWithMissingKept++;
  }

  const findings: ScanFinding[] = [];
  if (raggedCount > 0) {
    const they = raggedCount === 1 ? 'that row is' : 'those rows are';
    findings.push({
      kind: 'wrong_field_count',
      count: raggedCount,
      rows: ragged,
      outcome: 'row_dropped',
      message: `${rowsHave(raggedCount)} too few or too many fields for the header's ${header.length} columns; ${they} left out of the metrics. Check for a missing or extra comma, or an unquoted comma inside a value.`,
    });
  }
  const order: ScanFindingKind[] = ['wrong_type', 'missing_values', 'unknown_category', 'unknown_label', 'out_of_range'];
  for (const col of columns) {
    const isLabel = col === label;
    for (const kind of order) {
      const t = col.tallies.get(kind);
      if (!t) continue;
      const examples = examplesOf(t);
      const base = { kind, feature: col.feature, column: col.column, count: t.count, distinct: t.values.size, examples };
      findings.push({ ...base, ...describe(kind, col, t.count, isLabel) });
    }
  }
  return { rowsScanned: rows.length, rowsWithMissing, rowsWithMissingKept, rowsDropped, findings };

  function describe(kind: ScanFindingKind, col: Column, count: number, isLabel: boolean): { outcome: ScanOutcome; message: string } {
    const where = col.column === col.feature ? `“${col.column}”` : `“${col.column}” (for “${col.feature}”)`;
    const have = rowsHave(count);
    const they = count === 1 ? 'that row is' : 'those rows are';
    if (isLabel) {
      const classes = schema.outputSchema?.classLabels ?? [];
      const what =
        kind === 'missing_values'
          ? `${have} no label in ${where}`
          : kind === 'wrong_type'
            ? `${have} a label in ${where} that is not a number`
            : `${have} a label in ${where} that is not one of the class labels (${listed(classes)})`;
      return { outcome: 'row_dropped', message: `${what}; ${they} left out of the metrics.` };
    }
    const feature = features.get(col.feature);
    const { dropsRow, text } = treatment.get(col) ?? { dropsRow: false, text: '' };
    const fate = dropsRow ? `${they} ${text}` : `the value is ${text}`;
    const never = feature && !feature.allowMissing ? ' The input schema says it is never missing.' : '';
    switch (kind) {
      case 'wrong_type':
        return { outcome: dropsRow ? 'row_dropped' : 'filled', message: `${have} text in the numeric column ${where}; it is read as missing, and ${fate}.` };
      case 'missing_values':
        if (categorical.some((c) => c.col === col)) return { outcome: 'encoded_unknown', message: `${have} no value in ${where}; like an unknown category, ${fate}.${never}` };
        return { outcome: dropsRow ? 'row_dropped' : 'filled', message: `${have} no value in ${where}; ${fate}.${never}` };
      case 'unknown_category': {
        const known = [...(categorical.find((c) => c.col === col)?.known ?? [])];
        return { outcome: 'encoded_unknown', message: `${have} a category in ${where} that the version does not know (it knows ${listed(known)}); ${fate}.` };
      }
      case 'out_of_range':
        return { outcome: 'kept', message: `${have} a value in ${where} outside the input schema's range [${feature?.min ?? '−∞'}, ${feature?.max ?? '∞'}]; it is encoded as it is.` };
      case 'unknown_label':
        return { outcome: 'row_dropped', message: '' }; // only for the label, above
    }
  }
}

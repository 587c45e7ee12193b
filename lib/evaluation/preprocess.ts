// Raw CSV fields -> the model's input tensor, exactly as training did (the recorded spec, in step
// order), plus counts of what was wrong with the data. Isomorphic and TF.js-free: it fills
// Float32Arrays that the caller hands to whatever runs the model.
import { isMissing, parseNumber } from '@/lib/datasets/csv';
import { isMissingBytes, parseNumberBytes } from '@/lib/datasets/csv-bytes';
import { ColumnValues, type RowBlock } from './row-block';
import type { PreprocessingSpec, PreprocessingStep } from '@/lib/validation/catalog';
import type { ColumnPlan, EvaluationSchema } from './plan';

/** Per feature. Numeric counts (missing, nonNumeric, outOfRange) cover every row read; the rest only rows kept, except `dropped`. */
type FeatureIssues = {
  missing: number; // missing tokens (NA, '', ?, ...)
  nonNumeric: number; // text in a numeric feature; treated as missing
  filled: number; // numeric cells replaced by the fill value
  dropped: number; // rows dropped because this feature had no value and no fill
  outOfRange: number; // outside the input schema's min/max; still encoded as is
  unknown: Record<string, number>; // unknown category -> count, at most MAX_UNKNOWN_KINDS distinct
  unknownOther: number; // unknown categories beyond that cap
};
export type RowIssues = { rowsRead: number; rowsDropped: number; features: Record<string, FeatureIssues> };
export type Preprocessor = {
  width: number;
  /** Text values a row, written to `text` from `textOffset` (raw string inputs of an ONNX graph, raw-inputs.ts); 0 for a spec. */
  textWidth: number;
  encodeRow(fields: string[], out: Float32Array, offset: number, text?: string[], textOffset?: number): 'ok' | 'dropped';
  /** encodeRow for row r of a block streamed by the evaluation worker (same values, same counts). */
  encodeBlockRow(block: RowBlock, r: number, out: Float32Array, offset: number, text?: string[], textOffset?: number): 'ok' | 'dropped';
  encodeBatch(rows: string[][]): { x: Float32Array; rows: number; dropped: number; labels: string[]; text?: string[] };
  stats(): RowIssues;
};

export const MAX_UNKNOWN_KINDS = 20;

type Counts = Omit<FeatureIssues, 'unknown'> & { unknown: Map<string, number> };
// kind: 0 standardize, 1 min_max, 2 passthrough. fill NaN = no fill value, so the row is dropped.
type NumericStep = { col: number; at: number; kind: 0 | 1 | 2; a: number; b: number; fill: number; lo: number; hi: number; counts: Counts };
type CategoricalStep = { col: number; at: number; oneHot: boolean; width: number; index: Map<string, number>; counts: Counts };
// What a categorical value encodes to, kept by its ColumnValues number: the category's index, or one of these.
const UNSEEN = -3;
const MISSING_VALUE = -2;
const UNKNOWN_VALUE = -1;

/**
 * Throws when the plan cannot feed the tensor (anything but a missing label). Unknown categories
 * (and missing categorical values) encode as all zeros for one_hot and -1 for ordinal, as in training.
 */
export function createPreprocessor(schema: EvaluationSchema, plan: ColumnPlan): Preprocessor {
  const blocking = plan.problems.filter((p) => p.kind !== 'missing_label');
  if (blocking.length > 0) throw new Error(blocking.map((p) => p.message).join(' '));
  const spec = schema.preprocessing;
  if (!spec) throw new Error('The version records no preprocessing spec, so its input tensor cannot be built.');
  const features = new Map(schema.inputSchema.features.map((f) => [f.name, f]));
  const missing = spec.missingNumeric;
  const all: Record<string, Counts> = {};
  const numeric: NumericStep[] = [];
  const categorical: CategoricalStep[] = [];
  let width = 0;
  for (const step of spec.steps) {
    const counts: Counts = { missing: 0, nonNumeric: 0, filled: 0, dropped: 0, outOfRange: 0, unknown: new Map(), unknownOther: 0 };
    all[step.feature] = counts;
    const col = plan.columnIndex[step.feature] ?? -1;
    if (step.kind === 'one_hot' || step.kind === 'ordinal') {
      const oneHot = step.kind === 'one_hot';
      const w = oneHot ? step.categories.length : 1;
      categorical.push({ col, at: width, oneHot, width: w, index: new Map(step.categories.map((c, i) => [c, i])), counts });
      width += w;
      continue;
    }
    const fill = numericFill(step, missing);
    const f = features.get(step.feature);
    const [kind, a, b] = step.kind === 'standardize' ? [0, step.mean, step.std] as const : step.kind === 'min_max' ? [1, step.min, step.max] as const : [2, 0, 0] as const;
    numeric.push({ col, at: width, kind, a, b, fill, lo: f?.min ?? -Infinity, hi: f?.max ?? Infinity, counts });
    width += 1;
  }
  const values = new Float64Array(numeric.length); // scratch: parsed numbers of the current row
  const categoryValues = categorical.map((s) => {
    const values = new ColumnValues(s.col);
    return { values, codes: new Int32Array(values.size).fill(UNSEEN) };
  });
  let rowsRead = 0;
  let rowsDropped = 0;

  /** Counts one numeric cell and returns its value, NaN when it has none (`parsed` is NaN when it is not a number). */
  function numericCell(s: NumericStep, missingCell: boolean, parsed: number): number {
    if (missingCell) {
      s.counts.missing++;
      return Number.NaN;
    }
    if (Number.isNaN(parsed)) {
      s.counts.nonNumeric++;
      return Number.NaN;
    }
    if (parsed < s.lo || parsed > s.hi) s.counts.outOfRange++;
    return parsed;
  }

  /** The numeric part of the row from `values`; false (the row is dropped) when a cell has no value and no fill. */
  function writeNumeric(out: Float32Array, offset: number): boolean {
    let drop = false;
    for (let i = 0; i < numeric.length; i++) if (Number.isNaN(values[i]!) && Number.isNaN(numeric[i]!.fill)) drop = true;
    if (drop) {
      rowsDropped++;
      for (let i = 0; i < numeric.length; i++) if (Number.isNaN(values[i]!) && Number.isNaN(numeric[i]!.fill)) numeric[i]!.counts.dropped++;
      return false;
    }
    for (let i = 0; i < numeric.length; i++) {
      const s = numeric[i]!;
      let x = values[i]!;
      if (Number.isNaN(x)) {
        x = s.fill;
        s.counts.filled++;
      }
      // Same float64 expressions as training (no precomputed reciprocals), so the Float32 result is bit-identical.
      out[offset + s.at] = s.kind === 0 ? (x - s.a) / s.b : s.kind === 1 ? (s.b > s.a ? (x - s.a) / (s.b - s.a) : 0) : x;
    }
    return true;
  }

  const categoryCode = (s: CategoricalStep, text: string) => (isMissing(text) ? MISSING_VALUE : (s.index.get(text) ?? s.index.get(text.trim()) ?? UNKNOWN_VALUE));

  /** Counts one categorical cell and writes it; `code` from categoryCode(text). */
  function categoricalCell(s: CategoricalStep, code: number, text: string, out: Float32Array, offset: number) {
    if (code === MISSING_VALUE) s.counts.missing++;
    else if (code === UNKNOWN_VALUE) countUnknown(s.counts, text.trim());
    const at = code >= 0 ? code : -1;
    if (s.oneHot) {
      const first = offset + s.at;
      for (let j = 0; j < s.width; j++) out[first + j] = 0; // a loop: fill() costs more for a few values
      if (at >= 0) out[first + at] = 1;
    } else out[offset + s.at] = at;
  }

  function encodeRow(fields: string[], out: Float32Array, offset: number): 'ok' | 'dropped' {
    rowsRead++;
    for (let i = 0; i < numeric.length; i++) {
      const text = fields[numeric[i]!.col] ?? '';
      const missingCell = isMissing(text);
      values[i] = numericCell(numeric[i]!, missingCell, missingCell ? Number.NaN : (parseNumber(text) ?? Number.NaN));
    }
    if (!writeNumeric(out, offset)) return 'dropped';
    for (const s of categorical) {
      const text = fields[s.col] ?? '';
      categoricalCell(s, categoryCode(s, text), text, out, offset);
    }
    return 'ok';
  }

  /** encodeRow for row r of a streamed block, reading plain rows' numbers from their bytes. */
  function encodeBlockRow(block: RowBlock, r: number, out: Float32Array, offset: number): 'ok' | 'dropped' {
    if (block.text || !block.plain[r]) return encodeRow(block.fields(r), out, offset);
    rowsRead++;
    const { bytes, start, end } = block;
    const base = r * block.width;
    for (let i = 0; i < numeric.length; i++) {
      const s = numeric[i]!;
      const from = start[base + s.col]!;
      const to = end[base + s.col]!;
      // A missing token is never a number, so the common case needs one look at the bytes.
      const parsed = parseNumberBytes(bytes, from, to);
      values[i] = numericCell(s, Number.isNaN(parsed) && isMissingBytes(bytes, from, to), parsed);
    }
    if (!writeNumeric(out, offset)) return 'dropped';
    for (let i = 0; i < categorical.length; i++) {
      const s = categorical[i]!;
      const { values: seen, codes } = categoryValues[i]!;
      const id = seen.id(block, r);
      if (id < 0) {
        const text = block.field(r, s.col);
        categoricalCell(s, categoryCode(s, text), text, out, offset);
        continue;
      }
      let code = codes[id]!;
      if (code === UNSEEN) code = codes[id] = categoryCode(s, seen.texts[id]!);
      categoricalCell(s, code, seen.texts[id]!, out, offset);
    }
    return 'ok';
  }

  function encodeBatch(rows: string[][]) {
    let x = new Float32Array(rows.length * width);
    const labels: string[] = [];
    let kept = 0;
    for (const fields of rows) {
      if (encodeRow(fields, x, kept * width) === 'dropped') continue;
      if (plan.labelIndex !== null) labels.push(fields[plan.labelIndex] ?? '');
      kept++;
    }
    // A copy, not a view, so the buffer can be transferred to or from a worker at its real size.
    if (kept < rows.length) x = x.slice(0, kept * width);
    return { x, rows: kept, dropped: rows.length - kept, labels };
  }

  function stats(): RowIssues {
    const features: Record<string, FeatureIssues> = {};
    for (const [name, c] of Object.entries(all)) features[name] = { ...c, unknown: Object.fromEntries(c.unknown) };
    return { rowsRead, rowsDropped, features };
  }

  return { width, textWidth: 0, encodeRow, encodeBlockRow, encodeBatch, stats };
}

type NumericStepSpec = Exclude<PreprocessingStep, { kind: 'one_hot' | 'ordinal' }>;

/** What a missing (or non-numeric) cell of a numeric step becomes; NaN means the row is dropped. */
export function numericFill(step: NumericStepSpec, missing: PreprocessingSpec['missingNumeric']): number {
  // The training mean lives in the standardize step; min_max falls back to its midpoint and
  // passthrough has none (the plan refuses that when the schema allows missing values).
  const mean = step.kind === 'standardize' ? step.mean : step.kind === 'min_max' ? (step.min + step.max) / 2 : Number.NaN;
  return missing.strategy === 'mean' ? mean : missing.strategy === 'constant' ? missing.value : Number.NaN;
}

function countUnknown(counts: Counts, value: string) {
  const seen = counts.unknown.get(value);
  if (seen !== undefined) counts.unknown.set(value, seen + 1);
  else if (counts.unknown.size < MAX_UNKNOWN_KINDS) counts.unknown.set(value, 1);
  else counts.unknownOther++;
}

// Raw CSV fields -> the inputs of an ONNX graph with one named input per feature (a pipeline exported
// with its own column transformer): no preprocessing spec, each feature's raw value goes to its own
// input. Numbers are parsed as for any version (float32, like the matrix path); a missing or
// unreadable number is NaN for a float input (the graph's own imputer decides) and drops the row for
// an int64 input, which has no NaN; a categorical value goes as its text, a missing one as "".
// Isomorphic: the browser's evaluation worker and the server's verification feed graphs the same way.
import { isMissing, parseNumber } from '@/lib/datasets/csv';
import type { RawFeatureInputs } from '@/lib/validation/artifact-info';
import type { ColumnPlan, EvaluationSchema } from './plan';
import { MAX_UNKNOWN_KINDS, type Preprocessor, type RowIssues } from './preprocess';
import type { RowBlock } from './row-block';

type Counts = RowIssues['features'][string];

/** One graph input's feed: ONNX Runtime's tensor type, its data and dims, ready for `new ort.Tensor(type, data, dims)`. */
export type RawFeed = { input: string; type: 'float32' | 'float64' | 'int64' | 'string'; data: Float32Array | Float64Array | BigInt64Array | string[]; dims: number[] };

/** Which columns of an encoded batch hold each mapped input: numbers in x (row-major, `width` a row), strings in text (`textWidth` a row). */
function layout(mapping: RawFeatureInputs) {
  let numbers = 0;
  let strings = 0;
  return mapping.map((m) => ({ ...m, text: m.elemType === 'string', at: m.elemType === 'string' ? strings++ : numbers++ }));
}

/** The encoder of a version with raw-feature inputs; `createPreprocessor` hands such versions here. */
export function createRawEncoder(schema: EvaluationSchema & { rawInputs: RawFeatureInputs }, plan: ColumnPlan): Preprocessor {
  const features = new Map(schema.inputSchema.features.map((f) => [f.name, f]));
  const all: Record<string, Counts> = {};
  const numeric: { col: number; at: number; int: boolean; lo: number; hi: number; counts: Counts }[] = [];
  const strings: { col: number; at: number; known: Set<string>; counts: Counts }[] = [];
  for (const m of layout(schema.rawInputs)) {
    const counts: Counts = { missing: 0, nonNumeric: 0, filled: 0, dropped: 0, outOfRange: 0, unknown: {}, unknownOther: 0 };
    all[m.feature] = counts;
    const col = plan.columnIndex[m.feature] ?? -1;
    const f = features.get(m.feature);
    if (m.text) strings.push({ col, at: m.at, known: new Set(f?.categories ?? []), counts });
    else numeric.push({ col, at: m.at, int: m.elemType === 'int64', lo: f?.min ?? -Infinity, hi: f?.max ?? Infinity, counts });
  }
  const width = numeric.length;
  const textWidth = strings.length;
  const values = new Float64Array(width);
  let rowsRead = 0;
  let rowsDropped = 0;

  function encode(field: (col: number) => string, out: Float32Array, offset: number, text?: string[], textOffset = 0): 'ok' | 'dropped' {
    rowsRead++;
    let drop = false;
    for (let i = 0; i < numeric.length; i++) {
      const s = numeric[i]!;
      const cell = field(s.col);
      let v = Number.NaN;
      if (isMissing(cell)) s.counts.missing++;
      else {
        const parsed = parseNumber(cell);
        if (parsed === null) s.counts.nonNumeric++;
        else {
          v = parsed;
          if (v < s.lo || v > s.hi) s.counts.outOfRange++;
        }
      }
      if (Number.isNaN(v) && s.int) {
        s.counts.dropped++;
        drop = true;
      }
      values[i] = v;
    }
    if (drop) {
      rowsDropped++;
      return 'dropped';
    }
    for (let i = 0; i < numeric.length; i++) out[offset + numeric[i]!.at] = numeric[i]!.int ? Math.trunc(values[i]!) : values[i]!;
    for (const s of strings) {
      const cell = field(s.col);
      let value = '';
      if (isMissing(cell)) s.counts.missing++;
      else {
        value = s.known.has(cell) ? cell : cell.trim();
        if (s.known.size > 0 && !s.known.has(value)) countUnknown(s.counts, value);
      }
      if (text) text[textOffset + s.at] = value;
    }
    return 'ok';
  }

  return {
    width,
    textWidth,
    encodeRow: (fields, out, offset, text, textOffset) => encode((col) => fields[col] ?? '', out, offset, text, textOffset),
    encodeBlockRow: (block: RowBlock, r, out, offset, text, textOffset) => encode((col) => block.field(r, col), out, offset, text, textOffset),
    encodeBatch(rows) {
      let x = new Float32Array(rows.length * width);
      const text: string[] = [];
      const labels: string[] = [];
      let kept = 0;
      for (const fields of rows) {
        if (encode((col) => fields[col] ?? '', x, kept * width, text, kept * textWidth) === 'dropped') continue;
        if (plan.labelIndex !== null) labels.push(fields[plan.labelIndex] ?? '');
        kept++;
      }
      if (kept < rows.length) x = x.slice(0, kept * width);
      text.length = kept * textWidth;
      return { x, rows: kept, dropped: rows.length - kept, labels, text };
    },
    stats: () => ({ rowsRead, rowsDropped, features: structuredClone(all) }),
  };
}

/** The tensors to feed for `rows` encoded rows: one per graph input, shaped [rows, 1] or [rows] as the graph declares. */
export function rawFeeds(mapping: RawFeatureInputs, x: Float32Array, rows: number, text: string[] | null): RawFeed[] {
  const entries = layout(mapping);
  const width = entries.filter((e) => !e.text).length;
  const textWidth = entries.length - width;
  return entries.map((m) => {
    const dims = m.rank === 1 ? [rows] : [rows, 1];
    if (m.text) {
      const data = Array.from({ length: rows }, (_, r) => text?.[r * textWidth + m.at] ?? '');
      return { input: m.input, type: 'string', data, dims };
    }
    const column = (r: number) => x[r * width + m.at]!;
    if (m.elemType === 'int64') return { input: m.input, type: 'int64', data: BigInt64Array.from({ length: rows }, (_, r) => BigInt(column(r))), dims };
    if (m.elemType === 'float64') return { input: m.input, type: 'float64', data: Float64Array.from({ length: rows }, (_, r) => column(r)), dims };
    return { input: m.input, type: 'float32', data: Float32Array.from({ length: rows }, (_, r) => column(r)), dims };
  });
}

function countUnknown(counts: Counts, value: string) {
  const seen = counts.unknown[value];
  if (seen !== undefined) counts.unknown[value] = seen + 1;
  else if (Object.keys(counts.unknown).length < MAX_UNKNOWN_KINDS) counts.unknown[value] = 1;
  else counts.unknownOther++;
}

// Column profiles of a reference dataset: the baseline that drift is measured against and the
// evidence an inferred input schema is built from. Pure and deterministic, so browser and server agree.
import type { CategoricalProfile, ColumnProfile, DatasetProfile, NumericProfile } from '@/lib/validation/catalog';
import { isMissing, parseNumber, type ParsedCsv } from './csv';

/** The bucket that gathers the categories beyond `maxCategories`. */
export const OTHER_BUCKET = '(other)';

export type ProfileOptions = { bins?: number; maxCategories?: number };

export function profileDataset(parsed: ParsedCsv, options: ProfileOptions = {}): DatasetProfile {
  const bins = options.bins ?? 20;
  const maxCategories = options.maxCategories ?? 50;
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`bins must be a positive integer, not ${bins}.`);
  if (!Number.isInteger(maxCategories) || maxCategories < 1) throw new RangeError(`maxCategories must be a positive integer, not ${maxCategories}.`);
  const rowCount = parsed.rows.length;
  const columns = parsed.header.map((name, j) => profileColumn(name, parsed.rows.map((row) => row[j] ?? ''), rowCount, bins, maxCategories));
  return { rowCount, columns };
}

function profileColumn(name: string, cells: string[], rowCount: number, bins: number, maxCategories: number): ColumnProfile {
  // Values are trimmed: ' yes' and 'yes' are the same category in a hand-edited export.
  const present = cells.map((c) => c.trim()).filter((c) => !isMissing(c));
  const numbers: number[] = [];
  for (const value of present) {
    const n = parseNumber(value);
    if (n !== null) numbers.push(n);
  }
  const rate = (missingCount: number) => (rowCount === 0 ? 0 : missingCount / rowCount);
  // Numeric when >= 98% of present values parse: one stray 'n/a' in a big column should not turn
  // it categorical. Integer arithmetic keeps the boundary exact (49 of 50 is numeric).
  if (present.length > 0 && numbers.length * 50 >= present.length * 49) {
    const missingCount = rowCount - numbers.length; // stray non-numbers count as missing
    return { name, type: 'numeric', missingCount, missingRate: rate(missingCount), numeric: numericProfile(numbers, bins) };
  }
  const missingCount = rowCount - present.length;
  return { name, type: 'categorical', missingCount, missingRate: rate(missingCount), categorical: categoricalProfile(present, maxCategories) };
}

/** `values` is non-empty. */
function numericProfile(values: number[], bins: number): NumericProfile {
  let min = Infinity;
  let max = -Infinity;
  for (const x of values) {
    if (x < min) min = x;
    if (x > max) max = x;
  }
  // Deltas and squares of values beyond ~1e154 overflow; dividing by a power of two is exact, so
  // scaling huge columns changes nothing but the overflow.
  const big = Math.max(Math.abs(min), Math.abs(max));
  const scale = big > 2 ** 500 ? 2 ** Math.floor(Math.log2(big)) : 1;
  // Welford's one-pass update: no catastrophic cancellation from sum-of-squares on large offsets.
  let n = 0;
  let mean = 0;
  let m2 = 0;
  for (const value of values) {
    const x = value / scale;
    n += 1;
    const delta = x - mean;
    mean += delta / n;
    m2 += delta * (x - mean);
  }
  return { min, max, mean: mean * scale, std: Math.sqrt(m2 / n) * scale, histogram: histogram(values, min, max, bins) };
}

/** Equal-width bins [e_i, e_i+1), the last one closed so that `max` lands in it. */
function histogram(values: number[], min: number, max: number, bins: number): NumericProfile['histogram'] {
  if (min === max) return { edges: [min, max], counts: [values.length] };
  // Offsets from min can exceed the largest double (max - min for -1e308..1e308), so work in
  // halves: halving and doubling are exact, so ordinary ranges get exactly min + i * width.
  const half = max / 2 / bins - min / 2 / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? max : 2 * (min / 2 + i * half)));
  const counts: number[] = new Array<number>(bins).fill(0);
  for (const x of values) {
    let i = Math.min(bins - 1, Math.max(0, Math.floor((x / 2 - min / 2) / half)));
    // Rounding can put a value sitting on an edge one bin off; settle it against the edges we report.
    while (i < bins - 1 && x >= (edges[i + 1] ?? Infinity)) i += 1;
    while (i > 0 && x < (edges[i] ?? -Infinity)) i -= 1;
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return { edges, counts };
}

function categoricalProfile(values: string[], maxCategories: number): CategoricalProfile {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  // Code-unit order for ties, not localeCompare: the result must not depend on the runtime's locale.
  const sorted = [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  if (sorted.length <= maxCategories) return { distinct: counts.size, frequencies: sorted };
  const kept = sorted.slice(0, maxCategories);
  const other = sorted.slice(maxCategories).reduce((sum, f) => sum + f.count, 0);
  return { distinct: counts.size, frequencies: [...kept, { value: OTHER_BUCKET, count: other }] };
}

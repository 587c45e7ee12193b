// Categorical drift inputs (raw values or pre-aggregated counts) and the two tests Evidently runs on
// them for small references: chi-square goodness of fit and the two-proportion z-test.
import { chiSquareSf, normalSf } from './special';

export type CategoryValue = string | number | boolean;
/** Raw values of a categorical column. null, undefined, NaN and ±Infinity count as missing. */
export type CategoricalValues = ArrayLike<CategoryValue | null | undefined>;

/** A categorical column already counted, e.g. by a GROUP BY in the database. */
export interface CategoryCounts {
  counts: ReadonlyMap<CategoryValue, number>;
  /** Missing values (null / NaN) that were left out of `counts`. */
  missing?: number;
}

export function isCategoryCounts(value: unknown): value is CategoryCounts {
  return typeof value === 'object' && value !== null && (value as { counts?: unknown }).counts instanceof Map;
}

export interface CountedColumn {
  /** Only categories with a positive count. */
  counts: Map<CategoryValue, number>;
  total: number;
  missing: number;
}

/** Counts a categorical column (value_counts after dropping missing values), or validates counts
 * that were given. 1, '1' and true are three different categories. */
export function countCategories(values: CategoricalValues | CategoryCounts): CountedColumn {
  const counts = new Map<CategoryValue, number>();
  let total = 0;
  if (isCategoryCounts(values)) {
    for (const [key, c] of values.counts) {
      if (!(c >= 0) || !Number.isFinite(c)) throw new RangeError(`category ${String(key)} has count ${c}; counts must be finite and >= 0`);
      if (typeof key === 'number' && !Number.isFinite(key)) throw new RangeError(`category ${key} is not a value; count it as missing`);
      if (c > 0) {
        counts.set(key, (counts.get(key) ?? 0) + c);
        total += c;
      }
    }
    const missing = values.missing ?? 0;
    if (!(missing >= 0)) throw new RangeError(`missing count ${missing} must be >= 0`);
    return { counts, total, missing };
  }
  let missing = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined || (typeof v === 'number' && v - v !== 0)) {
      missing++;
      continue;
    }
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
      throw new TypeError(`categorical column holds a ${typeof v} at row ${i}; expected a string, number, boolean or null`);
    }
    counts.set(v, (counts.get(v) ?? 0) + 1);
    total++;
  }
  return { counts, total, missing };
}

const TYPE_ORDER = { boolean: 0, number: 1, string: 2 } as const;

/** A total order on categories: booleans (false < true), then numbers, then strings by UTF-16 code
 * units. (Python sorts strings by code point; the two differ only for characters beyond U+FFFF.) */
function compareCategories(a: CategoryValue, b: CategoryValue): number {
  const ta = TYPE_ORDER[typeof a as 'boolean' | 'number' | 'string'];
  const tb = TYPE_ORDER[typeof b as 'boolean' | 'number' | 'string'];
  if (ta !== tb) return ta - tb;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Categories present in either column, sorted by compareCategories. */
export function unionCategories(reference: CountedColumn, current: CountedColumn): CategoryValue[] {
  const keys = new Set<CategoryValue>(reference.counts.keys());
  for (const k of current.counts.keys()) keys.add(k);
  return [...keys].sort(compareCategories);
}

/** Share of each category (count / non-missing total) over `keys`. */
export function categoryShares(column: CountedColumn, keys: readonly CategoryValue[]): Float64Array {
  const out = new Float64Array(keys.length);
  keys.forEach((k, i) => {
    out[i] = (column.counts.get(k) ?? 0) / column.total;
  });
  return out;
}

export interface TestResult {
  statistic: number;
  pValue: number;
}

/**
 * Pearson's chi-square goodness of fit, as scipy.stats.chisquare(observed, expected): statistic
 * Σ (o - e)² / e, p-value from the chi-square distribution with k - 1 degrees of freedom. As in
 * scipy, the two vectors must have equal sums (relative tolerance √ε), an expected count of 0 with
 * a positive observed count gives statistic Infinity and p-value 0, and 0 / 0 gives NaN.
 */
export function chiSquareGof(observed: ArrayLike<number>, expected: ArrayLike<number>): TestResult & { df: number } {
  const k = observed.length;
  if (expected.length !== k) throw new RangeError(`observed has ${k} categories but expected has ${expected.length}`);
  let so = 0;
  let se = 0;
  for (let i = 0; i < k; i++) {
    so += observed[i] as number;
    se += expected[i] as number;
  }
  if (Math.abs(so - se) / Math.min(so, se) > Math.sqrt(2.220446049250313e-16)) {
    throw new RangeError(`observed and expected frequencies must have the same sum (got ${so} and ${se})`);
  }
  let statistic = 0;
  for (let i = 0; i < k; i++) {
    const o = observed[i] as number;
    const e = expected[i] as number;
    statistic += ((o - e) * (o - e)) / e;
  }
  const df = k - 1;
  return { statistic, pValue: chiSquareSf(statistic, df), df };
}

/**
 * Two-proportion z-test with the pooled proportion, two-sided (Evidently's
 * proportions_diff_z_stat_ind / proportions_diff_z_test): z = (p1 - p2) / √(P (1 - P) (1/n1 + 1/n2)),
 * p = 2 · P(Z > |z|), computed as 2 · norm.sf(|z|) rather than Evidently's 2 · (1 - norm.cdf(|z|)),
 * which agree to 1e-16 but the latter rounds to 0 beyond |z| ≈ 8.3. When every value of both
 * samples is a success (or none is) the proportions are equal and there is nothing to test: z = 0, p = 1.
 */
export function twoProportionZ(successes1: number, n1: number, successes2: number, n2: number): TestResult {
  if (!(n1 > 0 && n2 > 0)) throw new RangeError('twoProportionZ needs two non-empty samples');
  const p1 = successes1 / n1;
  const p2 = successes2 / n2;
  const pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
  const variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2);
  if (!(variance > 0)) return { statistic: 0, pValue: 1 };
  const z = (p1 - p2) / Math.sqrt(variance);
  return { statistic: z, pValue: 2 * normalSf(Math.abs(z)) };
}

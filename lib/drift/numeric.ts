// Numeric samples for drift: missing values dropped, sorted once (radix sort for large arrays,
// no per-element objects), then the two-sample KS test and the Wasserstein-1 distance as merges
// of two sorted arrays, O(n log n) at worst.
import { kolmogorovSmirnovSf, roundHalfEven } from './special';

/** Raw values of a numeric column. null, undefined, NaN and ±Infinity count as missing. */
export type NumericValues = Float64Array | ArrayLike<number | null | undefined>;

/** A numeric column with its missing values removed and the rest sorted ascending. Build it once
 * with prepareNumeric to reuse a reference across many current windows. */
export interface NumericSample {
  readonly kind: 'numeric-sample';
  readonly sorted: Float64Array;
  readonly missing: number;
  /** Distinct values in `sorted` (-0 and 0 are one value). */
  readonly distinct: number;
}

export function isNumericSample(value: unknown): value is NumericSample {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'numeric-sample';
}

/** Drops missing values (null, undefined, NaN, ±Infinity, as Evidently drops NaN after mapping
 * ±inf to NaN), sorts the rest into a new Float64Array; the input is never modified. */
export function prepareNumeric(values: NumericValues): NumericSample {
  const n = values.length;
  const out = new Float64Array(n);
  let k = 0;
  if (values instanceof Float64Array) {
    for (let i = 0; i < n; i++) {
      const v = values[i] as number;
      if (v - v === 0) out[k++] = v; // false for NaN and ±Infinity
    }
  } else {
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (typeof v === 'number') {
        if (v - v === 0) out[k++] = v;
      } else if (v !== null && v !== undefined) {
        throw new TypeError(`numeric column holds a ${typeof v} at row ${i}; expected a number, null or undefined`);
      }
    }
  }
  const sorted = sortFloat64(k === n ? out : out.subarray(0, k));
  return { kind: 'numeric-sample', sorted, missing: n - k, distinct: countDistinct(sorted) };
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const RADIX_MIN = 32_768;

/** Sorts ascending in place and returns the array: an LSD radix sort on the IEEE-754 bits
 * (16-bit digits, 4 passes, passes where every key shares the digit skipped) for large arrays
 * (its 256K-entry count table costs more than it saves below ~32K values), -0 before 0. No NaN. */
export function sortFloat64(a: Float64Array): Float64Array {
  const n = a.length;
  if (n < RADIX_MIN || !LITTLE_ENDIAN) return a.sort();
  const words = new Uint32Array(a.buffer, a.byteOffset, n * 2);
  // Map the bits to unsigned keys in the same order as the numbers: flip every bit of a
  // negative number, only the sign bit of a positive one.
  for (let i = 0; i < 2 * n; i += 2) {
    const hi = words[i + 1] as number;
    if (hi & 0x80000000) {
      words[i + 1] = ~hi;
      words[i] = ~(words[i] as number);
    } else words[i + 1] = hi | 0x80000000;
  }
  const counts = new Uint32Array(4 * 65536);
  for (let i = 0; i < 2 * n; i += 2) {
    const lo = words[i] as number;
    const hi = words[i + 1] as number;
    counts[lo & 0xffff]!++;
    counts[65536 + (lo >>> 16)]!++;
    counts[131072 + (hi & 0xffff)]!++;
    counts[196608 + (hi >>> 16)]!++;
  }
  let src: Uint32Array = words;
  let dst: Uint32Array = new Uint32Array(2 * n);
  for (let pass = 0; pass < 4; pass++) {
    const offset = pass * 65536;
    let trivial = false;
    let total = 0;
    for (let d = 0; d < 65536; d++) {
      const c = counts[offset + d] as number;
      if (c === n) trivial = true;
      counts[offset + d] = total;
      total += c;
    }
    if (trivial) continue;
    const word = pass >> 1;
    const shift = (pass & 1) * 16;
    for (let i = 0; i < 2 * n; i += 2) {
      const digit = ((src[i + word] as number) >>> shift) & 0xffff;
      const to = 2 * counts[offset + digit]!++;
      dst[to] = src[i] as number;
      dst[to + 1] = src[i + 1] as number;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  if (src !== words) words.set(src);
  for (let i = 0; i < 2 * n; i += 2) {
    const hi = words[i + 1] as number;
    if (hi & 0x80000000) words[i + 1] = hi & 0x7fffffff;
    else {
      words[i + 1] = ~hi;
      words[i] = ~(words[i] as number);
    }
  }
  return a;
}

function countDistinct(sorted: Float64Array): number {
  let count = 0;
  let last = NaN;
  for (let i = 0; i < sorted.length; i++) {
    const v = sorted[i] as number;
    if (v !== last) {
      count++;
      last = v;
    }
  }
  return count;
}

/** First index at or after `from` whose value is >= `target` in a sorted array (exponential then
 * binary search: O(log distance), so merging a small sample into a large one costs little). */
function gallopLowerBound(sorted: Float64Array, target: number, from = 0): number {
  const n = sorted.length;
  if (from >= n || (sorted[from] as number) >= target) return from;
  let lo = from; // sorted[lo] < target
  let step = 1;
  let hi = from + 1;
  while (hi < n && (sorted[hi] as number) < target) {
    lo = hi;
    step *= 2;
    hi = from + step;
  }
  if (hi > n) hi = n;
  lo += 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Number of distinct values present in both sorted samples. */
export function countCommonDistinct(a: Float64Array, b: Float64Array): number {
  const [small, large] = a.length <= b.length ? [a, b] : [b, a];
  let common = 0;
  let at = 0;
  let last = NaN;
  for (let i = 0; i < small.length; i++) {
    const v = small[i] as number;
    if (v === last) continue;
    last = v;
    at = gallopLowerBound(large, v, at);
    if (at === large.length) break;
    if (large[at] === v) common++;
  }
  return common;
}

/** Distinct values of two sorted samples pooled (pandas `concat(...).nunique()`). */
export function countDistinctPooled(a: Float64Array, b: Float64Array): number {
  return countDistinct(a) + countDistinct(b) - countCommonDistinct(a, b);
}

function sortedCopy(values: Float64Array, name: string): Float64Array {
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v - v !== 0) throw new RangeError(`${name} holds a non-finite value at index ${i}; drop missing values first (prepareNumeric)`);
  }
  return sortFloat64(values.slice());
}

export type KsMode = 'auto' | 'exact' | 'asymp';

export interface KsResult {
  statistic: number;
  pValue: number;
  /** How the p-value was computed: the exact distribution or the asymptotic one. */
  method: 'exact' | 'asymp';
}

export interface SampleOptions {
  /** Both inputs are already sorted ascending and finite (skips the copy and sort). */
  sorted?: boolean;
}

/** Samples up to this size get the exact p-value under mode 'auto' (scipy's MAX_AUTO_N). */
const KS_MAX_EXACT_N = 10_000;

/**
 * Two-sample two-sided Kolmogorov–Smirnov test, as scipy.stats.ks_2samp(a, b) (scipy 1.17):
 * mode 'auto' computes the exact p-value when both samples have at most 10,000 values and the
 * asymptotic one (the one-sample distribution kstwo at n = round(n1 n2 / (n1 + n2))) otherwise;
 * an exact computation that fails falls back to the asymptotic one, as scipy's does.
 */
export function ks2samp(a: Float64Array, b: Float64Array, options: SampleOptions & { mode?: KsMode } = {}): KsResult {
  const x = options.sorted ? a : sortedCopy(a, 'first sample');
  const y = options.sorted ? b : sortedCopy(b, 'second sample');
  const n1 = x.length;
  const n2 = y.length;
  if (n1 === 0 || n2 === 0) throw new RangeError('ks2samp needs two non-empty samples');
  // Largest positive and negative differences of the two empirical CDFs, evaluated after every
  // distinct value (scipy's searchsorted(side='right') on the pooled data). Within a run of values
  // from one sample the difference moves one way only, so only the run's last value can be an
  // extreme: runs are skipped by galloping search, O(k log n) for k runs.
  let maxS = -Infinity;
  let minS = Infinity;
  let i = 0;
  let j = 0;
  while (i < n1 || j < n2) {
    const nx = i < n1 ? (x[i] as number) : Infinity;
    const ny = j < n2 ? (y[j] as number) : Infinity;
    if (nx < ny) i = gallopLowerBound(x, ny, i);
    else if (ny < nx) j = gallopLowerBound(y, nx, j);
    else {
      while (i < n1 && x[i] === nx) i++;
      while (j < n2 && y[j] === ny) j++;
    }
    const diff = i / n1 - j / n2;
    if (diff > maxS) maxS = diff;
    if (diff < minS) minS = diff;
  }
  const minAbs = Math.min(1, Math.max(0, -minS));
  return ksPValue(minAbs > maxS ? minAbs : maxS, n1, n2, options.mode);
}

/** The p-value of a two-sample KS statistic `d` for sample sizes n1 and n2, as ks2samp computes it
 * (in exact mode the statistic is first rounded to the lattice h / lcm(n1, n2), as scipy does). */
export function ksPValue(statistic: number, n1: number, n2: number, requested: KsMode = 'auto'): KsResult {
  let d = statistic;
  let mode = requested;
  const g = gcd(n1, n2);
  if (mode === 'auto') mode = Math.max(n1, n2) <= KS_MAX_EXACT_N ? 'exact' : 'asymp';
  else if (mode === 'exact' && n1 / g >= 2147483647 / (n2 / g)) mode = 'asymp';

  let p = NaN;
  if (mode === 'exact') {
    const lcm = (n1 / g) * n2;
    const h = roundHalfEven(d * lcm);
    d = h / lcm;
    if (h === 0) p = 1;
    else p = n1 === n2 ? probOutsideSquare(n1, h) : outerProbInside(n1, n2, g, h);
    if (!(p >= 0 && p <= 1)) mode = 'asymp';
  }
  if (mode === 'asymp') {
    const m = Math.max(n1, n2);
    const n = Math.min(n1, n2);
    const en = (m * n) / (m + n);
    p = kolmogorovSmirnovSf(roundHalfEven(en), d);
  }
  return { statistic: d, pValue: Math.min(1, Math.max(0, p)), method: mode };
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** P(D_{n,n} >= h/n) for two samples of equal size (scipy _compute_prob_outside_square): the
 * alternating sum of binomial ratios evaluated in Horner form. */
function probOutsideSquare(n: number, h: number): number {
  let P = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let p1 = 1;
    for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    P = p1 * (1 - P);
  }
  return 2 * P;
}

/**
 * 1 - P(all lattice paths stay strictly inside |x/m - y/n| < h/lcm) for samples of sizes m and n
 * (scipy _stats_pythran._compute_outer_prob_inside_method): Hodges (1958), "The significance
 * probability of the Smirnov two-sample test", with the recursion for 1 - p of Viehmann (2021),
 * arXiv:2102.08037, one sliding column at a time.
 */
function outerProbInside(m0: number, n0: number, g: number, h: number): number {
  const m = Math.max(m0, n0);
  const n = Math.min(m0, n0);
  const mg = m / g;
  const ng = n / g;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const lenA = Math.min(2 * maxj + 2, n + 1);
  const A = new Float64Array(lenA).fill(1);
  A.fill(0, minj, maxj);
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      val = ((A[jj + minj - lastminj] as number) * i + val * j) / (i + j);
      A[jj] = val;
    }
    curlen = maxj - minj;
    if (lastlen > curlen) A.fill(1, maxj - minj, Math.min(lenA, maxj - minj + (lastlen - curlen)));
  }
  return A[maxj - minj - 1] as number;
}

/**
 * First Wasserstein distance between two samples (scipy.stats.wasserstein_distance(u, v)):
 * the integral of |F_u - F_v| over the pooled sorted values, as one merge.
 */
export function wassersteinDistance(u: Float64Array, v: Float64Array, options: SampleOptions = {}): number {
  const x = options.sorted ? u : sortedCopy(u, 'first sample');
  const y = options.sorted ? v : sortedCopy(v, 'second sample');
  const nu = x.length;
  const nv = y.length;
  if (nu === 0 || nv === 0) throw new RangeError('wassersteinDistance needs two non-empty samples');
  // Σ |F_u - F_v| · Δ over the pooled sorted values, one value at a time: the step up to each value
  // is weighted by the CDFs of everything before it (ties add zero-width steps). Runs of one
  // sample are walked in a tight loop with the other CDF fixed.
  let i = 0;
  let j = 0;
  let sum = 0;
  let comp = 0; // Neumaier: a million terms stay exact to ~1e-16 relative
  let prev = Math.min(x[0] as number, y[0] as number);
  while (i < nu || j < nv) {
    const nx = i < nu ? (x[i] as number) : Infinity;
    const ny = j < nv ? (y[j] as number) : Infinity;
    if (nx <= ny) {
      const fv = j / nv;
      for (; i < nu; i++) {
        const value = x[i] as number;
        if (value > ny) break;
        const term = Math.abs(i / nu - fv) * (value - prev);
        const t = sum + term;
        comp += sum >= term ? sum - t + term : term - t + sum;
        sum = t;
        prev = value;
      }
    } else {
      const fu = i / nu;
      for (; j < nv; j++) {
        const value = y[j] as number;
        if (value >= nx) break;
        const term = Math.abs(fu - j / nv) * (value - prev);
        const t = sum + term;
        comp += sum >= term ? sum - t + term : term - t + sum;
        sum = t;
        prev = value;
      }
    }
  }
  return sum + comp;
}

/** Population standard deviation (numpy.std, ddof = 0), two passes. */
export function populationStd(values: Float64Array): number {
  const n = values.length;
  if (n === 0) return NaN;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i] as number;
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = (values[i] as number) - mean;
    ss += d * d;
  }
  return Math.sqrt(ss / n);
}

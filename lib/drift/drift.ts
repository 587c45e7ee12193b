// Per-feature and dataset drift, choosing the statistic as Evidently's defaults do
// (evidently.calculations.stattests.registry._get_default_stattest) unless a method is given.
import {
  categoryShares,
  chiSquareGof,
  countCategories,
  isCategoryCounts,
  twoProportionZ,
  unionCategories,
  type CategoricalValues,
  type CategoryCounts,
  type CategoryValue,
  type CountedColumn,
} from './categorical';
import {
  countCommonDistinct,
  isNumericSample,
  ks2samp,
  populationStd,
  prepareNumeric,
  wassersteinDistance,
  type NumericSample,
  type NumericValues,
} from './numeric';
import { histogramCountsSorted, jensenShannon, psi, sturgesEdges } from './shares';

export type FeatureType = 'numeric' | 'categorical';

/** Evidently's stattest names. */
export type DriftMethod = 'ks' | 'chisquare' | 'z' | 'wasserstein' | 'jensenshannon' | 'psi';

const DRIFT_METHODS: readonly DriftMethod[] = ['ks', 'chisquare', 'z', 'wasserstein', 'jensenshannon', 'psi'];

/** Default threshold per method, and how the score is compared with it (Evidently's defaults). */
export const METHOD_RULES: Readonly<Record<DriftMethod, { threshold: number; score: 'pValue' | 'statistic'; drifted: '<=' | '<' | '>=' }>> = {
  ks: { threshold: 0.05, score: 'pValue', drifted: '<=' },
  chisquare: { threshold: 0.05, score: 'pValue', drifted: '<' },
  z: { threshold: 0.05, score: 'pValue', drifted: '<' },
  wasserstein: { threshold: 0.1, score: 'statistic', drifted: '>=' },
  jensenshannon: { threshold: 0.1, score: 'statistic', drifted: '>=' },
  psi: { threshold: 0.1, score: 'statistic', drifted: '>=' },
};

/** References with at most this many non-missing values get a statistical test by default. */
const SMALL_REFERENCE_MAX = 1000;
/** Numeric features with at most this many distinct values (pooled) are treated as categorical. */
const FEW_DISTINCT_MAX = 5;
/** At most this many distinct values (pooled) get the z-test instead of chi-square. */
const BINARY_DISTINCT_MAX = 2;
/** Numeric references with more distinct values than this are binned (Sturges) for JS and PSI. */
const BINNING_DISTINCT_MIN = 20;

export type ColumnValues = NumericValues | NumericSample | CategoricalValues | CategoryCounts;

export interface DriftOptions {
  type: FeatureType;
  /** Overrides the default choice. */
  method?: DriftMethod;
  /** Overrides the method's default threshold. */
  threshold?: number;
}

export interface FeatureDriftResult {
  type: FeatureType;
  method: DriftMethod;
  /** KS D, chi-square, z, normed Wasserstein distance, JS distance or PSI; Infinity for a
   * chi-square with a category the reference never had; null when a sample is empty. */
  statistic: number | null;
  /** For ks, chisquare and z; null for the distances. */
  pValue: number | null;
  /** What is compared with the threshold: the p-value for tests, the statistic for distances. */
  score: number | null;
  threshold: number;
  drifted: boolean;
  referenceCount: number;
  currentCount: number;
  referenceMissing: number;
  currentMissing: number;
  /** Distinct non-missing values of reference and current pooled. */
  distinct: number;
  /** Set when one side has no non-missing values (Evidently raises there): nothing was tested. */
  skipped?: 'empty reference' | 'empty current';
}

/** Evidently's default choice of statistic for a feature, from the reference's non-missing count
 * and the distinct values of reference and current pooled. The one statement of the rule. */
export function defaultMethod(type: FeatureType, referenceCount: number, distinct: number): DriftMethod {
  if (referenceCount <= SMALL_REFERENCE_MAX) {
    if (type === 'numeric' && distinct > FEW_DISTINCT_MAX) return 'ks';
    return distinct > BINARY_DISTINCT_MAX ? 'chisquare' : 'z';
  }
  if (type === 'numeric' && distinct > FEW_DISTINCT_MAX) return 'wasserstein';
  return 'jensenshannon';
}

/**
 * The default method when only a lower bound of the pooled distinct count is known (the reference's
 * own distinct values: counting the window's costs a sort), or null when the bound does not decide.
 * The rule is a step function of the count, so the bound decides exactly when it gives the same
 * method as an unbounded count.
 */
export function defaultMethodAtLeast(type: FeatureType, referenceCount: number, distinctAtLeast: number): DriftMethod | null {
  const method = defaultMethod(type, referenceCount, distinctAtLeast);
  return method === defaultMethod(type, referenceCount, Number.POSITIVE_INFINITY) ? method : null;
}

/** Whether a score is drift under a method's rule. */
export function isDrift(method: DriftMethod, score: number, threshold: number): boolean {
  switch (METHOD_RULES[method].drifted) {
    case '<=':
      return score <= threshold;
    case '<':
      return score < threshold;
    case '>=':
      return score >= threshold;
  }
}

/**
 * Drift of one feature between a reference sample and a current window. Numeric columns take raw
 * values (Float64Array preferred) or a NumericSample from prepareNumeric; categorical columns take
 * raw values or pre-aggregated counts.
 */
export function featureDrift(reference: ColumnValues, current: ColumnValues, options: DriftOptions): FeatureDriftResult {
  if (options.method !== undefined && !DRIFT_METHODS.includes(options.method)) {
    throw new RangeError(`unknown drift method ${String(options.method)}; use one of ${DRIFT_METHODS.join(', ')}`);
  }
  if (options.threshold !== undefined && !Number.isFinite(options.threshold)) {
    throw new RangeError(`threshold must be a finite number (got ${options.threshold})`);
  }
  if (options.type === 'numeric') return numericDrift(toSample(reference, 'reference'), toSample(current, 'current'), options);
  if (options.type === 'categorical') {
    if (options.method === 'ks' || options.method === 'wasserstein') {
      throw new RangeError(`method ${options.method} applies to numeric features only`);
    }
    return categoricalDrift(toCounted(reference), toCounted(current), options);
  }
  throw new RangeError(`unknown feature type ${String((options as { type: unknown }).type)}; use numeric or categorical`);
}

function toSample(values: ColumnValues, side: string): NumericSample {
  if (isNumericSample(values)) return values;
  if (isCategoryCounts(values)) throw new TypeError(`numeric drift needs raw ${side} values, not category counts`);
  return prepareNumeric(values as NumericValues);
}

function toCounted(values: ColumnValues): CountedColumn {
  if (isNumericSample(values)) {
    const counts = new Map<CategoryValue, number>();
    for (const v of values.sorted) counts.set(v, (counts.get(v) ?? 0) + 1);
    return { counts, total: values.sorted.length, missing: values.missing };
  }
  return countCategories(values as CategoricalValues | CategoryCounts);
}

interface Computed {
  statistic: number;
  pValue: number | null;
}

function finish(
  type: FeatureType,
  method: DriftMethod,
  computed: Computed | null,
  threshold: number | undefined,
  counts: Pick<FeatureDriftResult, 'referenceCount' | 'currentCount' | 'referenceMissing' | 'currentMissing' | 'distinct'>,
): FeatureDriftResult {
  const rule = METHOD_RULES[method];
  const t = threshold ?? rule.threshold;
  const base = { type, method, threshold: t, ...counts };
  if (!computed) {
    const skipped = counts.referenceCount === 0 ? 'empty reference' : 'empty current';
    return { ...base, statistic: null, pValue: null, score: null, drifted: false, skipped };
  }
  const score = rule.score === 'pValue' ? (computed.pValue as number) : computed.statistic;
  return { ...base, statistic: computed.statistic, pValue: computed.pValue, score, drifted: isDrift(method, score, t) };
}

function numericDrift(ref: NumericSample, cur: NumericSample, options: DriftOptions): FeatureDriftResult {
  const r = ref.sorted;
  const c = cur.sorted;
  const distinct = ref.distinct + cur.distinct - countCommonDistinct(r, c);
  const method = options.method ?? defaultMethod('numeric', r.length, distinct);
  const counts = { referenceCount: r.length, currentCount: c.length, referenceMissing: ref.missing, currentMissing: cur.missing, distinct };
  if (r.length === 0 || c.length === 0) return finish('numeric', method, null, options.threshold, counts);
  let computed: Computed;
  switch (method) {
    case 'ks': {
      const ks = ks2samp(r, c, { sorted: true });
      computed = { statistic: ks.statistic, pValue: ks.pValue };
      break;
    }
    case 'wasserstein': {
      // Evidently: wasserstein_distance / max(np.std(reference), 0.001)
      const norm = Math.max(populationStd(r), 0.001);
      computed = { statistic: wassersteinDistance(r, c, { sorted: true }) / norm, pValue: null };
      break;
    }
    case 'jensenshannon':
    case 'psi': {
      const [p, q] = numericShares(ref, cur);
      computed = { statistic: method === 'psi' ? psi(p, q) : jensenShannon(p, q), pValue: null };
      break;
    }
    case 'chisquare':
    case 'z':
      computed = categoricalTest(method, toCounted(ref), toCounted(cur));
      break;
  }
  return finish('numeric', method, computed, options.threshold, counts);
}

/** Evidently's get_binned_data for a numeric feature: Sturges bins over the pooled values when the
 * reference has more than 20 distinct values, one share per distinct value otherwise. */
export function numericShares(ref: NumericSample, cur: NumericSample): [Float64Array, Float64Array] {
  const r = ref.sorted;
  const c = cur.sorted;
  if (ref.distinct > BINNING_DISTINCT_MIN) {
    const min = Math.min(r[0] as number, c[0] as number);
    const max = Math.max(r[r.length - 1] as number, c[c.length - 1] as number);
    const edges = sturgesEdges(min, max, r.length + c.length);
    const p = histogramCountsSorted(r, edges);
    const q = histogramCountsSorted(c, edges);
    for (let i = 0; i < p.length; i++) p[i] = (p[i] as number) / r.length;
    for (let i = 0; i < q.length; i++) q[i] = (q[i] as number) / c.length;
    return [p, q];
  }
  // One share per distinct pooled value, in sorted order: a merge of the two sorted samples.
  const p: number[] = [];
  const q: number[] = [];
  let i = 0;
  let j = 0;
  while (i < r.length || j < c.length) {
    const v = j >= c.length || (i < r.length && (r[i] as number) <= (c[j] as number)) ? (r[i] as number) : (c[j] as number);
    let ci = 0;
    let cj = 0;
    while (i < r.length && r[i] === v) {
      i++;
      ci++;
    }
    while (j < c.length && c[j] === v) {
      j++;
      cj++;
    }
    p.push(ci / r.length);
    q.push(cj / c.length);
  }
  return [Float64Array.from(p), Float64Array.from(q)];
}

function categoricalDrift(ref: CountedColumn, cur: CountedColumn, options: DriftOptions): FeatureDriftResult {
  const keys = unionCategories(ref, cur);
  const distinct = keys.length;
  const method = options.method ?? defaultMethod('categorical', ref.total, distinct);
  const counts = { referenceCount: ref.total, currentCount: cur.total, referenceMissing: ref.missing, currentMissing: cur.missing, distinct };
  if (ref.total === 0 || cur.total === 0) return finish('categorical', method, null, options.threshold, counts);
  let computed: Computed;
  if (method === 'chisquare' || method === 'z') computed = categoricalTest(method, ref, cur, keys);
  else {
    const p = categoryShares(ref, keys);
    const q = categoryShares(cur, keys);
    computed = { statistic: method === 'psi' ? psi(p, q) : jensenShannon(p, q), pValue: null };
  }
  return finish('categorical', method, computed, options.threshold, counts);
}

function categoricalTest(method: 'chisquare' | 'z', ref: CountedColumn, cur: CountedColumn, keys = unionCategories(ref, cur)): Computed {
  if (method === 'z') {
    // Evidently's _z_stat_test: the proportion of values other than the first category in sorted
    // order. With two categories, which one comes first only flips the sign of z.
    const first = keys[0] as CategoryValue;
    const z = twoProportionZ(ref.total - (ref.counts.get(first) ?? 0), ref.total, cur.total - (cur.counts.get(first) ?? 0), cur.total);
    return { statistic: z.statistic, pValue: z.pValue };
  }
  // Evidently's _chi_stat_test: current counts against reference counts scaled to the current size.
  const kNorm = cur.total / ref.total;
  const observed = keys.map((k) => cur.counts.get(k) ?? 0);
  const expected = keys.map((k) => (ref.counts.get(k) ?? 0) * kNorm);
  const chi = chiSquareGof(observed, expected);
  // A category the reference never had has expected count 0: scipy gives statistic inf and
  // p-value 0 (drift), which is kept. 0/0 cannot occur as every key has a count on one side.
  // With a single category (df = 0, only reachable by choosing chi-square explicitly) the statistic
  // is 0 and scipy's p-value is NaN: both samples are that one value, so report p = 1, no drift.
  return { statistic: chi.statistic, pValue: chi.df === 0 ? 1 : chi.pValue };
}

/** What dataset drift reads of a feature's result. */
export type DriftDecision = Pick<FeatureDriftResult, 'drifted' | 'skipped'>;

export interface DatasetDriftResult {
  /** Features that could be tested (not skipped). */
  featureCount: number;
  driftedCount: number;
  skippedCount: number;
  /** driftedCount / featureCount; 0 when nothing could be tested. */
  share: number;
  drifted: boolean;
}

/** Dataset drift as Evidently decides it: the share of drifted features is at least
 * `shareThreshold` (0.5). Skipped features (an empty side) are left out of the share. */
export function datasetDrift(
  features: Readonly<Record<string, DriftDecision>> | readonly DriftDecision[],
  shareThreshold = 0.5,
): DatasetDriftResult {
  if (!Number.isFinite(shareThreshold)) throw new RangeError(`shareThreshold must be a finite number (got ${shareThreshold})`);
  const list = Array.isArray(features) ? (features as readonly DriftDecision[]) : Object.values(features);
  const skippedCount = list.filter((f) => f.skipped).length;
  const featureCount = list.length - skippedCount;
  const driftedCount = list.filter((f) => f.drifted).length;
  const share = featureCount ? driftedCount / featureCount : 0;
  return { featureCount, driftedCount, skippedCount, share, drifted: featureCount > 0 && share >= shareThreshold };
}

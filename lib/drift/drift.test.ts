import { describe, expect, it } from 'vitest';
import { categoryShares, countCategories, unionCategories, type CategoryCounts, type CategoryValue } from './categorical';
import { datasetDrift, defaultMethod, defaultMethodAtLeast, featureDrift, numericShares, type DriftMethod, type FeatureDriftResult } from './drift';
import { populationStd, prepareNumeric, wassersteinDistance } from './numeric';
import { expectAllClose, expectClose, num, numbers, reference } from './test-helpers';

type Json = Parameters<typeof numbers>[0];

function column(value: Json | undefined, type: string): Float64Array | (string | null)[] | CategoryCounts {
  if (type === 'numeric') return Float64Array.from(numbers(value));
  if (Array.isArray(value)) return value as (string | null)[];
  const c = value as { counts: [string, number][]; missing?: number };
  return { counts: new Map<CategoryValue, number>(c.counts), missing: c.missing };
}

function load(name: string) {
  const c = reference.features[name]!;
  const type = c.input.type as 'numeric' | 'categorical';
  return {
    type,
    reference: column(c.input.reference, type),
    current: column(c.input.current, type),
    options: { type, method: c.input.method as DriftMethod | undefined, threshold: c.input.threshold as number | undefined },
    expected: c.expected,
  };
}

describe('featureDrift against Evidently’s logic run with scipy', () => {
  it.each(Object.keys(reference.features))('%s', (name) => {
    const { type, reference: ref, current: cur, options, expected } = load(name);
    const r = featureDrift(ref, cur, options);
    expect(r).toMatchObject({
      type,
      method: expected.method,
      threshold: expected.threshold,
      drifted: expected.drifted,
      referenceCount: expected.referenceCount,
      currentCount: expected.currentCount,
      referenceMissing: expected.referenceMissing,
      currentMissing: expected.currentMissing,
      distinct: expected.distinct,
    });
    const statistic = num(expected.statistic);
    if (Number.isFinite(statistic)) expectClose(r.statistic, statistic, 'statistic');
    else expect(r.statistic).toBe(statistic);
    if (expected.pValue === null) expect(r.pValue).toBeNull();
    else expectClose(r.pValue, expected.pValue as number, 'pValue');
    expect(r.score).toBe(r.pValue ?? r.statistic);

    if (expected.referenceStd !== undefined) {
      const a = prepareNumeric(ref as Float64Array).sorted;
      const b = prepareNumeric(cur as Float64Array).sorted;
      expectClose(populationStd(a), expected.referenceStd as number, 'reference std');
      expectClose(wassersteinDistance(a, b, { sorted: true }), expected.wasserstein as number, 'wasserstein');
    }
    if (expected.shares) {
      const s = expected.shares as { reference: number[]; current: number[]; edges: number[] | null };
      let p: Float64Array;
      let q: Float64Array;
      if (type === 'numeric') [p, q] = numericShares(prepareNumeric(ref as Float64Array), prepareNumeric(cur as Float64Array));
      else {
        const rc = countCategories(ref as CategoryCounts);
        const cc = countCategories(cur as CategoryCounts);
        const keys = unionCategories(rc, cc);
        [p, q] = [categoryShares(rc, keys), categoryShares(cc, keys)];
      }
      expectAllClose(p, s.reference, 'reference shares');
      expectAllClose(q, s.current, 'current shares');
    }
  });

  it.each(['numSmallMissing', 'numLargeShift', 'numPsiBinned', 'numFewChi', 'numBinaryZ'])(
    '%s: the same result from a Float64Array, a plain array with nulls, or a prepared sample',
    (name) => {
      const { reference: ref, current: cur, options } = load(name);
      const r = featureDrift(ref, cur, options);
      const plain = (a: Float64Array) => Array.from(a, (v) => (Number.isNaN(v) ? null : v));
      expect(featureDrift(plain(ref as Float64Array), plain(cur as Float64Array), options)).toEqual(r);
      expect(featureDrift(prepareNumeric(ref as Float64Array), prepareNumeric(cur as Float64Array), options)).toEqual(r);
    },
  );

  it.each(['catSmallChi', 'catMissing', 'catLargeJs', 'catSmallBinaryZ'])('%s: the same result from raw values or counts', (name) => {
    const { reference: ref, current: cur, options } = load(name);
    const r = featureDrift(ref, cur, options);
    const counted = (values: (string | null)[]): CategoryCounts => {
      const c = countCategories(values);
      return { counts: c.counts, missing: c.missing };
    };
    expect(featureDrift(counted(ref as (string | null)[]), counted(cur as (string | null)[]), options)).toEqual(r);
  });
});

describe('method selection (Evidently defaults)', () => {
  it('decides from a lower bound of the distinct count only where any larger count gives the same method', () => {
    // Written from Evidently's registry: ≤ 1000 reference values: numeric > 5 distinct ks, else
    // chisquare above 2 distinct, z otherwise; larger references: numeric > 5 wasserstein, else jensenshannon.
    expect(defaultMethodAtLeast('numeric', 300, 6)).toBe('ks');
    expect(defaultMethodAtLeast('numeric', 300, 5)).toBeNull(); // 5 pooled is chisquare, 6 is ks
    expect(defaultMethodAtLeast('numeric', 300, 2)).toBeNull();
    expect(defaultMethodAtLeast('numeric', 1001, 6)).toBe('wasserstein');
    expect(defaultMethodAtLeast('numeric', 1001, 4)).toBeNull();
    expect(defaultMethodAtLeast('categorical', 300, 3)).toBe('chisquare');
    expect(defaultMethodAtLeast('categorical', 300, 2)).toBeNull();
    expect(defaultMethodAtLeast('categorical', 1001, 1)).toBe('jensenshannon');
  });

  it.each([
    ['numeric', 1000, 6, 'ks'],
    ['numeric', 1000, 5, 'chisquare'],
    ['numeric', 1000, 3, 'chisquare'],
    ['numeric', 1000, 2, 'z'],
    ['numeric', 1, 1, 'z'],
    ['categorical', 1000, 40, 'chisquare'],
    ['categorical', 1000, 2, 'z'],
    ['numeric', 1001, 6, 'wasserstein'],
    ['numeric', 1001, 5, 'jensenshannon'],
    ['numeric', 1001, 2, 'jensenshannon'],
    ['categorical', 1001, 2, 'jensenshannon'],
    ['categorical', 50_000, 300, 'jensenshannon'],
  ] as const)('%s, reference %i, %i distinct -> %s', (type, referenceCount, distinct, method) => {
    expect(defaultMethod(type, referenceCount, distinct)).toBe(method);
  });

  it('counts the reference without its missing values: 1,001 rows with one NaN is a small reference', () => {
    const ref = Float64Array.from({ length: 1001 }, (_, i) => (i === 0 ? NaN : i / 10));
    const cur = Float64Array.from({ length: 300 }, (_, i) => i / 3);
    expect(featureDrift(ref, cur, { type: 'numeric' })).toMatchObject({ method: 'ks', referenceCount: 1000, referenceMissing: 1 });
    ref[0] = 0.05;
    expect(featureDrift(ref, cur, { type: 'numeric' }).method).toBe('wasserstein');
  });

  it('counts distinct values pooled: five in the reference and a sixth in the current switch chi-square to KS', () => {
    const ref = Float64Array.from({ length: 100 }, (_, i) => i % 5);
    expect(featureDrift(ref, Float64Array.of(0, 1, 2), { type: 'numeric' }).method).toBe('chisquare');
    expect(featureDrift(ref, Float64Array.of(0, 1, 7), { type: 'numeric' })).toMatchObject({ method: 'ks', distinct: 6 });
  });

  it('missing values never count as a distinct value', () => {
    const r = featureDrift(Float64Array.of(1, 2, NaN, 1), [2, null, undefined, Infinity], { type: 'numeric' });
    expect(r).toMatchObject({ method: 'z', distinct: 2, referenceMissing: 1, currentMissing: 3, currentCount: 1 });
    const c = featureDrift(['a', null, 'b', 'a'], ['a', null, 'c', NaN], { type: 'categorical' });
    expect(c).toMatchObject({ method: 'chisquare', distinct: 3, referenceMissing: 1, currentMissing: 2 });
  });

  it('bins numeric values for JS and PSI only when the reference has more than 20 distinct values', () => {
    const twenty = Float64Array.from({ length: 1200 }, (_, i) => i % 20);
    const wide = Float64Array.from({ length: 1200 }, (_, i) => i % 21);
    const cur = Float64Array.from({ length: 50 }, (_, i) => i); // 50 distinct in the current does not matter
    expect(numericShares(prepareNumeric(twenty), prepareNumeric(cur))[0]).toHaveLength(50); // one per pooled value
    const [p] = numericShares(prepareNumeric(wide), prepareNumeric(cur));
    expect(p).toHaveLength(Math.ceil(Math.log2(1250) + 1)); // Sturges over the pooled 1,250 values
  });
});

describe('overrides, thresholds and edge cases', () => {
  const ref = Float64Array.from({ length: 400 }, (_, i) => Math.sin(i) * 3);
  const cur = Float64Array.from({ length: 500 }, (_, i) => Math.sin(i * 1.3) * 3 + 0.4);

  it('any method can be chosen per feature, each with its own default threshold and rule', () => {
    const expected: Record<DriftMethod, number> = { ks: 0.05, chisquare: 0.05, z: 0.05, wasserstein: 0.1, jensenshannon: 0.1, psi: 0.1 };
    for (const method of Object.keys(expected) as DriftMethod[]) {
      const r = featureDrift(ref, cur, { type: 'numeric', method });
      expect(r).toMatchObject({ method, threshold: expected[method] });
      expect(r.pValue === null).toBe(['wasserstein', 'jensenshannon', 'psi'].includes(method));
    }
  });

  it('the threshold decides with Evidently’s comparison: p <= t for KS, p < t for chi-square and z, >= t for distances', () => {
    const ks = featureDrift(ref, cur, { type: 'numeric', method: 'ks' });
    expect(featureDrift(ref, cur, { type: 'numeric', method: 'ks', threshold: ks.pValue! }).drifted).toBe(true);
    const chi = featureDrift(['a', 'b', 'c', 'a'], ['a', 'b', 'c', 'c'], { type: 'categorical' });
    expect(featureDrift(['a', 'b', 'c', 'a'], ['a', 'b', 'c', 'c'], { type: 'categorical', threshold: chi.pValue! }).drifted).toBe(false);
    const w = featureDrift(ref, cur, { type: 'numeric', method: 'wasserstein' });
    expect(featureDrift(ref, cur, { type: 'numeric', method: 'wasserstein', threshold: w.statistic! }).drifted).toBe(true);
    expect(featureDrift(ref, cur, { type: 'numeric', method: 'wasserstein', threshold: w.statistic! * 1.000001 }).drifted).toBe(false);
  });

  it('a category the reference never had makes chi-square infinite with p = 0: drift', () => {
    const r = featureDrift(['a', 'b', 'c'], ['a', 'b', 'c', 'new'], { type: 'categorical' });
    expect(r).toMatchObject({ method: 'chisquare', statistic: Infinity, pValue: 0, drifted: true });
  });

  it('chi-square on a single category (df = 0) reports p = 1 where scipy gives NaN', () => {
    expect(featureDrift(['x', 'x'], ['x'], { type: 'categorical', method: 'chisquare' })).toMatchObject({ statistic: 0, pValue: 1, drifted: false });
  });

  it('the z-test on more than two categories compares the first category (sorted) with the rest, as Evidently', () => {
    const r = featureDrift(['a', 'b', 'c', 'c'], ['a', 'a', 'b', 'c'], { type: 'categorical', method: 'z' });
    const direct = featureDrift(['a', 'x', 'x', 'x'], ['a', 'a', 'x', 'x'], { type: 'categorical', method: 'z' });
    expect(r.statistic).toBe(direct.statistic);
    expect(r.pValue).toBe(direct.pValue);
  });

  it('an empty side is skipped, not an error, and never counts as drift', () => {
    const r = featureDrift(ref, [NaN, null], { type: 'numeric' });
    expect(r).toMatchObject({ skipped: 'empty current', statistic: null, pValue: null, score: null, drifted: false, currentMissing: 2 });
    expect(featureDrift([], ['a'], { type: 'categorical' })).toMatchObject({ skipped: 'empty reference', drifted: false });
  });

  it('refuses what it cannot compute, saying why', () => {
    expect(() => featureDrift(['a'], ['b'], { type: 'categorical', method: 'ks' })).toThrow(/numeric features only/);
    expect(() => featureDrift(ref, cur, { type: 'numeric', method: 'kl' as DriftMethod })).toThrow(/unknown drift method/);
    expect(() => featureDrift(ref, cur, { type: 'numeric', threshold: NaN })).toThrow(/threshold/);
    expect(() => featureDrift({ counts: new Map([['a', 1]]) }, cur, { type: 'numeric' })).toThrow(/raw reference values/);
    expect(() => featureDrift([{}] as unknown as string[], ['a'], { type: 'categorical' })).toThrow(/object at row 0/);
    expect(() => featureDrift({ counts: new Map([['a', -1]]) }, ['a'], { type: 'categorical' })).toThrow(/count -1/);
  });

  it('1, "1" and true are different categories', () => {
    expect(featureDrift([1, '1', true], [1], { type: 'categorical' }).distinct).toBe(3);
  });
});

describe('datasetDrift', () => {
  const feature = (drifted: boolean, skipped?: FeatureDriftResult['skipped']) => ({ drifted, skipped }) as FeatureDriftResult;

  it('is drift when at least half the features drifted (Evidently drift_share = 0.5)', () => {
    expect(datasetDrift({ a: feature(true), b: feature(false) })).toEqual({ featureCount: 2, driftedCount: 1, skippedCount: 0, share: 0.5, drifted: true });
    expect(datasetDrift([feature(true), feature(false), feature(false)]).drifted).toBe(false);
    expect(datasetDrift([feature(true), feature(false), feature(false)], 1 / 3).drifted).toBe(true);
  });

  it('leaves skipped features out of the share; no testable feature is no drift', () => {
    expect(datasetDrift([feature(true), feature(false, 'empty current'), feature(false, 'empty reference')])).toMatchObject({
      featureCount: 1,
      skippedCount: 2,
      share: 1,
      drifted: true,
    });
    expect(datasetDrift({})).toEqual({ featureCount: 0, driftedCount: 0, skippedCount: 0, share: 0, drifted: false });
  });
});

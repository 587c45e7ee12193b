import { describe, expect, it } from 'vitest';
import { seededRandom } from '../metrics/growable';
import { countDistinctPooled, ks2samp, populationStd, prepareNumeric, sortFloat64, wassersteinDistance, type KsMode } from './numeric';
import { kolmogorovSmirnovSf } from './special';
import { expectClose, numbers, reference } from './test-helpers';

describe('ks2samp against scipy.stats.ks_2samp', () => {
  it.each(Object.keys(reference.ks2samp))('%s', (name) => {
    const c = reference.ks2samp[name]!;
    const a = Float64Array.from(numbers(c.input.a));
    const b = Float64Array.from(numbers(c.input.b));
    const r = ks2samp(a, b, { mode: c.input.mode as KsMode });
    expect(r.method).toBe(c.expected.method);
    expectClose(r.statistic, c.expected.statistic as number, 'statistic', 1e-14);
    expectClose(r.pValue, c.expected.pValue as number, 'pValue');
    // The test is symmetric in its samples; sorted input gives the same answer.
    const swapped = ks2samp(b, a, { mode: c.input.mode as KsMode });
    expect(swapped.statistic).toBe(r.statistic);
    expectClose(swapped.pValue, r.pValue, 'swapped pValue', 1e-12);
    expect(ks2samp(a.slice().sort(), b.slice().sort(), { mode: c.input.mode as KsMode, sorted: true })).toEqual(r);
  });

  it('uses the asymptotic p-value, kstwo at round(n1 n2 / (n1 + n2)), beyond 10,000 values', () => {
    const random = seededRandom(3);
    const a = Float64Array.from({ length: 5000 }, () => random());
    const b = Float64Array.from({ length: 1_000_000 }, () => random() * 1.002);
    const r = ks2samp(a, b);
    expect(r.method).toBe('asymp');
    expect(r.pValue).toBe(kolmogorovSmirnovSf(Math.round((1_000_000 * 5000) / 1_005_000), r.statistic));
  });

  it('refuses empty samples and missing values (featureDrift drops those first)', () => {
    expect(() => ks2samp(new Float64Array(0), Float64Array.of(1))).toThrow(RangeError);
    expect(() => ks2samp(Float64Array.of(1, NaN), Float64Array.of(1))).toThrow(/non-finite/);
    expect(() => wassersteinDistance(Float64Array.of(1), Float64Array.of(Infinity))).toThrow(/non-finite/);
  });
});

describe('wassersteinDistance and populationStd', () => {
  it('matches scipy.stats.wasserstein_distance', () => {
    const c = reference.blocks.wasserstein as { input: { u: number[]; v: number[] }; expected: number };
    expectClose(wassersteinDistance(Float64Array.from(c.input.u), Float64Array.from(c.input.v)), c.expected, 'wasserstein');
  });

  it('is a distance: zero for identical samples, symmetric, and a shift for shifted copies', () => {
    const a = Float64Array.of(3, 1, 2, 2, 5);
    expect(wassersteinDistance(a, a.slice().reverse())).toBe(0);
    expect(wassersteinDistance(a, a.map((v) => v + 1.5))).toBeCloseTo(1.5, 14);
    expect(wassersteinDistance(Float64Array.of(0, 1), Float64Array.of(5))).toBe(wassersteinDistance(Float64Array.of(5), Float64Array.of(0, 1)));
    expect(wassersteinDistance(Float64Array.of(0, 1), Float64Array.of(5))).toBe(4.5);
  });

  it('population std is numpy.std with ddof=0', () => {
    expect(populationStd(Float64Array.of(2, 4, 4, 4, 5, 5, 7, 9))).toBe(2);
    expect(populationStd(Float64Array.of(7, 7, 7))).toBe(0);
  });
});

describe('sorting and missing values', () => {
  it('radix sort agrees with the built-in sort, negatives, zeros, ties and extremes included', () => {
    const random = seededRandom(11);
    for (const n of [0, 1, 5, 2047, 2048, 5000, 100_003]) {
      const a = Float64Array.from({ length: n }, (_, i) =>
        i % 17 === 0 ? -0 : i % 13 === 0 ? 0 : i % 11 === 0 ? Math.round(random() * 10) : i % 7 === 0 ? -1e300 * random() : (random() - 0.5) * 1e6,
      );
      if (n > 10) a.set([Number.MIN_VALUE, -Number.MIN_VALUE, Number.MAX_VALUE, -Number.MAX_VALUE], 3);
      expect(Array.from(sortFloat64(a.slice()))).toEqual(Array.from(a.slice().sort()));
    }
  });

  it('radix sort skips passes where every key shares a digit (small integers) and stays correct', () => {
    const random = seededRandom(5);
    const a = Float64Array.from({ length: 10_000 }, () => Math.floor(random() * 50) - 25);
    expect(Array.from(sortFloat64(a.slice()))).toEqual(Array.from(a.slice().sort()));
  });

  it('prepareNumeric drops null, undefined, NaN and ±Infinity, counts them, and leaves the input alone', () => {
    const input = [3, null, 1, NaN, undefined, Infinity, -Infinity, 2, -0, 0];
    const s = prepareNumeric(input);
    expect(Array.from(s.sorted)).toEqual([-0, 0, 1, 2, 3]);
    expect(s.missing).toBe(5);
    expect(s.distinct).toBe(4); // -0 and 0 are one value, as in pandas
    expect(input[0]).toBe(3);
    const typed = Float64Array.of(5, NaN, 4);
    expect(Array.from(prepareNumeric(typed).sorted)).toEqual([4, 5]);
    expect(Array.from(typed).slice(0, 1)).toEqual([5]);
    expect(() => prepareNumeric(['1'] as unknown as number[])).toThrow(/string at row 0/);
  });

  it('counts distinct values of two samples pooled', () => {
    expect(countDistinctPooled(Float64Array.of(1, 1, 2, 5), Float64Array.of(0, 2, 2, 6))).toBe(5);
    expect(countDistinctPooled(new Float64Array(0), Float64Array.of(-0, 0))).toBe(1);
  });
});

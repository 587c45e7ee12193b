import { describe, expect, it } from 'vitest';
import { chiSquareGof, twoProportionZ } from './categorical';
import { fillZeroShares, histogramShares, jensenShannon, psi, sturgesEdges, sturgesEdgesOf } from './shares';
import { expectAllClose, expectClose, num, reference } from './test-helpers';

type Block<I, E> = { input: I; expected: E };
const blocks = reference.blocks as unknown as {
  sturges: Block<{ values: number[] }, number[]>;
  sturgesConstant: Block<{ values: number[] }, number[]>;
  sturgesPowerOfTwo: Block<{ values: number[] }, number[]>;
  histogram: Block<{ values: number[]; edges: number[] }, number[]>;
  jensenshannon: Block<{ p: number[]; q: number[] }, { e: number; base2: number }>;
  jensenshannonUnnormalized: Block<{ p: number[]; q: number[] }, number>;
  psi: Block<{ reference: number[]; current: number[] }, { value: number; referenceFilled: number[]; currentFilled: number[] }>;
  chisquare: Block<{ observed: number[]; expected: number[] }, { statistic: number; pValue: number }>;
  chisquareZeroExpected: Block<{ observed: number[]; expected: number[] }, { statistic: string; pValue: number }>;
  ztest: Block<[number, number, number, number], { statistic: number; pValue: number }>[];
};

describe('bins and shares against numpy', () => {
  it.each(['sturges', 'sturgesConstant', 'sturgesPowerOfTwo'] as const)('%s edges equal numpy.histogram_bin_edges(bins="sturges")', (name) => {
    const c = blocks[name];
    const values = Float64Array.from(c.input.values);
    expect(Array.from(sturgesEdgesOf(values))).toEqual(c.expected); // same operations as numpy, so bit for bit
    // Pooled from two parts without concatenating them gives the same edges.
    expect(Array.from(sturgesEdgesOf(values.subarray(0, 3), values.subarray(3)))).toEqual(c.expected);
  });

  it('histogram shares follow numpy.histogram: left-closed bins, the last closed, outside values not counted', () => {
    const c = blocks.histogram;
    expectAllClose(histogramShares(Float64Array.from(c.input.values), Float64Array.from(c.input.edges)), c.expected, 'shares');
  });

  it('refuses a range it cannot bin', () => {
    expect(() => sturgesEdges(0, NaN, 5)).toThrow(RangeError);
    expect(() => sturgesEdges(0, 1, 0)).toThrow(RangeError);
  });
});

describe('Jensen–Shannon and PSI', () => {
  it('jensenShannon equals scipy.spatial.distance.jensenshannon (base e and base 2, normalizing its input)', () => {
    const c = blocks.jensenshannon;
    expectClose(jensenShannon(c.input.p, c.input.q), c.expected.e, 'base e');
    expectClose(jensenShannon(c.input.p, c.input.q, 2), c.expected.base2, 'base 2');
    const u = blocks.jensenshannonUnnormalized;
    expectClose(jensenShannon(u.input.p, u.input.q), u.expected, 'unnormalized');
    expect(jensenShannon([0.2, 0.8], [0.2, 0.8])).toBe(0);
    expect(jensenShannon([1, 0], [0, 1])).toBeCloseTo(Math.sqrt(Math.LN2), 15); // disjoint: the maximum
  });

  it("psi fills zero shares as Evidently does, each vector with its own smallest share", () => {
    const c = blocks.psi;
    expectAllClose(fillZeroShares(c.input.reference), c.expected.referenceFilled, 'reference filled');
    expectAllClose(fillZeroShares(c.input.current), c.expected.currentFilled, 'current filled');
    expectClose(psi(c.input.reference, c.input.current), c.expected.value, 'psi');
    expect(Array.from(fillZeroShares([0.5, 0, 0.5]))).toEqual([0.5, 0.0001, 0.5]);
    expect(Array.from(fillZeroShares([0.99995, 0, 0.00005]))).toEqual([0.99995, 0.00005 / 1e6, 0.00005]);
    expect(() => fillZeroShares([0, 0])).toThrow(RangeError);
    expect(() => psi([1], [0.5, 0.5])).toThrow(/length/);
  });
});

describe('chi-square goodness of fit and the two-proportion z-test', () => {
  it('chiSquareGof equals scipy.stats.chisquare', () => {
    const c = blocks.chisquare;
    const r = chiSquareGof(c.input.observed, c.input.expected);
    expectClose(r.statistic, c.expected.statistic, 'statistic');
    expectClose(r.pValue, c.expected.pValue, 'pValue');
    expect(r.df).toBe(3);
  });

  it('an expected count of 0 with observations gives statistic inf and p = 0, as scipy', () => {
    const c = blocks.chisquareZeroExpected;
    const r = chiSquareGof(c.input.observed, c.input.expected);
    expect(r.statistic).toBe(num(c.expected.statistic));
    expect(r.pValue).toBe(c.expected.pValue);
    expect(chiSquareGof([0, 5], [0, 5]).statistic).toBeNaN(); // 0/0, as scipy
  });

  it('refuses frequencies whose sums differ (scipy checks to √ε)', () => {
    expect(() => chiSquareGof([1, 2], [1, 3])).toThrow(/same sum/);
    expect(() => chiSquareGof([1, 2], [1, 2, 0])).toThrow(/categories/);
  });

  it('twoProportionZ equals the pooled z-test with 2·norm.sf(|z|)', () => {
    for (const c of blocks.ztest) {
      const r = twoProportionZ(...c.input);
      expectClose(r.statistic, c.expected.statistic, `z ${c.input.join(',')}`);
      expectClose(r.pValue, c.expected.pValue, `p ${c.input.join(',')}`);
    }
    expect(twoProportionZ(0, 10, 0, 20)).toEqual({ statistic: 0, pValue: 1 });
    expect(twoProportionZ(10, 10, 20, 20)).toEqual({ statistic: 0, pValue: 1 });
  });
});

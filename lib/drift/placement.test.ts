// The sort-free placement against the sort-based merges it replaces in reports (featureDrift,
// ks2samp, wassersteinDistance, numpy-style histograms): KS D and every count exactly equal,
// Wasserstein-1 within 1e-12 relative, on many random samples with ties, duplicates, values equal
// to reference points, values outside the reference range, missing values, tiny and large sizes.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../metrics/growable';
import { featureDrift, type DriftMethod, type FeatureDriftResult } from './drift';
import { ks2samp, prepareNumeric } from './numeric';
import { placeInReference, select } from './placement';
import { sturgesEdgesOf } from './shares';
import { relativeError } from './test-helpers';

const W1_TOLERANCE = 1e-12;
// Each test seeds its own generator, so a failing case reproduces alone.
let random = seededRandom(1);
const seed = (s: number) => {
  random = seededRandom(s);
};
const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
const SEED = Number(process.env.DRIFT_PROPERTY_SEED ?? 20260611);

type Shape = 'normal' | 'integers' | 'quantized' | 'constant' | 'zeros' | 'wide';
const SHAPES: readonly Shape[] = ['normal', 'integers', 'quantized', 'constant', 'zeros', 'wide'];

function draw(shape: Shape, shift: number, scale: number): number {
  switch (shape) {
    case 'normal':
      return (normal() + shift) * scale;
    case 'integers':
      return Math.floor(random() * 12 + shift * 4) * scale;
    case 'quantized':
      return Number(((normal() + shift) * scale).toFixed(2));
    case 'constant':
      return 3 * scale;
    case 'zeros':
      return random() < 0.5 ? -0 : random() < 0.5 ? 0 : Math.round(normal() + shift);
    case 'wide':
      return (random() < 0.1 ? normal() * 1e4 : normal()) * scale + shift;
  }
}

interface Case {
  reference: Float64Array;
  current: Float64Array;
  groups: Uint8Array;
  groupCount: number;
}

/** A random pair: the current sample mixes its own shape (shifted), copies of reference values
 * (exact ties with reference points), far outliers and missing values. */
function randomCase(): Case {
  const m = pick([1, 2, 3, 6, 20, 300, 1001, 5000]);
  const n = pick([1, 2, 3, 10, 200, 3000, 12_000, 40_000]);
  const scale = pick([1, 1e-6, 1e6]);
  const refShape = pick(SHAPES);
  const curShape = pick(SHAPES);
  const shift = pick([0, 0, 0.3, 2, -5]);
  const copyShare = pick([0, 0.1, 0.5, 1]);
  const missingShare = pick([0, 0, 0.05, 1]);
  const reference = Float64Array.from({ length: m }, () => (random() < 0.02 ? NaN : draw(refShape, 0, scale)));
  const current = Float64Array.from({ length: n }, () => {
    const u = random();
    if (u < missingShare * 0.5) return pick([NaN, Infinity, -Infinity]);
    if (random() < copyShare) return reference[Math.floor(random() * m)] as number; // NaN too sometimes
    if (random() < 0.01) return pick([-1, 1]) * 1e3 * scale;
    return draw(curShape, shift, scale);
  });
  const groupCount = pick([1, 2, 5, 24]);
  const groups = Uint8Array.from({ length: n }, () => (random() < 0.3 ? 0 : Math.floor(random() * groupCount)));
  return { reference, current, groups, groupCount };
}

function expectSameDrift(placed: Omit<FeatureDriftResult, 'distinct'> & { distinct?: number }, expected: FeatureDriftResult, label: string) {
  const { distinct: _d, ...rest } = expected;
  const { distinct: _p, ...actual } = placed;
  if (actual.method === 'wasserstein' && expected.statistic !== null && actual.statistic !== null) {
    const error = relativeError(actual.statistic, expected.statistic);
    if (!(error <= W1_TOLERANCE)) throw new Error(`${label}: wasserstein ${actual.statistic} vs ${expected.statistic} (relative error ${error.toExponential(2)})`);
    expect({ ...actual, statistic: 0, score: 0, drifted: false }, label).toEqual({ ...rest, statistic: 0, score: 0, drifted: false });
    // The decision may only differ where the statistic sits on the threshold within rounding.
    if (actual.drifted !== expected.drifted) expect(relativeError(expected.statistic, expected.threshold), label).toBeLessThan(W1_TOLERANCE);
  } else expect(actual, label).toEqual(rest);
}

describe('placeInReference equals the sort-based statistics', () => {
  it('on 300 random cases: window and groups, default method and KS, Wasserstein, PSI chosen', { timeout: 180_000 }, () => {
    seed(SEED);
    for (let t = 0; t < 300; t++) {
      const c = randomCase();
      const ref = prepareNumeric(c.reference);
      const placement = placeInReference(ref, c.current, { of: c.groups, count: c.groupCount });
      const members = Array.from({ length: c.groupCount }, (_, g) => c.current.filter((_, r) => c.groups[r] === g));
      for (const method of [undefined, 'ks', 'wasserstein', pick<DriftMethod>(['psi', 'jensenshannon', 'chisquare', 'z'])] as const) {
        const label = `case ${t} (m ${c.reference.length}, n ${c.current.length}), ${method ?? 'default'}`;
        const expected = featureDrift(ref, c.current, { type: 'numeric', method });
        const actual = placement.drift({ method });
        expectSameDrift(actual, expected, label);
        for (let g = 0; g < c.groupCount; g++) {
          expectSameDrift(placement.groupDrift(g, { method }), featureDrift(ref, members[g] as Float64Array, { type: 'numeric', method }), `${label}, group ${g}`);
        }
      }
    }
  });

  it('KS D is exactly ks2samp’s and W1 within 1e-12 of wassersteinDistance, also for large windows', () => {
    seed(SEED + 1);
    for (const [m, n, shift] of [
      [5000, 100_000, 0],
      [5000, 100_000, 0.3],
      [5000, 200_000, 5],
      [800, 150_000, -0.1],
      [5000, 60_000, 0],
    ] as const) {
      const reference = Float64Array.from({ length: m }, () => Number(normal().toFixed(3)));
      const current = Float64Array.from({ length: n }, () => (random() < 0.2 ? (reference[Math.floor(random() * m)] as number) : Number((normal() + shift).toFixed(4))));
      const ref = prepareNumeric(reference);
      const cur = prepareNumeric(current);
      const placement = placeInReference(ref, current);
      const ks = placement.drift({ method: 'ks' });
      const direct = ks2samp(ref.sorted, cur.sorted, { sorted: true });
      expect(ks.statistic).toBe(direct.statistic);
      expect(ks.pValue).toBe(direct.pValue);
      const w = placement.drift({ method: 'wasserstein' });
      const oracle = featureDrift(ref, cur, { type: 'numeric', method: 'wasserstein' });
      expect(relativeError(w.statistic ?? NaN, oracle.statistic ?? NaN)).toBeLessThan(W1_TOLERANCE);
    }
  });

  it('identical samples are at distance 0 and KS 0; a shifted copy is at the shift', () => {
    seed(SEED + 2);
    const reference = Float64Array.from({ length: 2000 }, () => normal());
    const ref = prepareNumeric(reference);
    const same = placeInReference(ref, reference.slice().reverse());
    expect(same.drift({ method: 'wasserstein' }).statistic).toBe(0);
    expect(same.drift({ method: 'ks' }).statistic).toBe(0);
    const twice = placeInReference(ref, Float64Array.from([...reference, ...reference]));
    expect(twice.drift({ method: 'wasserstein' }).statistic).toBe(0);
    const shifted = placeInReference(ref, reference.map((v) => v + 10));
    const expected = 10 / Math.max(0.001, Math.sqrt(ref.sorted.reduce((s, v, _, a) => s + (v - a.reduce((x, y) => x + y, 0) / a.length) ** 2, 0) / ref.sorted.length));
    expect(relativeError(shifted.drift({ method: 'wasserstein' }).statistic ?? NaN, expected)).toBeLessThan(1e-12);
  });

  it('empty sides are skipped as featureDrift skips them, with or without groups', () => {
    const ref = prepareNumeric(Float64Array.from({ length: 50 }, (_, i) => i));
    const missing = Float64Array.of(NaN, Infinity, NaN);
    const placement = placeInReference(ref, missing, { of: Uint8Array.of(0, 0, 1), count: 3 });
    expectSameDrift(placement.drift(), featureDrift(ref, missing, { type: 'numeric' }), 'all missing');
    expect(placement.groupDrift(2)).toMatchObject({ skipped: 'empty current', currentCount: 0, currentMissing: 0 });
    const empty = prepareNumeric(new Float64Array(0));
    const current = Float64Array.of(1, 2, 3, 4, 5, 6, 7);
    const unplaced = placeInReference(empty, current, { of: new Uint8Array(7), count: 1 });
    expectSameDrift(unplaced.drift(), featureDrift(empty, current, { type: 'numeric' }), 'empty reference');
    expect(unplaced.groupDrift(0)).toMatchObject({ skipped: 'empty reference', currentCount: 7 });
    expect(() => placement.groupDrift(3)).toThrow(/group 3/);
    expect(() => placeInReference(ref, current, { of: new Uint8Array(2), count: 1 })).toThrow(/row groups/);
  });
});

/** The histogram the report drew before: Sturges edges over both sides pooled, each value's bin by
 * binary search (the last bin closed). */
function searchedHistogram(reference: Float64Array, current: Float64Array) {
  const present = current.filter((v) => v - v === 0);
  const edges = sturgesEdgesOf(reference, present);
  const counts = (values: Float64Array) => {
    const out = new Float64Array(edges.length - 1);
    for (const v of values) {
      let lo = 0;
      let hi = edges.length - 2;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((edges[mid] as number) <= v) lo = mid;
        else hi = mid - 1;
      }
      out[lo]!++;
    }
    return out;
  };
  return { edges, reference: counts(reference), current: counts(present) };
}

describe('placed histograms', () => {
  it('equal the binary-searched counts over the pooled Sturges edges', () => {
    seed(SEED + 3);
    for (let t = 0; t < 150; t++) {
      const c = randomCase();
      const ref = prepareNumeric(c.reference);
      const h = placeInReference(ref, c.current).histogram();
      if (ref.sorted.length === 0 && !c.current.some((v) => v - v === 0)) {
        expect(h).toBeNull();
        continue;
      }
      const expected = searchedHistogram(ref.sorted, c.current);
      expect(h && Array.from(h.edges), `case ${t}`).toEqual(Array.from(expected.edges));
      expect(h && Array.from(h.reference), `case ${t}`).toEqual(Array.from(expected.reference));
      expect(h && Array.from(h.current), `case ${t}`).toEqual(Array.from(expected.current));
    }
  });

  it('with an empty reference bins the window alone, and gives nothing when both sides are empty', () => {
    const empty = prepareNumeric(new Float64Array(0));
    const current = Float64Array.of(1, 5, NaN, 2, 9);
    const expected = searchedHistogram(new Float64Array(0), current);
    expect(placeInReference(empty, current).histogram()).toMatchObject({ edges: expected.edges, current: expected.current, currentCount: 4, referenceCount: 0 });
    expect(placeInReference(empty, Float64Array.of(NaN)).histogram()).toBeNull();
  });
});

describe('select', () => {
  it('puts the k-th smallest at k with smaller-or-equal values before it and greater-or-equal after', () => {
    seed(SEED + 4);
    for (let t = 0; t < 300; t++) {
      const n = 1 + Math.floor(random() * 60);
      const a = Float64Array.from({ length: n }, () => Math.floor(random() * (t % 3 === 0 ? 4 : 100)));
      const sorted = a.slice().sort();
      const k = Math.floor(random() * n);
      const b = a.slice();
      expect(select(b, n, k)).toBe(sorted[k]);
      for (let i = 0; i < k; i++) expect(b[i]).toBeLessThanOrEqual(b[k] as number);
      for (let i = k + 1; i < n; i++) expect(b[i]).toBeGreaterThanOrEqual(b[k] as number);
      expect(b.slice().sort()).toEqual(sorted);
    }
  });
});

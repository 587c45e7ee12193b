import { describe, expect, it } from 'vitest';
import { createBinaryAccumulator } from './binary';
import { expectClose, inBatches, numbers, reference } from './test-helpers';

const cases = Object.entries(reference.binary);
const SCALARS = ['count', 'invalid', 'positives', 'accuracy', 'precision', 'recall', 'f1', 'logLoss', 'rocAuc', 'prAuc', 'ece'];

function load(name: string) {
  const c = reference.binary[name];
  if (!c) throw new Error(`no reference case ${name}`);
  return { scores: numbers(c.input.scores), labels: numbers(c.input.labels), expected: c.expected };
}

function whole(scores: number[], labels: number[]) {
  const acc = createBinaryAccumulator();
  acc.add(scores, labels);
  return acc;
}

describe('binary metrics against the numpy/scipy reference', () => {
  it.each(cases.map(([name]) => name))('%s matches every metric', (name) => {
    const { scores, labels, expected } = load(name);
    const acc = whole(scores, labels);
    const result = acc.result(0.5);
    for (const key of [...SCALARS, 'confusion']) expectClose(result[key as keyof typeof result], expected[key], key);
    expectClose(result.calibration, expected.calibration, 'calibration');
    expectClose(
      (expected.probes as { threshold: number }[]).map((p) => ({ threshold: p.threshold, ...acc.confusionAt(p.threshold) })),
      expected.probes,
      'probes',
    );
    if (expected.rocCurve) expectClose(result.rocCurve, expected.rocCurve, 'rocCurve');
  });

  it.each(cases.map(([name]) => name))('%s gives identical results in one batch or many', (name) => {
    const { scores, labels } = load(name);
    const acc = createBinaryAccumulator();
    inBatches(scores.length, (a, b) => acc.add(Float64Array.from(scores.slice(a, b)), labels.slice(a, b)));
    expect(acc.result(0.3)).toEqual(whole(scores, labels).result(0.3));
  });
});

describe('binary metrics with float32 score storage', () => {
  it.each(cases.map(([name]) => name))('%s: on Float32 scores, results equal float64 storage exactly', (name) => {
    const { scores, labels } = load(name);
    const f32 = Float32Array.from(scores);
    const wide = createBinaryAccumulator('float64');
    const narrow = createBinaryAccumulator('float32');
    inBatches(f32.length, (a, b) => {
      wide.add(f32.subarray(a, b), labels.slice(a, b));
      narrow.add(f32.subarray(a, b), labels.slice(a, b));
    });
    expect(narrow.result(0.3)).toEqual(wide.result(0.3));
  });

  it('really stores Float32: two scores apart by less than a float32 step become a tie', () => {
    const scores = [0.1 + 1e-12, 0.1];
    expect(whole(scores, [1, 0]).result().rocAuc).toBe(1);
    const narrow = createBinaryAccumulator('float32');
    narrow.add(scores, [1, 0]);
    expect(narrow.result().rocAuc).toBe(0.5);
  });
});

describe('binary edge cases', () => {
  it('tiny case matches the hand computation, ties included', () => {
    const { scores, labels } = load('tiny'); // [0.1 0.4 0.35 0.8 0.8 0.9] / [0 0 1 1 0 1]
    const r = whole(scores, labels).result();
    expect(r.rocAuc).toBeCloseTo(6.5 / 9, 14); // the 0.8 tie counts one half
    expect(r.prAuc).toBeCloseTo((1 / 3) * (1 + 2 / 3 + 3 / 5), 14);
    expect(r.confusion).toEqual({ tp: 2, fp: 1, tn: 2, fn: 1 });
    expect(r.accuracy).toBeCloseTo(4 / 6, 14);
  });

  it('changing the threshold changes the confusion, and an add invalidates the sorted cache', () => {
    const { scores, labels } = load('tiny');
    const acc = whole(scores, labels);
    expect(acc.confusionAt(0.85)).toEqual({ tp: 1, fp: 0, tn: 3, fn: 2 });
    expect(acc.confusionAt(0.8)).toEqual({ tp: 2, fp: 1, tn: 2, fn: 1 }); // >= threshold is positive
    expect(acc.result(0).confusion).toEqual({ tp: 3, fp: 3, tn: 0, fn: 0 });
    acc.add([0.95], [0]);
    expect(acc.confusionAt(0.85)).toEqual({ tp: 1, fp: 1, tn: 3, fn: 2 });
  });

  it('a single class gives a null ROC AUC and no ROC curve; no positives gives a null PR AUC', () => {
    const { scores, labels } = load('singleClass');
    const r = whole(scores, labels).result();
    expect(r.rocAuc).toBeNull();
    expect(r.rocCurve).toEqual([]);
    expect(r.prAuc).toBe(1);
    const negatives = whole([0.2, 0.7], [0, 0]).result();
    expect(negatives.prAuc).toBeNull();
    expect(negatives.recall).toBe(0); // zero_division = 0
  });

  it('NaN scores and bad labels are counted as invalid and change no metric', () => {
    const { scores, labels } = load('nanScores');
    const keep = scores.map((s) => !Number.isNaN(s));
    const clean = whole(scores.filter((_, i) => keep[i]), labels.filter((_, i) => keep[i])).result();
    const dirty = whole([...scores, 0.5, 0.5], [...labels, 2, NaN]).result();
    expect(dirty.invalid).toBe(29 + 2);
    expect({ ...dirty, invalid: 0 }).toEqual({ ...clean, invalid: 0 });
  });

  it('an empty accumulator reports count 0 and null metrics, never NaN', () => {
    const r = createBinaryAccumulator().result();
    expect(r).toMatchObject({ count: 0, accuracy: null, precision: null, f1: null, logLoss: null, rocAuc: null, prAuc: null, ece: null });
    expect(r.confusion).toEqual({ tp: 0, fp: 0, tn: 0, fn: 0 });
  });

  it('downsamples long curves to at most 200 points, keeping both ends', () => {
    const { scores, labels, expected } = load('normal');
    const r = whole(scores, labels).result();
    expect(expected.distinctThresholds).toBe(999);
    expect(r.rocCurve.length).toBe(200);
    expect(r.rocCurve[0]).toEqual({ threshold: null, fpr: 0, tpr: 0 });
    expect(r.rocCurve.at(-1)).toMatchObject({ fpr: 1, tpr: 1 });
    expect(r.prCurve.at(-1)).toMatchObject({ recall: 1, precision: 293 / 1000 });
    let area = 0;
    r.rocCurve.forEach((p, i) => {
      const prev = r.rocCurve[i - 1];
      if (prev) area += ((p.fpr - prev.fpr) * (p.tpr + prev.tpr)) / 2;
    });
    expect(Math.abs(area - (r.rocAuc ?? 0))).toBeLessThan(0.005);
  });

  it('the reference comparison can fail: one flipped label or a 1e-8 error is caught', () => {
    const { scores, labels, expected } = load('tiny');
    expect(() => expectClose(whole(scores, [1, ...labels.slice(1)]).result().rocAuc, expected.rocAuc)).toThrow(/expected/);
    expect(() => expectClose(0.5 * (1 + 1e-8), 0.5)).toThrow();
    expect(() => expectClose(null, 0)).toThrow();
  });
});

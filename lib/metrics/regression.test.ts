import { describe, expect, it } from 'vitest';
import { createRegressionAccumulator, histogram, SAMPLE_SIZE } from './regression';
import { expectClose, inBatches, numbers, reference } from './test-helpers';

function load(name: string) {
  const c = reference.regression[name];
  if (!c) throw new Error(`no reference case ${name}`);
  return { predictions: numbers(c.input.predictions), targets: numbers(c.input.targets), expected: c.expected };
}

function whole(predictions: ArrayLike<number>, targets: ArrayLike<number>, seed?: number) {
  const acc = createRegressionAccumulator(seed);
  acc.add(predictions, targets);
  return acc.result();
}

describe('regression metrics against the numpy reference', () => {
  it.each(['normal', 'constantTarget'])('%s matches every metric and numpy.histogram', (name) => {
    const { predictions, targets, expected } = load(name);
    const r = whole(predictions, targets);
    for (const key of ['count', 'invalid', 'mae', 'rmse', 'r2']) expectClose(r[key as keyof typeof r], expected[key], key);
    expectClose(r.residualHistogram, expected.histogram, 'histogram');
  });

  it.each(['normal', 'constantTarget'])('%s gives identical results in one batch or many', (name) => {
    const { predictions, targets } = load(name);
    const acc = createRegressionAccumulator();
    inBatches(targets.length, (a, b) => acc.add(predictions.slice(a, b), Float64Array.from(targets.slice(a, b))));
    expect(acc.result()).toEqual(whole(predictions, targets));
  });

  it('a constant target has no R² but still has errors', () => {
    const r = whole([6, 8], [7, 7]);
    expect(r).toMatchObject({ r2: null, mae: 1, rmse: 1 });
    expect(whole([7, 7], [7, 7]).residualHistogram?.edges[0]).toBe(-0.5); // zero-width range widened
  });

  it('keeps every row in the sample below the cap, in order', () => {
    const { predictions, targets } = load('normal');
    const r = whole(predictions, targets);
    expect(r.sample).toHaveLength(1498);
    expect(r.sample[0]).toEqual({ predicted: predictions[0], actual: targets[0] });
  });

  it('samples at most 2,000 real rows, deterministically for a seed and independent of batching', () => {
    const n = 5000;
    const targets = Array.from({ length: n }, (_, i) => i);
    const predictions = targets.map((t) => t + 0.5);
    const a = whole(predictions, targets);
    const batched = createRegressionAccumulator();
    inBatches(n, (s, e) => batched.add(predictions.slice(s, e), targets.slice(s, e)));
    expect(a.sample).toHaveLength(SAMPLE_SIZE);
    expect(batched.result().sample).toEqual(a.sample);
    expect(a.sample.every((p) => p.predicted === p.actual + 0.5 && Number.isInteger(p.actual))).toBe(true);
    expect(a.sample.some((p) => p.actual >= SAMPLE_SIZE)).toBe(true); // the reservoir did replace rows
    expect(whole(predictions, targets, 7).sample).not.toEqual(a.sample);
  });

  it('counts non-finite rows as invalid; empty gives nulls', () => {
    expect(whole([1, NaN, Infinity, 2], [1, 2, 3, NaN])).toMatchObject({ count: 1, invalid: 3, mae: 0 });
    expect(createRegressionAccumulator().result()).toMatchObject({ count: 0, mae: null, rmse: null, r2: null, residualHistogram: null, sample: [] });
  });

  it('puts a value on an inner edge in the upper bin and the maximum in the last bin', () => {
    const h = histogram(Float64Array.from([0, 1, 2, 3]), 3);
    expect(h.edges).toEqual([0, 1, 2, 3]);
    expect(h.counts).toEqual([1, 1, 2]);
  });
});

import { describe, expect, it } from 'vitest';
import { createBinaryAccumulator } from './binary';
import { createMulticlassAccumulator } from './multiclass';
import { createRegressionAccumulator } from './regression';
import { createSlicedAccumulator, MISSING_SLICE, OTHER_SLICE } from './slices';
import { inBatches, numbers, reference } from './test-helpers';

const tiny = reference.binary.tiny;
const scores = numbers(tiny?.input.scores); // [0.1 0.4 0.35 0.8 0.8 0.9]
const labels = numbers(tiny?.input.labels); // [0 0 1 1 0 1]
const regions = ['eu', 'us', 'eu', null, 'us', 'eu'];

describe('sliced metrics', () => {
  it('routes each row to its slice, with the same metrics as filtering by hand', () => {
    const sliced = createSlicedAccumulator(createBinaryAccumulator);
    sliced.add(regions, scores, labels);
    const result = sliced.result();
    expect(result.map((s) => [s.value, s.count])).toEqual([['eu', 3], ['us', 2], [MISSING_SLICE, 1]]);
    const eu = createBinaryAccumulator();
    eu.add([0.1, 0.35, 0.9], [0, 1, 1]);
    expect(result[0]?.metrics).toEqual(eu.result());
    expect(result[0]?.metrics.rocAuc).toBe(1);
    expect(result[1]?.metrics.rocAuc).toBeNull(); // 'us' holds negatives only
  });

  it('is the same in one batch or many', () => {
    const once = createSlicedAccumulator(createRegressionAccumulator);
    once.add(regions, scores, labels);
    const many = createSlicedAccumulator(createRegressionAccumulator);
    inBatches(regions.length, (a, b) => many.add(regions.slice(a, b), scores.slice(a, b), labels.slice(a, b)));
    expect(many.result()).toEqual(once.result());
  });

  it('splits row-major multiclass probabilities and passes k through', () => {
    const sliced = createSlicedAccumulator(createMulticlassAccumulator);
    sliced.add(['a', 'b', 'a'], [0.9, 0.1, 0.2, 0.8, 0.3, 0.7], [0, 0, 1], 2);
    const [a, b] = sliced.result();
    expect(a).toMatchObject({ value: 'a', count: 2, metrics: { accuracy: 1, confusion: [[1, 0], [0, 1]] } });
    expect(b).toMatchObject({ value: 'b', count: 1, metrics: { accuracy: 0, confusion: [[0, 1], [0, 0]] } });
    expect(() => sliced.add(['a', 'b'], [0.5, 0.5, 0.5], [0, 1], 2)).toThrow(/does not split/);
  });

  it('a slice whose rows are all invalid reports its rows but count 0 and null metrics', () => {
    const sliced = createSlicedAccumulator(createBinaryAccumulator);
    sliced.add(['x', 'x', 'y'], [NaN, NaN, 0.7], [1, 0, 1]);
    const x = sliced.result().find((s) => s.value === 'x');
    expect(x).toMatchObject({ count: 2, metrics: { count: 0, invalid: 2, accuracy: null, rocAuc: null, logLoss: null } });
  });

  it('treats null, undefined, empty and NaN as missing, and caps distinct slices', () => {
    const sliced = createSlicedAccumulator(createRegressionAccumulator, 2);
    sliced.add([null, undefined, '', NaN, 1, 2, 3, 4, true], new Array(9).fill(1), new Array(9).fill(1));
    expect(sliced.result().map((s) => [s.value, s.count])).toEqual([[MISSING_SLICE, 4], [OTHER_SLICE, 4], ['1', 1]]);
    expect(createSlicedAccumulator(createBinaryAccumulator).result()).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { labelEncoder } from './labels';

describe('labelEncoder', () => {
  it('binary: the positive class is 1, defaulting to the second class label', () => {
    const byDefault = labelEncoder({ target: 'y', classLabels: ['no', 'yes'] }, 'binary_classification');
    expect(['no', 'yes', ' yes ', 'maybe', 'NA', ''].map(byDefault)).toEqual([0, 1, 1, null, null, null]);
    const flipped = labelEncoder({ target: 'y', classLabels: ['good', 'bad'], positiveClass: 'good' }, 'binary_classification');
    expect(['good', 'bad'].map(flipped)).toEqual([1, 0]);
  });

  it('binary: refuses an output schema that does not say what the labels are', () => {
    expect(() => labelEncoder({ target: 'y' }, 'binary_classification')).toThrow(/exactly two class labels/);
    expect(() => labelEncoder({ target: 'y', classLabels: ['a', 'b'], positiveClass: 'c' }, 'binary_classification')).toThrow(/“c” is not one of the class labels/);
  });

  it('multiclass: the index in classLabels, the order of the output units', () => {
    const encode = labelEncoder({ target: 'species', classLabels: ['setosa', 'versicolor', 'virginica'] }, 'multiclass_classification');
    expect(['virginica', 'setosa', 'versicolor', 'Setosa', '?'].map(encode)).toEqual([2, 0, 1, null, null]);
  });

  it('regression: plain decimal numbers only', () => {
    const encode = labelEncoder({ target: 'ltv' }, 'regression');
    expect(['183.24', ' -1e3 ', 'NA', 'abc', '0x1F', ''].map(encode)).toEqual([183.24, -1000, null, null, null, null]);
  });
});

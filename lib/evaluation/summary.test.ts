import { describe, expect, it } from 'vitest';
import { expectClose, numbers, reference } from '@/lib/metrics/test-helpers';
import { metricMismatches, SUMMARY_METRICS, summarise } from './summary';

function multiclassCase(name: string) {
  const c = reference.multiclass[name];
  if (!c || typeof c.input.k !== 'number') throw new Error(`no reference case ${name}`);
  return { k: c.input.k, probabilities: Float32Array.from(numbers(c.input.probabilities)), labels: numbers(c.input.labels), expected: c.expected };
}

describe('evaluation summary', () => {
  it('summarises exactly the metrics SUMMARY_METRICS lists, in that order, for every task type', () => {
    const { k, probabilities, labels } = multiclassCase('three');
    expect(Object.keys(summarise('multiclass_classification', probabilities, labels, { classCount: k, threshold: 0.5 }))).toEqual(SUMMARY_METRICS.multiclass_classification);
    const scores = Float32Array.from([0.1, 0.8, 0.6, 0.3]);
    expect(Object.keys(summarise('binary_classification', scores, [0, 1, 1, 0], { classCount: 2, threshold: 0.5 }))).toEqual(SUMMARY_METRICS.binary_classification);
    expect(Object.keys(summarise('regression', scores, [0, 1, 1, 0], { classCount: 0, threshold: 0.5 }))).toEqual(SUMMARY_METRICS.regression);
  });

  it.each(['three', 'absentClass'])('multiclass %s: macro and weighted precision, recall and F1 match the numpy reference', (name) => {
    const { k, probabilities, labels, expected } = multiclassCase(name);
    const s = summarise('multiclass_classification', probabilities, labels, { classCount: k, threshold: 0.5 });
    // The reference is computed from float64 probabilities; these averages depend only on the argmax, which float32 keeps.
    expectClose(
      { precision: s.weighted_precision, recall: s.weighted_recall, f1: s.weighted_f1 },
      expected.weighted,
      'weighted',
    );
    expectClose({ precision: s.macro_precision, recall: s.macro_recall, f1: s.macro_f1 }, expected.macro, 'macro');
    expect(s.weighted_precision).not.toBe(s.weighted_recall);
  });

  it('reports a tampered or missing weighted precision or recall as a mismatch', () => {
    const { k, probabilities, labels } = multiclassCase('three');
    const s = summarise('multiclass_classification', probabilities, labels, { classCount: k, threshold: 0.5 });
    expect(metricMismatches(s, s)).toEqual([]);
    expect(metricMismatches({ ...s, weighted_precision: (s.weighted_precision ?? 0) + 0.01 }, s)).toEqual(['weighted_precision']);
    const { weighted_recall: _dropped, ...withoutRecall } = s;
    expect(metricMismatches(withoutRecall, s)).toEqual(['weighted_recall']);
  });
});

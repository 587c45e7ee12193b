import { describe, expect, it } from 'vitest';
import { createMulticlassAccumulator } from './multiclass';
import { expectClose, inBatches, numbers, reference } from './test-helpers';

function load(name: string) {
  const c = reference.multiclass[name];
  if (!c) throw new Error(`no reference case ${name}`);
  const k = c.input.k;
  if (typeof k !== 'number') throw new Error('k missing');
  return { k, probabilities: numbers(c.input.probabilities), labels: numbers(c.input.labels), expected: c.expected };
}

function whole(name: string) {
  const { k, probabilities, labels } = load(name);
  const acc = createMulticlassAccumulator();
  acc.add(probabilities, labels, k);
  return acc.result();
}

describe('multiclass metrics against the numpy/scipy reference', () => {
  it.each(['three', 'absentClass'])('%s matches every metric', (name) => {
    const { expected } = load(name);
    const r = whole(name);
    for (const key of ['k', 'count', 'invalid', 'accuracy', 'macro', 'weighted', 'rocAucOvrMacro', 'rocAucSkippedClasses', 'confusion']) {
      expectClose(r[key as keyof typeof r], expected[key], key);
    }
  });

  it.each(['three', 'absentClass'])('%s gives identical results in one batch or many', (name) => {
    const { k, probabilities, labels } = load(name);
    const acc = createMulticlassAccumulator();
    inBatches(labels.length, (a, b) => acc.add(probabilities.slice(a * k, b * k), Int32Array.from(labels.slice(a, b)), k));
    expect(acc.result()).toEqual(whole(name));
  });

  it.each(['three', 'absentClass'])('%s: on Float32 probabilities, float32 storage equals float64 exactly', (name) => {
    const { k, probabilities, labels } = load(name);
    const f32 = Float32Array.from(probabilities);
    const wide = createMulticlassAccumulator('float64');
    const narrow = createMulticlassAccumulator('float32');
    wide.add(f32, labels, k);
    narrow.add(f32, labels, k);
    expect(narrow.result()).toEqual(wide.result());
  });

  it('float32 storage really rounds: probabilities closer than a float32 step tie in the AUC', () => {
    const probabilities = [0.1 + 1e-12, 0.9 - 1e-12, 0.1, 0.9];
    const wide = createMulticlassAccumulator();
    const narrow = createMulticlassAccumulator('float32');
    wide.add(probabilities, [0, 1], 2);
    narrow.add(probabilities, [0, 1], 2);
    expect(wide.result().rocAucOvrMacro).toBe(1);
    expect(narrow.result().rocAucOvrMacro).toBe(0.5);
  });

  it('skips and lists a class that never occurs, and leaves it out of the macro average', () => {
    const r = whole('absentClass');
    expect(r.rocAucSkippedClasses).toEqual([3]);
    expect(r.perClass[3]).toEqual({ precision: 0, recall: 0, f1: 0, support: 0 });
    const withAbsent = (r.perClass.reduce((a, m) => a + m.f1, 0)) / 4;
    expect(r.macro.f1).not.toBeCloseTo(withAbsent, 6); // a zero for class 3 would drag it down
  });

  it('counts rows with a NaN probability or an out-of-range label as invalid', () => {
    const acc = createMulticlassAccumulator();
    acc.add([0.2, 0.8, NaN, 0.5, 0.6, 0.4, 0.6, 0.4, 0.1, 0.9], [1, 0, 2, 1.5, 1], 2);
    const r = acc.result();
    expect(r).toMatchObject({ count: 2, invalid: 3, accuracy: 1 });
    expect(r.confusion).toEqual([[0, 0], [0, 2]]);
    expect(r.rocAucSkippedClasses).toEqual([0, 1]); // only label 1 among valid rows
    expect(r.rocAucOvrMacro).toBeNull();
  });

  it('breaks probability ties toward the first class, as argmax does', () => {
    const acc = createMulticlassAccumulator();
    acc.add([0.5, 0.5, 0.5, 0.5], [0, 1], 2);
    expect(acc.result().confusion).toEqual([[1, 0], [1, 0]]);
  });

  it('rejects a change of k and mismatched lengths; empty gives nulls', () => {
    const acc = createMulticlassAccumulator();
    expect(acc.result()).toMatchObject({ k: 0, count: 0, accuracy: null, macro: { f1: null }, rocAucOvrMacro: null });
    acc.add([1, 0, 0], [0], 3);
    expect(() => acc.add([1, 0], [0], 2)).toThrow(/k changed/);
    expect(() => acc.add([1, 0, 0], [0, 1], 3)).toThrow(/expected 6 probabilities/);
  });
});

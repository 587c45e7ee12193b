import { describe, expect, it } from 'vitest';
import type { Feature, PreprocessingSpec } from '@/lib/validation/catalog';
import { planColumns, type EvaluationSchema } from './plan';
import { createPreprocessor, MAX_UNKNOWN_KINDS } from './preprocess';
import { streamCsv } from './worker/csv-stream';

// allowMissing false: data may still have gaps, and the plan accepts mean fill on passthrough steps.
const num = (name: string, extra: Partial<Feature> = {}): Feature => ({ name, type: 'numeric', allowMissing: false, ...extra });
const cat = (name: string): Feature => ({ name, type: 'categorical', categories: ['x'], allowMissing: true });

/** A preprocessor whose header is the features in step order, then the label `y`. */
function setup(features: Feature[], steps: PreprocessingSpec['steps'], missingNumeric: PreprocessingSpec['missingNumeric'] = { strategy: 'mean' }) {
  const schema: EvaluationSchema = { inputSchema: { features }, outputSchema: { target: 'y' }, preprocessing: { steps, missingNumeric } };
  return createPreprocessor(schema, planColumns([...steps.map((s) => s.feature), 'y'], schema));
}
const encode = (pre: ReturnType<typeof setup>, rows: string[][]) => {
  const { x, ...rest } = pre.encodeBatch(rows);
  return { x: Array.from(x), ...rest };
};

describe('step kinds', () => {
  it('standardize, min_max and passthrough, in step order', () => {
    const pre = setup([num('a'), num('b'), num('c')], [
      { feature: 'a', kind: 'standardize', mean: 10, std: 4 },
      { feature: 'b', kind: 'min_max', min: 2, max: 6 },
      { feature: 'c', kind: 'passthrough' },
    ]);
    expect(pre.width).toBe(3);
    expect(encode(pre, [['14', '3', '-7.5', 'L1'], [' 6 ', '6', '1e2', 'L2']])).toEqual({ x: [1, 0.25, -7.5, -1, 1, 100], rows: 2, dropped: 0, labels: ['L1', 'L2'] });
  });

  it('min_max with min = max encodes 0, as in training', () => {
    expect(encode(setup([num('a')], [{ feature: 'a', kind: 'min_max', min: 3, max: 3 }]), [['3', '']]).x).toEqual([0]);
  });

  it('one_hot: one column per category; unknown and missing are all zeros', () => {
    const pre = setup([cat('c')], [{ feature: 'c', kind: 'one_hot', categories: ['red', 'green', 'blue'] }]);
    expect(pre.width).toBe(3);
    expect(encode(pre, [['green', ''], ['purple', ''], ['NA', ''], [' blue ', '']]).x).toEqual([0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
  });

  it('ordinal: the index in the category list; unknown and missing are -1', () => {
    const pre = setup([cat('c')], [{ feature: 'c', kind: 'ordinal', categories: ['basic', 'plus', 'pro'] }]);
    expect(encode(pre, [['pro', ''], ['basic', ''], ['gold', ''], ['', '']]).x).toEqual([2, 0, -1, -1]);
  });

  it('encodeRow clears a reused buffer and writes only its own slot', () => {
    const pre = setup([num('a'), cat('c')], [
      { feature: 'a', kind: 'passthrough' },
      { feature: 'c', kind: 'one_hot', categories: ['p', 'q'] },
    ]);
    const out = new Float32Array(8).fill(9);
    expect(pre.encodeRow(['5', 'q', ''], out, 2)).toBe('ok');
    expect(Array.from(out)).toEqual([9, 9, 5, 0, 1, 9, 9, 9]);
    expect(pre.encodeRow(['5', 'zzz', ''], out, 2)).toBe('ok');
    expect(Array.from(out)).toEqual([9, 9, 5, 0, 0, 9, 9, 9]);
  });
});

describe('missing numeric values', () => {
  const steps: PreprocessingSpec['steps'] = [
    { feature: 'a', kind: 'standardize', mean: 10, std: 2 },
    { feature: 'b', kind: 'min_max', min: 0, max: 8 },
  ];
  const rows = [['12', '2', ''], ['', '?', ''], ['abc', '4', '']];

  it('mean: the standardize step\'s training mean, or the min_max midpoint; text counts as missing', () => {
    const pre = setup([num('a'), num('b')], steps);
    expect(encode(pre, rows).x).toEqual([1, 0.25, 0, 0.5, 0, 0.5]);
    const { a, b } = pre.stats().features;
    expect(a).toMatchObject({ missing: 1, nonNumeric: 1, filled: 2, dropped: 0 });
    expect(b).toMatchObject({ missing: 1, nonNumeric: 0, filled: 1, dropped: 0 });
  });

  it('constant: the recorded value, before the step is applied', () => {
    expect(encode(setup([num('a'), num('b')], steps, { strategy: 'constant', value: 4 }), rows).x).toEqual([1, 0.25, -3, 0.5, -3, 0.5]);
  });

  it('drop_row: rows with a missing value are left out of the tensor and the labels', () => {
    const pre = setup([num('a'), num('b')], steps, { strategy: 'drop_row' });
    const withLabels = rows.map((r, i) => [r[0] ?? '', r[1] ?? '', `L${i}`]);
    expect(encode(pre, withLabels)).toEqual({ x: [1, 0.25], rows: 1, dropped: 2, labels: ['L0'] });
    expect(pre.stats()).toMatchObject({ rowsRead: 3, rowsDropped: 2, features: { a: { dropped: 2, filled: 0 }, b: { dropped: 1 } } });
  });

  it('mean on a passthrough step has nothing to fill with, so the row is dropped', () => {
    const pre = setup([num('a')], [{ feature: 'a', kind: 'passthrough' }]);
    expect(encode(pre, [['1', ''], ['', '']])).toMatchObject({ x: [1], rows: 1, dropped: 1 });
  });
});

describe('stats', () => {
  it('counts out-of-range values and still encodes them', () => {
    const pre = setup([num('a', { min: 0, max: 10 })], [{ feature: 'a', kind: 'passthrough' }]);
    expect(encode(pre, [['-1', ''], ['5', ''], ['10', ''], ['11', '']]).x).toEqual([-1, 5, 10, 11]);
    expect(pre.stats().features.a?.outOfRange).toBe(2);
  });

  it(`counts unknown categories by value, at most ${MAX_UNKNOWN_KINDS} distinct`, () => {
    const pre = setup([cat('c')], [{ feature: 'c', kind: 'ordinal', categories: ['k'] }]);
    const values = ['u1', 'u1', ' u1 ', 'k', 'NA', ...Array.from({ length: MAX_UNKNOWN_KINDS + 5 }, (_, i) => `v${i}`)];
    pre.encodeBatch(values.map((v) => [v, '']));
    const c = pre.stats().features.c;
    expect(c?.unknown.u1).toBe(3);
    expect(Object.keys(c?.unknown ?? {})).toHaveLength(MAX_UNKNOWN_KINDS);
    expect(c).toMatchObject({ missing: 1, unknownOther: 6 });
  });

  it('refuses a plan that cannot feed the tensor, but not one missing only its label', () => {
    const schema: EvaluationSchema = { inputSchema: { features: [num('a')] }, outputSchema: { target: 'y' }, preprocessing: { steps: [{ feature: 'a', kind: 'passthrough' }], missingNumeric: { strategy: 'drop_row' } } };
    expect(() => createPreprocessor(schema, planColumns(['b', 'y'], schema))).toThrow(/no column for the feature “a”/);
    const unlabeled = createPreprocessor(schema, planColumns(['a'], schema));
    expect(unlabeled.encodeBatch([['3']])).toMatchObject({ rows: 1, labels: [] });
  });
});

describe('encodeBlockRow (rows streamed as bytes)', () => {
  it('gives the same values, drops and counts as encodeRow on the same rows', async () => {
    const features = [num('a', { min: 0, max: 100 }), num('b'), num('c'), { ...cat('d'), categories: ['red', 'blue', ' green'] }, cat('e')];
    const steps: PreprocessingSpec['steps'] = [
      { feature: 'a', kind: 'standardize', mean: 40.5, std: 12.25 },
      { feature: 'b', kind: 'min_max', min: -3, max: 7.5 },
      { feature: 'c', kind: 'passthrough' },
      { feature: 'd', kind: 'one_hot', categories: ['red', 'blue', ' green'] },
      { feature: 'e', kind: 'ordinal', categories: ['lo', 'mid', 'hi'] },
    ];
    const numbers = ['1', '-0', '0.39', '60200', ' 7 ', '+.5', '5.', '1e3', '-2.5E-2', '12345678901234567', 'NA', '', '?', 'abc', '0x1F', 'Infinity', '1e999', '٣', '\t4', '3\u00a0'];
    const categories = ['red', 'blue', ' green', 'green', ' red ', 'Red', 'purple', 'NA', '', 'null', 'lo', 'mid', ' hi', 'hí', 'x'];
    let seed = 99;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = (xs: string[]) => xs[Math.floor(random() * xs.length)] ?? '';
    const lines = ['a,b,c,d,e,y'];
    for (let i = 0; i < 3000; i++) lines.push([pick(numbers), pick(numbers), pick(numbers), pick(categories), pick(categories), 'L'].join(','));
    const bytes = new TextEncoder().encode(`${lines.join('\n')}\n`);

    for (const missingNumeric of [{ strategy: 'mean' }, { strategy: 'constant', value: 2 }, { strategy: 'drop_row' }] as const) {
      const byBytes = setup(features, steps, missingNumeric);
      const byText = setup(features, steps, missingNumeric);
      const w = byBytes.width;
      let plainRows = 0;
      await streamCsv(new Blob([bytes]), {
        header: () => undefined,
        rows: async (block) => {
          for (let r = 0; r < block.count; r++) {
            plainRows += block.plain[r] ?? 0;
            const x = new Float32Array(w).fill(9);
            const y = new Float32Array(w).fill(9);
            expect(byBytes.encodeBlockRow(block, r, x, 0)).toBe(byText.encodeRow(block.fields(r), y, 0));
            expect(new Uint32Array(x.buffer), block.fields(r).join(',')).toEqual(new Uint32Array(y.buffer));
          }
        },
        ragged: () => expect.fail('every row has the header’s width'),
        progress: () => undefined,
        stop: () => false,
      });
      expect(plainRows).toBeGreaterThan(1000); // most rows took the byte path
      expect(byBytes.stats()).toEqual(byText.stats());
    }
  });
});

import { describe, expect, it } from 'vitest';
import { seededRandom } from '@/lib/metrics/growable';
import type { PreprocessingSpec } from '@/lib/validation/catalog';
import { labelEncoder } from './labels';
import { planColumns, type EvaluationSchema } from './plan';
import { createPreprocessor } from './preprocess';
import { readFirstRows } from './preview';
import { scanRows, type ScanFinding } from './scan';

const schema = (missingNumeric: PreprocessingSpec['missingNumeric'] = { strategy: 'mean' }): EvaluationSchema => ({
  inputSchema: {
    features: [
      { name: 'age', type: 'numeric', min: 18, max: 100, allowMissing: true },
      { name: 'income', type: 'numeric', allowMissing: false },
      { name: 'plan', type: 'categorical', categories: ['a', 'b'], allowMissing: true },
      { name: 'tier', type: 'categorical', categories: ['low', 'high'], allowMissing: true },
    ],
  },
  outputSchema: { target: 'churned', classLabels: ['no', 'yes'] },
  preprocessing: {
    steps: [
      { feature: 'age', kind: 'standardize', mean: 40, std: 10 },
      { feature: 'income', kind: 'min_max', min: 0, max: 100_000 },
      { feature: 'plan', kind: 'one_hot', categories: ['a', 'b'] },
      { feature: 'tier', kind: 'ordinal', categories: ['low', 'high'] },
    ],
    missingNumeric,
  },
});

const HEADER = ['years', 'income', 'plan', 'tier', 'churned'];
const MAPPING = { age: 'years' };
const ROWS = [
  ['35', '50000', 'a', 'low', 'yes'], // clean
  ['NA', '50000', 'a', 'low', 'no'], // missing age: filled with the mean
  ['abc', '50000', 'b', 'high', 'no'], // text in a numeric column
  ['35', '50000', 'c', 'low', 'no'], // unknown category
  ['35', '50000', 'C ', 'low', 'no'], // unknown category, trimmed
  ['35', '50000', '', 'high', 'yes'], // missing category
  ['35', '50000', 'a', 'mid', 'maybe'], // unknown ordinal category and unknown label
  ['35', '', 'a', 'low', ''], // missing income and missing label
  ['150', '50000', 'c', 'low', 'no'], // out of range and unknown category
];

function scan(rows = ROWS, s = schema()) {
  const plan = planColumns(HEADER, s, MAPPING);
  return scanRows(rows, s, plan, HEADER, 'binary_classification');
}
type ColumnFinding = Extract<ScanFinding, { feature: string }>;
const find = (findings: ScanFinding[], feature: string, kind: ScanFinding['kind']) => findings.find((f): f is ColumnFinding => 'feature' in f && f.feature === feature && f.kind === kind);
const featureOf = (f: ScanFinding) => ('feature' in f ? f.feature : null);

describe('scanRows', () => {
  it('reports each problem per mapped column, with counts, examples and what the run does', () => {
    const r = scan();
    expect(r).toMatchObject({ rowsScanned: 9, rowsWithMissing: 4, rowsWithMissingKept: 3, rowsDropped: 2 });
    expect(r.findings.map((f) => [featureOf(f), f.kind, f.count, f.outcome])).toEqual([
      ['age', 'wrong_type', 1, 'filled'],
      ['age', 'missing_values', 1, 'filled'],
      ['age', 'out_of_range', 1, 'kept'],
      ['income', 'missing_values', 1, 'filled'],
      ['plan', 'missing_values', 1, 'encoded_unknown'],
      ['plan', 'unknown_category', 3, 'encoded_unknown'],
      ['tier', 'unknown_category', 1, 'encoded_unknown'],
      ['churned', 'missing_values', 1, 'row_dropped'],
      ['churned', 'unknown_label', 1, 'row_dropped'],
    ]);
  });

  it('says in words what each finding means, naming the file column and the feature it feeds', () => {
    const r = scan();
    expect(find(r.findings, 'age', 'wrong_type')).toMatchObject({
      column: 'years',
      examples: ['abc'],
      message: '1 row has text in the numeric column “years” (for “age”); it is read as missing, and the value is filled with 40 (the training mean).',
    });
    expect(find(r.findings, 'income', 'missing_values')?.message).toBe(
      '1 row has no value in “income”; the value is filled with 50,000 (the midpoint of its training range, as no mean was recorded). The input schema says it is never missing.',
    );
    expect(find(r.findings, 'plan', 'unknown_category')).toMatchObject({ count: 3, distinct: 2, examples: ['c', 'C'] }); // 'C ' trimmed, as the encoder does
    expect(find(r.findings, 'plan', 'unknown_category')?.message).toMatch(/3 rows have a category in “plan” that the version does not know \(it knows “a”, “b”\); the value is encoded as all zeros in its one-hot columns\./);
    expect(find(r.findings, 'tier', 'unknown_category')?.message).toMatch(/encoded as -1/);
    expect(find(r.findings, 'age', 'out_of_range')?.message).toMatch(/outside the input schema's range \[18, 100\]; it is encoded as it is/);
    expect(find(r.findings, 'churned', 'unknown_label')?.message).toBe('1 row has a label in “churned” that is not one of the class labels (“no”, “yes”); that row is left out of the metrics.');
  });

  it('with drop_row, rows missing a numeric value (or holding text there) are dropped', () => {
    const r = scan(ROWS, schema({ strategy: 'drop_row' }));
    expect(r).toMatchObject({ rowsWithMissing: 4, rowsWithMissingKept: 1, rowsDropped: 4 }); // NA, abc, empty income (+ its label), missing label row
    expect(find(r.findings, 'age', 'missing_values')).toMatchObject({ outcome: 'row_dropped', message: expect.stringMatching(/that row is left out of the metrics, as the spec says \(missing numeric values: drop_row\)/) });
    expect(find(r.findings, 'age', 'wrong_type')?.outcome).toBe('row_dropped');
    const constant = scan(ROWS, schema({ strategy: 'constant', value: -1 }));
    expect(find(constant.findings, 'age', 'missing_values')?.message).toMatch(/filled with -1 \(the spec’s constant fill\)/);
  });

  it('lists rows with too few or too many fields first, by row number, leaves them out, and reads none of their values', () => {
    const rows = [
      ROWS[0]!,
      ['abc', '50000', 'a', 'low'], // a field short: its text in the age column is not read
      ROWS[0]!,
      ['35', '50000', 'zzz', 'low', 'yes', ''], // a field too many (a trailing comma): its unknown category is not read
      ROWS[2]!, // text in a numeric column, read as usual
    ];
    const r = scan(rows);
    expect(r).toMatchObject({ rowsScanned: 5, rowsWithMissing: 1, rowsWithMissingKept: 1, rowsDropped: 2 });
    expect(r.findings.map((f) => [featureOf(f), f.kind, f.count, f.outcome])).toEqual([
      [null, 'wrong_field_count', 2, 'row_dropped'],
      ['age', 'wrong_type', 1, 'filled'],
    ]);
    expect(r.findings[0]).toEqual({
      kind: 'wrong_field_count',
      count: 2,
      rows: [
        { row: 2, fields: 4 },
        { row: 4, fields: 6 },
      ],
      outcome: 'row_dropped',
      message: "2 rows have too few or too many fields for the header's 5 columns; those rows are left out of the metrics. Check for a missing or extra comma, or an unquoted comma inside a value.",
    });
    const one = scan([['35'], ROWS[0]!]);
    expect(one.findings).toEqual([expect.objectContaining({ kind: 'wrong_field_count', count: 1, rows: [{ row: 1, fields: 1 }], message: expect.stringMatching(/^1 row has too few or too many fields .*; that row is left out/) })]);
    // Every row counted, the first five named.
    const many = scan(Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? ['1', '2'] : ROWS[0]!)));
    expect(many.findings[0]).toMatchObject({ count: 6, rows: [1, 3, 5, 7, 9].map((row) => ({ row, fields: 2 })) });
    expect(many.rowsDropped).toBe(6);
  });

  it('keeps the most frequent distinct values as examples, at most three, shortened', () => {
    const long = 'x'.repeat(80);
    const rows = ['d', 'e', 'e', 'f', 'f', 'f', 'g', long].map((plan) => ['35', '1', plan, 'low', 'no']);
    const f = find(scan(rows).findings, 'plan', 'unknown_category');
    expect(f).toMatchObject({ count: 8, distinct: 5, examples: ['f', 'e', 'd'] });
    const only = find(scan([['35', '1', long, 'low', 'no']]).findings, 'plan', 'unknown_category');
    expect(only?.examples[0]).toHaveLength(40);
  });

  it('a clean sample has no findings, and unresolved columns are left to the column plan', () => {
    expect(scan(ROWS.slice(0, 1))).toEqual({ rowsScanned: 1, rowsWithMissing: 0, rowsWithMissingKept: 0, rowsDropped: 0, findings: [] });
    const s = schema();
    const plan = planColumns(['income', 'plan', 'tier', 'churned'], s); // no age column
    const r = scanRows([['', 'a', 'low', 'yes']], s, plan, ['income', 'plan', 'tier', 'churned'], 'binary_classification');
    expect(r.findings.map(featureOf)).toEqual(['income']);
  });

  it('for regression, a label that is not a number is the wrong type and the row is dropped', () => {
    const s: EvaluationSchema = { ...schema(), outputSchema: { target: 'churned' } };
    const r = scanRows([['35', '1', 'a', 'low', '1.5'], ['35', '1', 'a', 'low', 'lots']], s, planColumns(HEADER, s, MAPPING), HEADER, 'regression');
    expect(r.findings).toEqual([expect.objectContaining({ feature: 'churned', kind: 'wrong_type', outcome: 'row_dropped', examples: ['lots'] })]);
    expect(r.rowsDropped).toBe(1);
  });

  it('predicts exactly the rows the run drops (label encoder, then the preprocessor)', () => {
    const values = { years: ['35', 'NA', 'abc', '', '200'], income: ['1', '', '?', '5e4'], plan: ['a', 'b', 'z', ''], tier: ['low', 'x', ''], churned: ['yes', 'no', '', 'nope'] };
    const random = seededRandom(7);
    const pick = <T,>(xs: T[]) => xs[Math.floor(random() * xs.length)] as T;
    const rows = Array.from({ length: 500 }, () => HEADER.map((h) => pick(values[h as keyof typeof values])));
    for (const strategy of [{ strategy: 'mean' }, { strategy: 'drop_row' }, { strategy: 'constant', value: 0 }] as const) {
      const s = schema(strategy);
      const plan = planColumns(HEADER, s, MAPPING);
      const pre = createPreprocessor(s, plan);
      const encode = labelEncoder(s.outputSchema!, 'binary_classification');
      const out = new Float32Array(pre.width);
      const dropped = rows.filter((r) => encode(r[plan.labelIndex!] ?? '') === null || pre.encodeRow(r, out, 0) === 'dropped').length;
      const r = scanRows(rows, s, plan, HEADER, 'binary_classification');
      expect(dropped, strategy.strategy).toBeGreaterThan(0);
      expect(r.rowsDropped, strategy.strategy).toBe(dropped);
    }
  });
});

describe('readFirstRows', () => {
  it('reads the header and the first rows only, saying whether that was the whole file', async () => {
    const csv = `a,b\n${Array.from({ length: 5000 }, (_, i) => `${i},x`).join('\n')}\n`;
    const first = await readFirstRows(new Blob([csv]), 1000);
    expect(first.header).toEqual(['a', 'b']);
    expect(first.rows).toHaveLength(1000);
    expect(first.rows[999]).toEqual(['999', 'x']);
    expect(first.complete).toBe(false);
    expect(await readFirstRows(new Blob(['a,b\n1,2\n']))).toEqual({ header: ['a', 'b'], rows: [['1', '2']], complete: true });
  });

  it('keeps a row with too few or too many fields in its place, with its own fields, counting it among the first rows', async () => {
    const csv = 'a,b,c\n1,2,3\n4,5\n6,7,8,9\n"x",y,z\n10\n';
    expect(await readFirstRows(new Blob([csv]))).toEqual({ header: ['a', 'b', 'c'], rows: [['1', '2', '3'], ['4', '5'], ['6', '7', '8', '9'], ['x', 'y', 'z'], ['10']], complete: true });
    expect((await readFirstRows(new Blob([csv]), 3)).rows).toEqual([['1', '2', '3'], ['4', '5'], ['6', '7', '8', '9']]);
  });
});

describe('scanRows for a graph with one named input per feature (raw values, no spec)', () => {
  it('says a missing float goes to the graph as NaN, a missing int64 drops the row, and a category goes as its text', () => {
    const raw: EvaluationSchema = {
      ...schema(),
      preprocessing: null,
      rawInputs: [
        { feature: 'age', input: 'age', elemType: 'float32', rank: 2 },
        { feature: 'income', input: 'income', elemType: 'int64', rank: 1 },
        { feature: 'plan', input: 'plan', elemType: 'string', rank: 2 },
      ],
    };
    const rows = [
      ['35', '50000', 'a', 'x', 'yes'],
      ['NA', '50000', 'c', 'x', 'no'], // missing float: kept, NaN; unknown category: kept, as its text
      ['35', '', 'a', 'x', 'no'], // missing int64: dropped
    ];
    const scan = scanRows(rows, raw, planColumns(HEADER, raw, MAPPING), HEADER, 'binary_classification');
    expect(scan).toMatchObject({ rowsScanned: 3, rowsWithMissing: 2, rowsWithMissingKept: 1, rowsDropped: 1 });
    const finding = (feature: string, kind: string) => scan.findings.find((f) => 'feature' in f && f.feature === feature && f.kind === kind);
    expect(finding('age', 'missing_values')).toMatchObject({ outcome: 'filled', message: expect.stringContaining('passed to the graph as NaN') });
    expect(finding('income', 'missing_values')).toMatchObject({ outcome: 'row_dropped', message: expect.stringContaining('int64') });
    expect(finding('plan', 'unknown_category')).toMatchObject({ outcome: 'encoded_unknown', message: expect.stringContaining('passed to the graph as it is') });
    expect(scan.findings.some((f) => 'feature' in f && f.feature === 'tier')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import type { ColumnProfile, DatasetProfile } from '@/lib/validation/catalog';
import { parseCsv } from './csv';
import { CREDIT_CSV, incomesWithStray } from './test-fixtures';
import { profileDataset } from './profile';

const column = (profile: DatasetProfile, name: string): ColumnProfile => {
  const found = profile.columns.find((c) => c.name === name);
  if (!found) throw new Error(`no column ${name}`);
  return found;
};
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const numbers = (values: string[]) => profileDataset({ header: ['x'], rows: values.map((v) => [v]) }).columns[0];

describe('profileDataset on the credit fixture', () => {
  const profile = profileDataset(parseCsv(CREDIT_CSV), { bins: 4 });

  it('types every column and counts rows', () => {
    expect(profile.rowCount).toBe(6);
    expect(profile.columns.map((c) => [c.name, c.type])).toEqual([
      ['applicant_id', 'categorical'], ['age', 'numeric'], ['income', 'numeric'], ['term_months', 'numeric'],
      ['employment', 'categorical'], ['purpose', 'categorical'], ['country', 'categorical'], ['defaulted', 'numeric'],
    ]);
  });

  it('profiles age: one NA, values 34 45 29 52 40', () => {
    const age = column(profile, 'age');
    expect(age.missingCount).toBe(1);
    expect(age.missingRate).toBeCloseTo(1 / 6, 15);
    const { histogram, ...stats } = age.numeric!;
    // mean 200/5; squared deviations 36+25+121+144+0 = 326, population variance 65.2
    expect(stats.min).toBe(29);
    expect(stats.max).toBe(52);
    expect(stats.mean).toBeCloseTo(40, 12);
    expect(stats.std).toBeCloseTo(Math.sqrt(65.2), 12);
    // width 5.75: [29, 34.75) holds 29 and 34; 52 lands in the last, closed bin
    expect(histogram.edges).toEqual([29, 34.75, 40.5, 46.25, 52]);
    expect(histogram.counts).toEqual([2, 1, 1, 1]);
  });

  it('profiles income with a blank cell as missing', () => {
    const income = column(profile, 'income');
    expect(income.missingCount).toBe(1);
    expect(income.numeric!.mean).toBeCloseTo(47_600, 9);
    // squared deviations (in millions) 19.36 + 92.16 + 179.56 + 0.36 + 57.76 = 349.2, over 5
    expect(income.numeric!.std).toBeCloseTo(Math.sqrt(69_840_000), 9);
    expect(sum(income.numeric!.histogram.counts)).toBe(5);
  });

  it('gives a constant numeric column a single bin and zero spread', () => {
    expect(column(profile, 'term_months').numeric).toEqual({ min: 36, max: 36, mean: 36, std: 0, histogram: { edges: [36, 36], counts: [6] } });
  });

  it('orders frequencies by count, then value', () => {
    expect(column(profile, 'employment').categorical).toEqual({
      distinct: 3,
      frequencies: [{ value: 'salaried', count: 4 }, { value: 'retired', count: 1 }, { value: 'self-employed', count: 1 }],
    });
    expect(column(profile, 'purpose').categorical!.frequencies.map((f) => f.value)).toEqual(['car', 'home, renovation', 'education']);
    expect(column(profile, 'country').categorical).toEqual({ distinct: 1, frequencies: [{ value: 'DE', count: 6 }] });
    expect(column(profile, 'employment').missingCount).toBe(0);
  });

  it('breaks ties by code unit, not locale, so every runtime agrees', () => {
    const countries = profileDataset({ header: ['country'], rows: [['de'], ['DE'], ['at'], ['AT'], ['DE']] }).columns[0]!;
    expect(countries.categorical!.frequencies.map((f) => f.value)).toEqual(['DE', 'AT', 'at', 'de']);
  });

  it('truncates to maxCategories with an (other) bucket holding the rest', () => {
    const small = profileDataset(parseCsv(CREDIT_CSV), { maxCategories: 2 });
    expect(column(small, 'applicant_id').categorical).toEqual({
      distinct: 6,
      frequencies: [{ value: 'A001', count: 1 }, { value: 'A002', count: 1 }, { value: '(other)', count: 4 }],
    });
    expect(column(small, 'employment').categorical!.frequencies).toEqual([{ value: 'salaried', count: 4 }, { value: 'retired', count: 1 }, { value: '(other)', count: 1 }]);
  });

  it('does not depend on row order', () => {
    const parsed = parseCsv(CREDIT_CSV);
    const reversed = { header: parsed.header, rows: [...parsed.rows].reverse() };
    const a = profileDataset(parsed);
    const b = profileDataset(reversed);
    expect(b.columns.map((c) => c.categorical)).toEqual(a.columns.map((c) => c.categorical));
    expect(b.columns.map((c) => c.numeric?.histogram)).toEqual(a.columns.map((c) => c.numeric?.histogram));
  });
});

describe('numeric detection and statistics', () => {
  it('keeps a column numeric despite one stray n/a in 51 values, counting it missing', () => {
    const income = profileDataset(parseCsv(incomesWithStray()), { bins: 5 }).columns[0]!;
    expect(income.type).toBe('numeric');
    expect(income.missingCount).toBe(1);
    expect(income.missingRate).toBeCloseTo(1 / 51, 15);
    expect(income.numeric!.mean).toBeCloseTo(25_500, 9);
    expect(income.numeric!.std).toBeCloseTo(1000 * Math.sqrt((50 * 50 - 1) / 12), 8); // discrete uniform 1..50
    expect(income.numeric!.histogram.counts).toEqual([10, 10, 10, 10, 10]);
  });

  it('draws the 98% line exactly: 49 of 50 is numeric, 48 of 49 is not', () => {
    expect(profileDataset(parseCsv(incomesWithStray(49))).columns[0]!.type).toBe('numeric');
    expect(profileDataset(parseCsv(incomesWithStray(48))).columns[0]!.type).toBe('categorical');
  });

  it('calls a column with no values categorical, with a zero missing rate when there are no rows', () => {
    expect(numbers(['', 'NA', '?'])).toEqual({ name: 'x', type: 'categorical', missingCount: 3, missingRate: 1, categorical: { distinct: 0, frequencies: [] } });
    expect(profileDataset({ header: ['x'], rows: [] })).toEqual({ rowCount: 0, columns: [{ name: 'x', type: 'categorical', missingCount: 0, missingRate: 0, categorical: { distinct: 0, frequencies: [] } }] });
  });

  it('stays accurate on values with a large common offset (Welford, not sum of squares)', () => {
    const x = numbers(['1000000004', '1000000007', '1000000013', '1000000016'])!;
    expect(x.numeric!.mean).toBe(1_000_000_010);
    expect(x.numeric!.std).toBeCloseTo(Math.sqrt(22.5), 6);
  });

  it('stays finite for values near the limits of a double', () => {
    const x = numbers(['-1e308', '1e308'])!.numeric!;
    expect([x.mean, x.std]).toEqual([0, 1e308]);
    expect(x.histogram.counts).toEqual([1, ...new Array(18).fill(0), 1]);
    expect(x.histogram.edges.every(Number.isFinite)).toBe(true);
  });

  it('puts every value in the bin its reported edges say, with the counts summing to the values', () => {
    const values = Array.from({ length: 101 }, (_, i) => (i / 100).toFixed(2)).concat(['0.3', '0.7', '0.6']);
    const { edges, counts } = numbers(values)!.numeric!.histogram;
    expect(edges).toHaveLength(21);
    const expected = new Array(20).fill(0);
    for (const v of values.map(Number)) {
      const i = edges.findIndex((e, k) => k < 20 && v >= e && (v < edges[k + 1]! || k === 19));
      expected[i] += 1;
    }
    expect(counts).toEqual(expected);
    expect(sum(counts)).toBe(values.length);
  });

  it('puts a value lying on an inner edge in the bin that edge opens, despite rounding', () => {
    // (1.2 - 1) / 0.1 is 1.9999999999999996 in doubles; a bare floor() would file 1.2 in bin 1.
    const { edges, counts } = profileDataset({ header: ['ratio'], rows: [['1.0'], ['1.2'], ['1.4'], ['1.9'], ['2.0']] }, { bins: 10 }).columns[0]!.numeric!.histogram;
    expect([edges[2], edges[4], edges[9]]).toEqual([1.2, 1.4, 1.9]);
    expect(counts).toEqual([1, 0, 1, 0, 1, 0, 0, 0, 0, 2]);
  });

  it('refuses nonsense options', () => {
    expect(() => profileDataset(parseCsv(CREDIT_CSV), { bins: 0 })).toThrow(RangeError);
    expect(() => profileDataset(parseCsv(CREDIT_CSV), { maxCategories: 1.5 })).toThrow(RangeError);
  });
});

import { describe, expect, it } from 'vitest';
import { isMissing, parseCsv, parseNumber } from './csv';
import { CREDIT_CSV } from './test-fixtures';

describe('parseCsv', () => {
  it('reads the header and rows, keeping quoted commas inside their field', () => {
    const { header, rows } = parseCsv(CREDIT_CSV);
    expect(header).toEqual(['applicant_id', 'age', 'income', 'term_months', 'employment', 'purpose', 'country', 'defaulted']);
    expect(rows).toHaveLength(6); // the trailing newline adds no row
    expect(rows[1]).toEqual(['A002', '45', '', '36', 'self-employed', 'home, renovation', 'DE', '1']);
  });

  it('keeps newlines and doubled quotes inside quoted fields', () => {
    const { rows } = parseCsv('id,note\n1,"line one\nline two, with comma"\n2,"say ""hi"""\n');
    expect(rows).toEqual([
      ['1', 'line one\nline two, with comma'],
      ['2', 'say "hi"'],
    ]);
  });

  it('strips a byte order mark and trims header names but not values', () => {
    const { header, rows } = parseCsv('\ufeff age , income\n 34 ,52000\n');
    expect(header).toEqual(['age', 'income']);
    expect(rows).toEqual([[' 34 ', '52000']]);
  });

  it('reads Windows line endings without leaving \\r in the last field', () => {
    const { header, rows } = parseCsv(CREDIT_CSV.replace(/\n/g, '\r\n'));
    expect(header.at(-1)).toBe('defaulted');
    expect(rows.map((r) => r.at(-1))).toEqual(['0', '1', '0', '0', '1', '0']);
  });

  it('skips blank and whitespace-only lines but keeps a row of empty fields', () => {
    const { rows } = parseCsv('a,b\n\n1,2\n   \n,\n');
    expect(rows).toEqual([
      ['1', '2'],
      ['', ''],
    ]);
  });

  it('names the line of a ragged row, counting quoted newlines and blank lines', () => {
    const text = 'a,b\n1,"x\ny"\n\n2,3,4\n5,6\n';
    expect(() => parseCsv(text)).toThrow(/^Line 5 has 3 fields but the header has 2/);
    expect(() => parseCsv(text.replace(/\n/g, '\r\n'))).toThrow(/^Line 5 has 3 fields/);
    expect(() => parseCsv('a,b,c\n1,2,3\n4,5\n')).toThrow(/^Line 3 has 2 fields but the header has 3/);
    expect(() => parseCsv('\ufeffa,b\r\n\r\n1,2,3\r\n')).toThrow(/^Line 3 has 3 fields/); // the BOM is no character of line 1
  });

  it('refuses an unterminated quote, naming its line', () => {
    expect(() => parseCsv('a,b\n1,2\n3,"open\n4,5\n')).toThrow(/^Line 3: Quoted field unterminated/);
  });

  it('requires a header', () => {
    expect(() => parseCsv('')).toThrow(/empty: the first line must be a header/);
    expect(() => parseCsv('\ufeff\n\n  \n')).toThrow(/empty/);
    expect(parseCsv('a,b\n')).toEqual({ header: ['a', 'b'], rows: [] });
  });

  it('refuses duplicate and unnamed columns', () => {
    expect(() => parseCsv('age,income, age\n1,2,3\n')).toThrow(/"age" appears more than once/);
    expect(() => parseCsv('age,,income\n1,2,3\n')).toThrow(/Column 2 in the header \(line 1\) has no name/);
  });

  it('limits the number of columns', () => {
    const header = (n: number) => Array.from({ length: n }, (_, i) => `c${i}`).join(',');
    expect(parseCsv(header(2000)).header).toHaveLength(2000);
    expect(() => parseCsv(header(2001))).toThrow(/2001 columns; at most 2000/);
    expect(() => parseCsv('a,b,c\n1,2,3\n', { maxColumns: 2 })).toThrow(/3 columns; at most 2/);
  });
});

describe('isMissing', () => {
  it('matches the missing tokens after trimming, case as listed', () => {
    for (const v of ['', '  ', 'NA', ' N/A ', 'null', 'NULL', 'NaN', 'nan', '?']) expect(isMissing(v), v).toBe(true);
    for (const v of ['0', 'n/a', 'none', 'Null', 'NAN', '-', 'DE']) expect(isMissing(v), v).toBe(false);
  });
});

describe('parseNumber', () => {
  it('accepts plain decimals with sign, fraction and exponent', () => {
    const cases: [string, number][] = [['42', 42], [' 42 ', 42], ['-2.5', -2.5], ['+3', 3], ['.5', 0.5], ['5.', 5], ['1e3', 1000], ['-1.5E-2', -0.015], ['007', 7]];
    for (const [text, value] of cases) expect(parseNumber(text), text).toBe(value);
  });
  it('rejects what Number() would quietly accept or misread', () => {
    for (const v of ['', ' ', '0x1F', '0b11', '1,000', 'Infinity', '-Infinity', 'NaN', '1e999', '1.2.3', 'e5', '--1', '1e', '12abc', '1_000'])
      expect(parseNumber(v), v).toBeNull();
  });
});

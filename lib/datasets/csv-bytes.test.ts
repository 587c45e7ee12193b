import { describe, expect, it } from 'vitest';
import { isMissing, parseNumber } from './csv';
import { asciiText, isMissingBytes, parseNumberBytes } from './csv-bytes';

const TRICKY = [
  '', ' ', '   ', 'NA', ' NA ', 'N/A', 'null', 'NULL', 'Null', 'NaN', 'nan', 'NAN', '?', ' ? ', 'na', 'none', '-',
  '0', '-0', '+0', '-0.0', '0.', '.0', '.', '+', '-.', '+.5', '-.5', '5.', '007', '00.50', '1', '-1', '+1', '42', ' 42 ',
  '3.14159', '0.1', '0.2', '0.3', '1.005', '2.675', '123456789012345', '1234567890123456', '12345678901234567890',
  '9007199254740993', '0.000000000000001', '0.0000000000000001', '99999999999999.9', '1e5', '1E-5', '-1.5e+3', '1e', 'e1',
  '1e999', '-1e999', '1e-999', '0x1F', 'Infinity', '-Infinity', '1,5', '1.2.3', '--1', '+-1', '1-', '1 2', '12a', 'a12',
  '60200', '0.39', '112', '1_000', '٣', '1.0000000000000002', '4.35', '0.07', '1234.5678', '99.99',
];

const bytesOf = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
// Plain ASCII only (what the byte path is for), with padding on both sides so offsets are exercised.
const plain = (text: string) => /^[\x20-\x7e]*$/.test(text);

describe('isMissingBytes and parseNumberBytes', () => {
  const check = (text: string) => {
    const b = bytesOf(`,,${text},`);
    const [s, e] = [2, 2 + text.length];
    expect(isMissingBytes(b, s, e), JSON.stringify(text)).toBe(isMissing(text));
    // Object.is: -0 and 0 must not be confused.
    expect(Object.is(parseNumberBytes(b, s, e), parseNumber(text) ?? Number.NaN), JSON.stringify(text)).toBe(true);
    expect(asciiText(b, s, e)).toBe(text);
  };

  it('agree with isMissing and parseNumber on tricky fields', () => {
    for (const text of TRICKY.filter(plain)) check(text);
  });

  it('agree on many random decimals and near-decimals, bit for bit', () => {
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = (s: string) => s[Math.floor(random() * s.length)] ?? '';
    for (let n = 0; n < 20_000; n++) {
      const digits = (max: number) => Array.from({ length: Math.floor(random() * max) }, () => pick('0123456789')).join('');
      const kind = random();
      const text =
        kind < 0.7
          ? `${pick('  +-')}${digits(12)}${pick('..x')}${digits(12)}${random() < 0.1 ? `e${pick('+-')}${digits(3)}` : ''}${pick('   ')}`
          : Array.from({ length: Math.floor(random() * 6) }, () => pick('0123456789.+-eE NAnul?/x')).join('');
      check(text.replace(/x/g, ''));
    }
  });

  it('read a long field as text too', () => {
    const long = '1'.repeat(5000);
    expect(asciiText(bytesOf(long), 0, long.length)).toBe(long);
    expect(parseNumberBytes(bytesOf(long), 0, long.length)).toBeNaN(); // 1e5000 overflows: not a finite number
    expect(parseNumber(long)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { neutraliseCell } from './csv';

describe('CSV cells', () => {
  it('neutralises values a spreadsheet would run as formulas', () => {
    expect(neutraliseCell('=HYPERLINK("http://evil")')).toBe(`'=HYPERLINK("http://evil")`);
    expect(neutraliseCell('+1+1')).toBe("'+1+1");
    expect(neutraliseCell('-2+3')).toBe("'-2+3");
    expect(neutraliseCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutraliseCell('\tcmd')).toBe("'\tcmd");
  });
  it('leaves ordinary values alone and serialises structures', () => {
    expect(neutraliseCell('Ada Admin')).toBe('Ada Admin');
    expect(neutraliseCell(42)).toBe('42');
    expect(neutraliseCell(null)).toBe('');
    expect(neutraliseCell(['admin', 'ops'])).toBe('["admin","ops"]');
    expect(neutraliseCell(new Date('2026-01-02T03:04:05.006Z'))).toBe('2026-01-02T03:04:05.006Z');
  });
});

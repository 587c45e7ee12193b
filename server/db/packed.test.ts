import { describe, expect, it } from 'vitest';
import { packedHex, packFloat64, unpackFloat64 } from './packed';

describe('packed numeric feature values', () => {
  it('round-trips values, NaN (missing) and the extremes, big-endian like Postgres float8send', () => {
    const values = [1.5, Number.NaN, -2, 0, Number.MAX_VALUE, -Number.MIN_VALUE, 1e-300];
    const packed = packFloat64(values);
    expect(packed.length).toBe(values.length * 8);
    expect(Array.from(unpackFloat64(packed))).toEqual(values);
    // 1.5, NaN, -2 as Postgres encodes them.
    expect(packedHex([1.5, Number.NaN, -2])).toBe('3ff80000000000007ff8000000000000c000000000000000');
    expect(Buffer.from(packFloat64([1.5, Number.NaN, -2])).toString('hex')).toBe(packedHex([1.5, Number.NaN, -2]));
  });

  it('reads a view into a larger buffer and ignores a trailing partial value', () => {
    const inner = packFloat64([3.25, 4]);
    const outer = new Uint8Array(inner.length + 5);
    outer.set(inner, 1);
    expect(Array.from(unpackFloat64(outer.subarray(1, 1 + inner.length + 3)))).toEqual([3.25, 4]);
  });
});

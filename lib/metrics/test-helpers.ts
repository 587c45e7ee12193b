// Test support: the committed reference values and a tolerance check that names the field.
import raw from './reference.json';

type Json = null | number | string | boolean | Json[] | { [key: string]: Json };
interface ReferenceCase {
  input: Record<string, Json>;
  expected: Record<string, Json>;
}
type Group = Record<string, ReferenceCase>;
const data = raw as unknown as { binary: Group; multiclass: Group; regression: Group };
export const reference = data;

const RELATIVE_TOLERANCE = 1e-9;

/** The JSON writes NaN as null; turn an input column back into numbers. */
export function numbers(value: Json | undefined): number[] {
  if (!Array.isArray(value)) throw new Error('reference input is not an array');
  return value.map((v) => (typeof v === 'number' ? v : NaN));
}

/** Deep comparison of `actual` against every field present in `expected`: numbers within
 * RELATIVE_TOLERANCE, nulls exactly null, arrays of the same length. Throws with the path. */
export function expectClose(actual: unknown, expected: unknown, path = '$'): void {
  if (expected === null || typeof expected !== 'object') {
    if (typeof expected === 'number' && typeof actual === 'number') {
      const scale = Math.max(Math.abs(expected), Math.abs(actual));
      if (actual === expected || Math.abs(actual - expected) <= RELATIVE_TOLERANCE * scale) return;
    } else if (actual === expected) return;
    throw new Error(`${path}: expected ${String(expected)}, got ${String(actual)}`);
  }
  if (actual === null || typeof actual !== 'object') throw new Error(`${path}: expected an object, got ${String(actual)}`);
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) {
      throw new Error(`${path}: expected ${expected.length} items, got ${Array.isArray(actual) ? actual.length : 'no array'}`);
    }
    expected.forEach((e, i) => expectClose(actual[i], e, `${path}[${i}]`));
    return;
  }
  for (const [key, e] of Object.entries(expected)) {
    expectClose((actual as Record<string, unknown>)[key], e, `${path}.${key}`);
  }
}

/** Feeds rows [start, end) in uneven batches (1, 2, 3, ... wrapping after 37) to exercise batch boundaries. */
export function inBatches(rows: number, feed: (start: number, end: number) => void): void {
  let size = 1;
  for (let start = 0; start < rows; start += size, size = (size % 37) + 1) feed(start, Math.min(rows, start + size));
}

// Test support: the committed scipy reference values (scripts/reference-drift/generate.py) and a
// relative-tolerance check that names the field.
import raw from './reference.json';

type Json = null | number | string | boolean | Json[] | { [key: string]: Json };
interface ReferenceCase {
  input: Record<string, Json>;
  expected: Record<string, Json>;
}

const data = raw as unknown as {
  versions: { scipy: string; numpy: string };
  special: Record<'kstwoSf' | 'smirnovSf' | 'chiSquareSf' | 'normalSf' | 'erfc' | 'lnGamma', number[][]>;
  ks2samp: Record<string, ReferenceCase>;
  blocks: Record<string, { input: Json; expected: Json }>;
  features: Record<string, ReferenceCase>;
};
export const reference = data;

/** Every statistic and p-value is compared at this relative tolerance unless a test says otherwise. */
const RELATIVE_TOLERANCE = 1e-9;

/** A numeric input column back from JSON: null is NaN, "inf" / "-inf" are infinities. */
export function numbers(value: Json | undefined): number[] {
  if (!Array.isArray(value)) throw new Error('reference input is not an array');
  return value.map((v) => (typeof v === 'number' ? v : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : NaN));
}

/** An expected number back from JSON (null is NaN, "inf" is Infinity). */
export function num(value: Json | undefined): number {
  return typeof value === 'number' ? value : value === 'inf' ? Infinity : value === '-inf' ? -Infinity : NaN;
}

export function relativeError(actual: number, expected: number): number {
  if (actual === expected || (Number.isNaN(actual) && Number.isNaN(expected))) return 0;
  return Math.abs(actual - expected) / Math.max(Math.abs(actual), Math.abs(expected));
}

/** Throws with `path` unless |actual - expected| <= tolerance · max(|actual|, |expected|). */
export function expectClose(actual: number | null | undefined, expected: number, path: string, tolerance = RELATIVE_TOLERANCE): void {
  if (typeof actual !== 'number') throw new Error(`${path}: expected ${expected}, got ${String(actual)}`);
  const error = relativeError(actual, expected);
  if (!(error <= tolerance)) throw new Error(`${path}: expected ${expected}, got ${actual} (relative error ${error.toExponential(2)})`);
}

export function expectAllClose(actual: ArrayLike<number>, expected: readonly number[], path: string, tolerance = RELATIVE_TOLERANCE): void {
  if (actual.length !== expected.length) throw new Error(`${path}: expected ${expected.length} items, got ${actual.length}`);
  for (let i = 0; i < expected.length; i++) expectClose(actual[i], expected[i] as number, `${path}[${i}]`, tolerance);
}


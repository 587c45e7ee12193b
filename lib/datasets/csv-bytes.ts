// isMissing and parseNumber (csv.ts) on a field's bytes, without making a string: the evaluation
// reads millions of rows, and building every numeric field as a string cost more than the model.
// Only for "plain" fields, whose bytes are all printable ASCII (0x20-0x7e), so the only whitespace
// trim() can remove is the space; anything else must go through csv.ts on the decoded text.
import { MISSING_TOKENS, parseNumber } from './csv';

const SPACE = 0x20;
const TOKENS = MISSING_TOKENS.map((t) => Uint8Array.from(t, (c) => c.charCodeAt(0)));
const LONGEST_TOKEN = Math.max(...TOKENS.map((t) => t.length));
// 10^k for k <= 22 is exact in a double, as is an integer of at most 15 digits.
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/** The text of plain ASCII bytes (each byte one UTF-16 unit). */
export function asciiText(bytes: Uint8Array, start: number, end: number): string {
  const n = end - start;
  if (n === 0) return '';
  // apply() takes one argument per byte: fine for a field, not for a multi-megabyte one.
  if (n > 4096) return (latin1 ??= new TextDecoder('latin1')).decode(bytes.subarray(start, end));
  return String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[]);
}
let latin1: TextDecoder | undefined;

/** isMissing(text) for plain bytes[start..end). */
export function isMissingBytes(bytes: Uint8Array, start: number, end: number): boolean {
  while (start < end && bytes[start] === SPACE) start++;
  while (end > start && bytes[end - 1] === SPACE) end--;
  const n = end - start;
  if (n === 0) return true;
  if (n > LONGEST_TOKEN) return false;
  next: for (const t of TOKENS) {
    if (t.length !== n) continue;
    for (let i = 0; i < n; i++) if (t[i] !== bytes[start + i]) continue next;
    return true;
  }
  return false;
}

const isDigit = (b: number) => b >= 0x30 && b <= 0x39;

/**
 * parseNumber(text) for plain bytes[start..end), with NaN for null (parseNumber never returns NaN).
 * Plain decimals of up to 15 digits without an exponent are m / 10^k, the correctly rounded value
 * Number() also gives (both operands exact, one IEEE division); other forms defer to parseNumber.
 */
export function parseNumberBytes(bytes: Uint8Array, start: number, end: number): number {
  while (start < end && bytes[start] === SPACE) start++;
  while (end > start && bytes[end - 1] === SPACE) end--;
  let i = start;
  const sign = bytes[i];
  if (sign === 0x2b || sign === 0x2d) i++; // + -
  let mantissa = 0;
  let digits = 0;
  let fraction = 0;
  for (; i < end && isDigit(bytes[i]!); i++, digits++) mantissa = mantissa * 10 + (bytes[i]! - 0x30);
  if (i < end && bytes[i] === 0x2e) {
    // .
    for (i++; i < end && isDigit(bytes[i]!); i++, digits++, fraction++) mantissa = mantissa * 10 + (bytes[i]! - 0x30);
  }
  if (digits === 0) return Number.NaN; // '', '+', '.', '-.'
  if (i === end && digits <= 15) {
    const value = fraction === 0 ? mantissa : mantissa / POW10[fraction]!;
    return sign === 0x2d ? -value : value;
  }
  // An exponent, more digits, or text that is not a number at all: the reference implementation.
  return parseNumber(asciiText(bytes, start, end)) ?? Number.NaN;
}

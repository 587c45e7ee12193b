// CSV reading for reference datasets: papaparse does the quoting, we add the checks a profile
// needs (one named header, rectangular rows) and say which line is wrong when they fail.
import Papa from 'papaparse';

export type ParsedCsv = { header: string[]; rows: string[][] };

/** Cells that mean "no value" in the exports people upload (pandas, R, Weka's '?'). Exact match after trim. */
export const MISSING_TOKENS: readonly string[] = ['', 'NA', 'N/A', 'null', 'NULL', 'NaN', 'nan', '?'];
const missing = new Set(MISSING_TOKENS);

export function isMissing(value: string): boolean {
  return missing.has(value.trim());
}

// Plain decimals only: Number() alone would also accept '0x1F', 'Infinity' and '' (as 0).
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A finite decimal number (sign, fraction and exponent allowed), or null. */
export function parseNumber(value: string): number | null {
  const text = value.trim();
  if (!DECIMAL.test(text)) return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null; // '1e999' matches the pattern but overflows
}

const LINE_BREAK = /\r\n|\r|\n/g;
const countLineBreaks = (text: string) => text.match(LINE_BREAK)?.length ?? 0;

/**
 * Parses comma-separated text whose first non-empty line names the columns. Fields are returned
 * as written (untrimmed); header names are trimmed. Throws an Error saying what to fix.
 */
export function parseCsv(text: string, options: { maxColumns?: number } = {}): ParsedCsv {
  const maxColumns = options.maxColumns ?? 2000;
  // Papa strips a leading BOM itself; we strip it first so its cursor offsets index into `input`.
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;

  let header: string[] | null = null;
  const rows: string[][] = [];
  let failure: string | null = null;
  let cursor = 0; // where the previous row ended
  let line = 1; // the line `cursor` is on

  Papa.parse<string[]>(input, {
    delimiter: ',', // a guessed delimiter can flip on one odd file; the upload is CSV by contract
    skipEmptyLines: true,
    step: (result, parser) => {
      // Rows can span lines (quoted newlines) and skipped blank lines sit between rows, so the
      // row's first line is the line after the blank ones that precede it.
      const segment = input.slice(cursor, result.meta.cursor);
      const blank = /^(?:\r\n|\r|\n)*/.exec(segment)?.[0] ?? '';
      const rowLine = line + countLineBreaks(blank);
      line += countLineBreaks(segment);
      cursor = result.meta.cursor;

      const fail = (message: string) => {
        failure = message;
        parser.abort();
      };
      const error = result.errors[0];
      if (error) return fail(`Line ${rowLine}: ${error.message}. Check the quotes on this line.`);
      const fields = result.data;
      // A line holding only spaces is blank too (Papa skips only truly empty lines).
      if (fields.length === 1 && (fields[0] ?? '').trim() === '') return;

      if (header === null) {
        if (fields.length > maxColumns) return fail(`The file has ${fields.length} columns; at most ${maxColumns} are allowed.`);
        const names = fields.map((f) => f.trim());
        const seen = new Set<string>();
        for (const [i, name] of names.entries()) {
          if (name === '') return fail(`Column ${i + 1} in the header (line ${rowLine}) has no name. Name every column.`);
          if (seen.has(name)) return fail(`The column name "${name}" appears more than once in the header. Column names must be unique.`);
          seen.add(name);
        }
        header = names;
        return;
      }
      if (fields.length !== header.length) {
        return fail(`Line ${rowLine} has ${fields.length} fields but the header has ${header.length}. Check for a missing or extra comma, or an unquoted comma inside a value.`);
      }
      rows.push(fields);
    },
  });

  if (failure !== null) throw new Error(failure);
  if (header === null) throw new Error('The file is empty: the first line must be a header naming the columns.');
  return { header, rows };
}

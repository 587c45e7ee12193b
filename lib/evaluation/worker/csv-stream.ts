// Streams CSV bytes (a local File, or a server dataset's response body) as rows without ever
// holding the whole text. Complete lines are split on the bytes themselves, with no string per
// row or field: a field is a byte range, decoded only when a reader asks for its text. A stretch of
// lines with a quote in it goes to Papa's parser as text instead (quotes can hold commas and line
// breaks), and what Papa leaves unfinished is carried over. Papa splits quote-free text the same
// way (on the line ending, then on commas), so the rows are the same either way. Awaiting the
// consumer between chunks is the backpressure. Every byte chunk is also shown to `onBytes` as read,
// so a digest can be computed in the same single pass. Rows follow lib/datasets/csv's rules
// (delimiter ',', blank and whitespace-only lines skipped, header trimmed, a leading BOM dropped),
// so row indexes match the server's. A row with too few or too many fields (a ragged row) keeps its
// data-row index but goes to the sink's `ragged` instead of a block, and the reading goes on.
import Papa from 'papaparse';
import { RowBlock } from '@/lib/evaluation/row-block';

export type CsvSink = {
  header(names: string[]): Promise<void> | void;
  /** Data rows in file order; `firstIndex` is the 0-based data-row index of the block's first row. */
  rows(block: RowBlock, firstIndex: number): Promise<void>;
  /**
   * A data row whose field count is not the header's, in file order between the blocks around it:
   * `index` is its 0-based data-row index (the rows after it count on from index + 1).
   */
  ragged(index: number, fields: string[]): Promise<void> | void;
  progress(bytesRead: number): void;
  /** True to stop reading early (the header did not fit, or enough rows were read). */
  stop(): boolean;
};

export type CsvStreamResult = { status: 'done' | 'stopped'; bytesRead: number };

type Newline = '\n' | '\r' | '\r\n';

/** The line ending outside quotes in the first chunk, as Papa's own guess does. */
function guessNewline(text: string): Newline {
  const unquoted = text.replace(/"[^"]*"/g, '');
  const r = unquoted.indexOf('\r');
  if (r < 0) return '\n';
  return unquoted[r + 1] === '\n' ? '\r\n' : '\r';
}

const CR = 0x0d;
const LF = 0x0a;
const COMMA = 0x2c;
const QUOTE = 0x22;
const SPACE = 0x20;

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Just past the last line ending in bytes, or 0. */
function lastLineEnd(bytes: Uint8Array, newline: Newline): number {
  const last = newline === '\r' ? CR : LF;
  for (let i = bytes.length - 1; i >= 0; i--) {
    if (bytes[i] === last && (newline !== '\r\n' || bytes[i - 1] === CR)) return i + 1;
  }
  return 0;
}

const blankText = (fields: string[]) => fields.length === 1 && (fields[0] ?? '').trim() === '';

/** Where the line starting at `at` ends (before its line ending) and where the next one starts. */
function lineAt(bytes: Uint8Array, at: number, newline: Newline): [number, number] {
  const nl = newline === '\r' ? CR : LF;
  for (let i = at; i < bytes.length; i++) {
    if (bytes[i] !== nl) continue;
    if (newline !== '\r\n') return [i, i + 1];
    if (i > at && bytes[i - 1] === CR) return [i - 1, i + 1];
  }
  return [bytes.length, bytes.length];
}

/** A line that does not have the block's width: bytes[start..end) without its line ending, and where the next line starts. */
type RaggedLine = { start: number; end: number; next: number };

/**
 * Appends the lines of bytes[from..] to the block as byte rows, skipping blank ones, in one pass
 * over the bytes. Stops at a line that does not have the block's width and returns where it is (the
 * rows before it are in the block), or returns null after the last line.
 */
function splitRows(b: RowBlock, bytes: Uint8Array, from: number, nl: number, crlf: boolean, decoder: TextDecoder): RaggedLine | null {
  const n = bytes.length;
  const width = b.width;
  let base = b.grow();
  let start = b.start;
  let end = b.end;
  let lineStart = from;
  let fieldStart = from;
  let f = 0; // commas so far on this line
  let odd = 0; // bytes on this line outside printable ASCII
  const kind = crlf ? KIND_CRLF : nl === CR ? KIND_CR : KIND_LF;
  for (let i = from; i <= n; i++) {
    // Most bytes are printable ASCII inside a field: skip them in a tight loop.
    while (i < n && kind[bytes[i]!] === 0) i++;
    const c = i < n ? bytes[i]! : -1; // -1: the end of the last line, which has no line ending
    if (c === COMMA) {
      if (f < width) {
        start[base + f] = fieldStart;
        end[base + f] = i;
      }
      f++;
      fieldStart = i + 1;
      continue;
    }
    if (c !== nl && c !== -1) {
      if (c < SPACE || c > 0x7e) odd++;
      continue;
    }
    let lineEnd = i;
    if (c === nl && crlf) {
      // Only CR LF ends a line; a lone LF is part of a field, as in Papa's split.
      if (i === lineStart || bytes[i - 1] !== CR) {
        odd++;
        continue;
      }
      lineEnd = i - 1;
      odd--; // that CR belongs to the line ending
    }
    if (c === -1 && lineStart === n) break; // nothing after the last line ending
    const fields = f + 1;
    if (fields <= width) {
      start[base + f] = fieldStart;
      end[base + f] = lineEnd;
    }
    const plain = odd === 0;
    // A single field is a blank line when trim() leaves nothing.
    const blank = fields === 1 && (plain ? onlySpaces(bytes, lineStart, lineEnd) : decoder.decode(bytes.subarray(lineStart, lineEnd)).trim() === '');
    // Only a ragged line costs an object; the good rows' path allocates nothing.
    if (!blank && fields !== width) return { start: lineStart, end: lineEnd, next: i + 1 };
    lineStart = fieldStart = i + 1;
    f = odd = 0;
    if (blank) continue;
    b.plain[b.count] = plain ? 1 : 0;
    b.count++;
    base = b.grow();
    start = b.start;
    end = b.end;
  }
  return null;
}

/** Per byte value: 0 for a printable ASCII byte that is neither a comma nor the line-ending byte, else 1. */
function byteKinds(lineEnd: number): Uint8Array {
  const kind = new Uint8Array(256);
  for (let c = 0; c < 256; c++) kind[c] = c < SPACE || c > 0x7e || c === COMMA || c === lineEnd ? 1 : 0;
  return kind;
}
const KIND_LF = byteKinds(LF);
const KIND_CR = byteKinds(CR);
const KIND_CRLF = KIND_LF; // CR is outside printable ASCII anyway

function onlySpaces(bytes: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (bytes[i] !== SPACE) return false;
  return true;
}

export async function streamCsv(input: Blob | ReadableStream<Uint8Array>, sink: CsvSink, onBytes?: (chunk: Uint8Array) => void): Promise<CsvStreamResult> {
  let bytesRead = 0;
  const reader = (input instanceof ReadableStream ? input : (input.stream() as ReadableStream<Uint8Array>)).getReader();
  const stopped = (): CsvStreamResult => ({ status: 'stopped', bytesRead });
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const encoder = new TextEncoder();
  let newline: Newline | null = null;
  let papa: Papa.Parser | null = null;
  let header: string[] | null = null;
  let block: RowBlock | null = null;
  let carry: Uint8Array = new Uint8Array(0);
  let atStart = true;
  let dataIndex = 0;

  /** Sets the header from the first non-blank line; false when the sink wants to stop there. */
  async function takeHeader(fields: string[]): Promise<boolean> {
    header = fields.map((f) => f.trim());
    block = new RowBlock(header.length);
    await sink.header(header);
    return !sink.stop();
  }

  /** Splits quote-free complete lines on their bytes; false when the sink stopped at the header. */
  async function splitLines(bytes: Uint8Array): Promise<boolean> {
    let at = 0;
    if (!block) {
      // The header: the first line that is not blank, decoded whole.
      while (at < bytes.length && !block) {
        const [lineEnd, next] = lineAt(bytes, at, newline!);
        const fields = decoder.decode(bytes.subarray(at, lineEnd)).split(',');
        at = next;
        if (!blankText(fields) && !(await takeHeader(fields))) return false;
      }
      if (!block) return true;
    }
    const b: RowBlock = block;
    for (;;) {
      b.count = 0;
      b.text = null;
      b.bytes = bytes;
      const ragged = splitRows(b, bytes, at, newline === '\r' ? CR : LF, newline === '\r\n', decoder);
      if (b.count > 0) {
        await sink.rows(b, dataIndex);
        dataIndex += b.count;
      }
      if (!ragged) return true;
      // Quote-free, so splitting its text on commas is exactly how Papa would split it.
      await sink.ragged(dataIndex++, decoder.decode(bytes.subarray(ragged.start, ragged.end)).split(','));
      at = ragged.next;
    }
  }

  /** A stretch with quotes, through Papa; returns what it left unfinished, or false when the sink stopped. */
  async function parseText(bytes: Uint8Array, done: boolean): Promise<Uint8Array | false> {
    const text = decoder.decode(bytes);
    papa ??= new Papa.Parser({ delimiter: ',', newline: newline! });
    const result = papa.parse(text, 0, !done) as Papa.ParseResult<string[]>;
    const error = result.errors[0];
    if (error) throw new Error(`Around data row ${dataIndex + 1}: ${error.message}. Check the quotes on that line.`);
    let rows: string[][] = [];
    const flush = async () => {
      if (rows.length === 0) return;
      const b = block!;
      b.text = rows;
      b.count = rows.length;
      await sink.rows(b, dataIndex);
      dataIndex += rows.length;
      rows = [];
    };
    for (const fields of result.data) {
      if (blankText(fields)) continue;
      if (header === null) {
        if (!(await takeHeader(fields))) return false;
        continue;
      }
      if (fields.length === header.length) {
        rows.push(fields);
        continue;
      }
      await flush();
      await sink.ragged(dataIndex++, fields);
    }
    await flush();
    return done ? new Uint8Array(0) : encoder.encode(text.slice(result.meta.cursor));
  }

  try {
    for (;;) {
      if (sink.stop()) return stopped();
      const { value, done } = await reader.read();
      if (value) {
        bytesRead += value.byteLength;
        onBytes?.(value);
      }
      let bytes = concat(carry, value ?? new Uint8Array(0));
      carry = new Uint8Array(0);
      if (atStart) {
        // As TextDecoderStream does: a leading byte order mark is not part of the text.
        if (bytes.length < 3 && !done) {
          carry = bytes;
          continue;
        }
        if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
        atStart = false;
      }
      if (newline === null) {
        // Guessed on the first stretch that holds a line ending (or the whole file, if it has none).
        if (!done && !bytes.includes(LF) && !bytes.includes(CR)) {
          carry = bytes;
          continue;
        }
        if (bytes.length === 0) break;
        newline = guessNewline(decoder.decode(bytes));
      }
      const cut = done ? bytes.length : lastLineEnd(bytes, newline);
      const lines = bytes.subarray(0, cut);
      carry = bytes.slice(cut);
      if (lines.length > 0) {
        if (lines.includes(QUOTE)) {
          const left = await parseText(lines, done);
          if (left === false) return stopped();
          carry = concat(left, carry);
        } else if (!(await splitLines(lines))) return stopped();
      }
      sink.progress(bytesRead);
      if (done) break;
    }
  } finally {
    reader.cancel().catch(() => undefined);
  }
  if (header === null) throw new Error('The file is empty: it has no header line naming the columns.');
  return { status: 'done', bytesRead };
}

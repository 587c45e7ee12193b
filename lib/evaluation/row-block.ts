// A block of streamed CSV rows, kept as byte ranges into the chunk they came from (csv-stream.ts
// fills it), and reading a column's text from it without decoding the same value again and again.
import { asciiText } from '@/lib/datasets/csv-bytes';

/**
 * Consecutive data rows. Reused for the next rows once the sink's `rows` returns, so a sink keeps
 * text, never the block. Byte rows: field f of row r is bytes[start[i]..end[i]) for i = r * width + f,
 * and plain[r] is 1 when every byte of the row is printable ASCII (0x20-0x7e).
 */
export class RowBlock {
  count = 0;
  bytes: Uint8Array = new Uint8Array(0);
  start: Int32Array;
  end: Int32Array;
  plain: Uint8Array;
  /** Set instead of the byte ranges when the rows came from Papa (a stretch with quotes). */
  text: string[][] | null = null;
  private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true });

  constructor(
    readonly width: number,
    capacity = 2048,
  ) {
    this.start = new Int32Array(capacity * width);
    this.end = new Int32Array(capacity * width);
    this.plain = new Uint8Array(capacity);
  }

  /** Room for one more byte row; returns its index into start/end. */
  grow(): number {
    if (this.count === this.plain.length) {
      const more = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.start = more(this.start);
      this.end = more(this.end);
      const plain = new Uint8Array(this.plain.length * 2);
      plain.set(this.plain);
      this.plain = plain;
    }
    return this.count * this.width;
  }

  /** The text of field f of row r, as Papa would have split it. */
  field(r: number, f: number): string {
    if (this.text) return this.text[r]?.[f] ?? '';
    const i = r * this.width + f;
    const s = this.start[i]!;
    const e = this.end[i]!;
    return this.plain[r] ? asciiText(this.bytes, s, e) : this.decoder.decode(this.bytes.subarray(s, e));
  }

  /** Every field of row r. */
  fields(r: number): string[] {
    if (this.text) return this.text[r] ?? [];
    return Array.from({ length: this.width }, (_, f) => this.field(r, f));
  }
}

/**
 * The distinct values of one column, numbered the first time each is seen (the first `size` of
 * them; later ones have none): a column with few values (a category, a label, a slice) is matched
 * on its bytes, and what a reader derives from a value can be kept by its number.
 */
export class ColumnValues {
  readonly texts: string[] = [];
  private readonly keys: Uint8Array[] = [];

  constructor(
    readonly column: number,
    readonly size = 32,
  ) {}

  /** The number of row r's value, or -1 (a row that is not plain byte ASCII, a long value, or one past the first `size`). */
  id(block: RowBlock, r: number): number {
    if (block.text || !block.plain[r]) return -1;
    const i = r * block.width + this.column;
    const s = block.start[i]!;
    const n = block.end[i]! - s;
    if (n > 64) return -1;
    const bytes = block.bytes;
    const keys = this.keys;
    search: for (let k = 0; k < keys.length; k++) {
      const key = keys[k]!;
      if (key.length !== n) continue;
      for (let j = 0; j < n; j++) if (key[j] !== bytes[s + j]) continue search;
      return k;
    }
    if (keys.length === this.size) return -1;
    keys.push(bytes.slice(s, s + n));
    this.texts.push(asciiText(bytes, s, s + n));
    return keys.length - 1;
  }

  /** Row r's text in this column. */
  text(block: RowBlock, r: number): string {
    const id = this.id(block, r);
    return id >= 0 ? this.texts[id]! : block.field(r, this.column);
  }
}

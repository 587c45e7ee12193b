// Reads a deployment window's feature values fast: COPY ... TO STDOUT in Postgres's binary format,
// parsed chunk by chunk as it arrives (while Postgres is still producing the rest) straight into one
// Float64Array per numeric feature, through a DataView (8 bytes a value, no text parsing).
import 'server-only';
import type { Sql } from 'postgres';
import { giveBackColumns, takeColumn } from './window-memory';

export type WindowColumns = { count: number; ts: Float64Array; numeric: Float64Array[]; categorical: (string | null)[][] };

const SIGNATURE_LENGTH = 11 + 4 + 4; // "PGCOPY\n\xff\r\n\0", flags, header extension length
const PG_EPOCH_MS = Date.UTC(2000, 0, 1);
const TWO_32 = 4294967296;

export interface WindowQuery {
  deploymentId: string;
  versionId: string;
  from: Date;
  to: Date;
  numeric: number;
  categorical: number;
  /** Rows the window is expected to hold (the columns grow past it if needed). */
  expected: number;
  /** Read the timestamps (for time buckets); without them `ts` comes back empty. */
  timestamps?: boolean;
}

export async function copyWindow(sql: Sql, query: WindowQuery): Promise<WindowColumns> {
  // COPY takes no bind parameters: the values are inlined, after checking they are what they claim.
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  if (!uuid.test(query.deploymentId) || !uuid.test(query.versionId) || Number.isNaN(query.from.getTime()) || Number.isNaN(query.to.getTime())) throw new Error('copyWindow: bad arguments');
  // Only the columns the report reads: each one costs Postgres a send function per row (and a row
  // needs one column to be counted at all).
  const withTs = (query.timestamps ?? true) || (query.numeric === 0 && query.categorical === 0);
  const columns = [withTs ? 'ts' : null, query.numeric > 0 ? 'numeric' : null, query.categorical > 0 ? 'categorical' : null].filter(Boolean).join(', ');
  const stream = await sql
    .unsafe(
      `copy (select ${columns} from prediction_events where deployment_id = '${query.deploymentId}' and version_id = '${query.versionId}' and ts >= '${query.from.toISOString()}' and ts < '${query.to.toISOString()}') to stdout with (format binary)`,
    )
    .readable();
  const parser = new WindowParser(query, withTs);
  for await (const chunk of stream) parser.push(chunk as Buffer);
  // postgres.js pauses the socket when the stream's buffer is full and resumes it when the stream
  // asks for more; a stream that ended with the socket paused never asks, and the messages that end
  // the COPY would wait unread (porsager/postgres#499). Asking once more resumes it.
  (stream as unknown as { _read(size: number): void })._read(0);
  return parser.finish();
}

/** Parses binary COPY rows of (ts?, numeric packed bytea?, categorical text[]?) from chunks that split
 * rows anywhere; a partial row waits for the next chunk. */
class WindowParser {
  private count = 0;
  private capacity: number;
  private ts: Float64Array;
  private numeric: Float64Array[];
  private readonly categorical: (string | null)[][];
  private pending: Buffer | null = null;
  private headerRead = false;
  private ended = false;
  private readonly fields: number;

  constructor(
    private readonly query: Pick<WindowQuery, 'numeric' | 'categorical' | 'expected'>,
    private readonly withTs: boolean,
  ) {
    // Columns come from memory kept between reads (window-memory.ts), sized by the events expected.
    this.ts = withTs ? takeColumn(query.expected) : new Float64Array(0);
    this.numeric = Array.from({ length: query.numeric }, () => takeColumn(query.expected));
    this.capacity = Math.min(...this.numeric.map((c) => c.length), withTs ? this.ts.length : Infinity, 2 ** 31);
    this.categorical = Array.from({ length: query.categorical }, () => []);
    this.fields = (withTs ? 1 : 0) + (query.numeric > 0 ? 1 : 0) + (query.categorical > 0 ? 1 : 0);
  }

  push(chunk: Buffer): void {
    if (this.ended) return;
    const buf = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = null;
    const view = new DataView(buf.buffer, buf.byteOffset, buf.length);
    let at = 0;
    if (!this.headerRead) {
      if (buf.length < SIGNATURE_LENGTH) {
        this.pending = buf;
        return;
      }
      at = SIGNATURE_LENGTH + view.getInt32(15); // skip the header extension
      this.headerRead = true;
    }
    const length = buf.length;
    while (at + 2 <= length) {
      const fields = view.getInt16(at);
      if (fields === -1) {
        this.ended = true;
        return;
      }
      if (fields !== this.fields) throw new Error(`copyWindow: a row has ${fields} fields, expected ${this.fields}`);
      const end = this.rowEnd(view, at + 2, fields, length);
      if (end < 0) break; // the rest of the row is in the next chunk
      this.row(buf, view, at + 2);
      at = end;
    }
    if (at < length) this.pending = buf.subarray(at);
  }

  /** Where the row whose fields start at `at` ends, or -1 when the buffer ends first. */
  private rowEnd(view: DataView, at: number, fields: number, length: number): number {
    for (let f = 0; f < fields; f++) {
      if (at + 4 > length) return -1;
      const len = view.getInt32(at);
      at += 4 + (len > 0 ? len : 0);
    }
    return at <= length ? at : -1;
  }

  private grow() {
    const capacity = this.capacity * 2;
    const grow = (a: Float64Array) => {
      const next = takeColumn(capacity);
      next.set(a.subarray(0, this.count));
      giveBackColumns([a]);
      return next;
    };
    if (this.withTs) this.ts = grow(this.ts);
    this.numeric = this.numeric.map(grow);
    this.capacity = capacity;
  }

  private row(buf: Buffer, view: DataView, at: number) {
    const r = this.count;
    if (r === this.capacity) this.grow();
    if (this.withTs) {
      // int64 microseconds since 2000-01-01, as two 32-bit halves (exact below 2^53)
      const hi = view.getInt32(at + 4);
      const lo = view.getUint32(at + 8);
      this.ts[r] = PG_EPOCH_MS + (hi * TWO_32 + lo) / 1000;
      at += 12;
    }
    if (this.query.numeric > 0) at = this.floatArray(view, at, r);
    if (this.query.categorical > 0) this.textArray(buf, view, at);
    this.count = r + 1;
  }

  /** The packed numeric field (a bytea of big-endian float8s, see packed.ts). A null field, or a
   * value past its end, is NaN (missing). */
  private floatArray(view: DataView, at: number, r: number): number {
    const columns = this.numeric;
    const length = view.getInt32(at);
    at += 4;
    const n = length > 0 ? Math.min(length >> 3, columns.length) : 0;
    for (let i = 0; i < n; i++) (columns[i] as Float64Array)[r] = view.getFloat64(at + i * 8);
    for (let i = n; i < columns.length; i++) (columns[i] as Float64Array)[r] = NaN;
    return at + (length > 0 ? length : 0);
  }

  private textArray(buf: Buffer, view: DataView, at: number): number {
    const out = this.categorical;
    const expected = out.length;
    const length = view.getInt32(at);
    at += 4;
    if (length === -1) {
      for (let i = 0; i < expected; i++) out[i]?.push(null);
      return at;
    }
    const end = at + length;
    const ndim = view.getInt32(at);
    at += 12;
    let n = 0;
    for (let d = 0; d < ndim; d++) {
      n = view.getInt32(at);
      at += 8;
    }
    for (let i = 0; i < n; i++) {
      const len = view.getInt32(at);
      at += 4;
      out[i]?.push(len === -1 ? null : buf.toString('utf8', at, at + len));
      if (len !== -1) at += len;
    }
    for (let i = n; i < expected; i++) out[i]?.push(null);
    return end;
  }

  finish(): WindowColumns {
    if (this.pending && this.pending.length > 0 && !this.ended) throw new Error('copyWindow: the COPY stream ended inside a row');
    const count = this.count;
    return { count, ts: this.ts.subarray(0, this.withTs ? count : 0), numeric: this.numeric.map((c) => c.subarray(0, count)), categorical: this.categorical };
  }
}

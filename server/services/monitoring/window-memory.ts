// Memory for the columns of a drift window, reused from one read to the next. A window of 1,000,000
// events × 20 features needs 160 MB of columns, and fresh memory costs a page fault per 4 KiB the
// first time it is written: on a virtual machine (bench/drift-report, 2 cores) that was 0.45 s for
// 160 MB, against 0.06–0.09 s to parse the whole window into memory already touched. Columns given
// back after a report serve the next one (the alert worker reads windows back to back; a person
// re-reads as data arrives); what is kept is bounded and let go after a minute without reads. The
// memory is shared (SharedArrayBuffer), so statistics threads read the columns without a copy
// (drift-threads.ts).
import 'server-only';

/** Buffers are allocated in size classes (eighths of a power of two) so a window that grew by a few
 * events still fits a buffer kept from the previous read; at most an eighth is spare. */
export function capacityFor(length: number): number {
  if (length <= 4096) return 4096;
  const step = 2 ** (Math.floor(Math.log2(length)) - 3);
  return Math.ceil(length / step) * step;
}

/** At most this many buffers are kept (a window of 20 features and timestamps gives back 21). */
const MAX_KEPT_BUFFERS = 64;
/** The most a process keeps between reads (a 1,000,000 × 20 window with its timestamps is 168 MB). */
const MAX_KEPT_BYTES = 384 * 1024 * 1024;
const IDLE_RELEASE_MS = 60_000;

// One store per process, on globalThis: every server bundle (route handlers, tRPC) has its own copy
// of this module, and separate stores would each keep up to the bound.
const STORE = Symbol.for('modelgate.drift.windowMemory');
type Store = { kept: SharedArrayBuffer[]; bytes: number; idleTimer: ReturnType<typeof setTimeout> | null };
const store: Store = ((globalThis as { [STORE]?: Store })[STORE] ??= { kept: [], bytes: 0, idleTimer: null });
const kept = store.kept;

/** A column of at least `length` values; what it holds is unspecified (write before reading). */
export function takeColumn(length: number): Float64Array {
  const bytes = capacityFor(length) * 8;
  let best = -1;
  for (let i = 0; i < kept.length; i++) {
    const size = (kept[i] as SharedArrayBuffer).byteLength;
    if (size >= bytes && (best < 0 || size < (kept[best] as SharedArrayBuffer).byteLength)) best = i;
  }
  if (best < 0) return new Float64Array(new SharedArrayBuffer(bytes));
  const [buffer] = kept.splice(best, 1) as [SharedArrayBuffer];
  store.bytes -= buffer.byteLength;
  return new Float64Array(buffer);
}

/** Gives columns back once nothing reads them any more (every view on their memory is dead). */
export function giveBackColumns(columns: Iterable<Float64Array>): void {
  for (const column of columns) {
    const buffer = column.buffer;
    // Only memory this module handed out comes back (a column another reader allocated is left alone).
    if (!(buffer instanceof SharedArrayBuffer) || buffer.byteLength === 0 || kept.includes(buffer)) continue;
    kept.push(buffer);
    store.bytes += buffer.byteLength;
  }
  // Over the bound, the smallest go first: the large ones are the expensive ones to fault in again.
  kept.sort((a, b) => b.byteLength - a.byteLength);
  while (store.bytes > MAX_KEPT_BYTES || kept.length > MAX_KEPT_BUFFERS) store.bytes -= (kept.pop() as SharedArrayBuffer).byteLength;
  if (store.idleTimer) clearTimeout(store.idleTimer);
  store.idleTimer = kept.length > 0 ? setTimeout(releaseKeptColumns, IDLE_RELEASE_MS) : null;
  store.idleTimer?.unref?.();
}

/** Lets go of every kept buffer (after a minute without reads, and in tests). */
export function releaseKeptColumns(): void {
  kept.length = 0;
  store.bytes = 0;
  if (store.idleTimer) clearTimeout(store.idleTimer);
  store.idleTimer = null;
}

/** Bytes kept for the next read. */
export function keptColumnBytes(): number {
  return store.bytes;
}

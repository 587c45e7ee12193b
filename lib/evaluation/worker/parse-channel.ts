// The two ends of the message channel between the evaluation worker (which predicts, scores and
// hashes the bytes) and the parse worker (which reads and encodes the dataset: batch-reader.ts). The page
// creates both workers and gives each one end of a MessageChannel. Batches travel with their
// buffers transferred, never copied, and come back empty the same way: at most POOL_SIZE batches
// exist per read, so a model slower than the parser holds the reading back and memory stays flat
// however large the file.
import { readBatches, type BatchBuffers, type EncodedBatch, type ReadOutcome, type ReadRequest } from './batch-reader';
import type { DatasetSource } from './dataset-source';
import type { StartMessage } from './protocol';

/**
 * Batches per read: one being filled, one being predicted, and room between them for the bursts of
 * a file read in megabyte chunks (a 2 MB chunk of the demo data is ~8 batches of 4,096 rows).
 */
export const POOL_SIZE = 8;

type Dataset = StartMessage['dataset'];

/** evaluation worker -> parse worker */
export type ParseRequest =
  | { type: 'read'; id: number; dataset: Dataset; request: ReadRequest }
  | { type: 'free'; id: number; buffers: BatchBuffers }
  | { type: 'stop'; id: number };

/** parse worker -> evaluation worker; `id` is the read it belongs to. */
export type ParseEvent = { id: number } & (
  | { type: 'size'; totalBytes: number | null }
  | { type: 'bytes'; chunk: Uint8Array }
  | { type: 'batch'; batch: EncodedBatch }
  | { type: 'progress'; bytesRead: number; rows: number }
  | { type: 'end'; outcome: ReadOutcome }
  | { type: 'error'; message: string }
);

/** The smallest part of MessagePort both ends use (a worker's own scope, or a port). */
export type Port = { postMessage(message: unknown, transfer?: Transferable[]): void; onmessage: ((event: MessageEvent) => void) | null };

const transferOf = (b: BatchBuffers): Transferable[] => [b.x.buffer, b.labels.buffer];
const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The parse worker's end: answers one read at a time; a new read stops the one before. */
export function serveBatches(port: Port, open: (dataset: Dataset) => DatasetSource) {
  type Read = { id: number; stopped: boolean; pool: BatchBuffers[]; made: number; waiting: ((b: BatchBuffers | null) => void) | null };
  let read: Read | null = null;
  const send = (message: ParseEvent, transfer: Transferable[] = []) => port.postMessage(message, transfer);

  async function run(r: Read, dataset: Dataset, request: ReadRequest) {
    let lastProgress = 0;
    try {
      const outcome = await readBatches(open(dataset), request, {
        size: (totalBytes) => send({ id: r.id, type: 'size', totalBytes }),
        bytes: (chunk) => send({ id: r.id, type: 'bytes', chunk }, [chunk.buffer]),
        // The width is the same for every batch of a read, so any buffer that comes back fits.
        async buffers(width) {
          for (;;) {
            if (r.stopped) throw new Error('The evaluation was stopped.');
            const free = r.pool.pop();
            if (free) return free;
            if (r.made < POOL_SIZE) {
              r.made++;
              return { x: new Float32Array(width * request.batchSize), labels: new Float64Array(request.batchSize) };
            }
            const back = await new Promise<BatchBuffers | null>((resolve) => (r.waiting = resolve));
            if (back) r.pool.push(back);
          }
        },
        batch: (batch) => send({ id: r.id, type: 'batch', batch }, transferOf(batch)),
        progress(bytesRead, rows) {
          const now = performance.now();
          if (now - lastProgress < 100) return;
          lastProgress = now;
          send({ id: r.id, type: 'progress', bytesRead, rows });
        },
        stopped: () => r.stopped,
      });
      if (!r.stopped) send({ id: r.id, type: 'end', outcome });
    } catch (e) {
      if (!r.stopped) send({ id: r.id, type: 'error', message: errorText(e) });
    }
  }

  port.onmessage = (event: MessageEvent<ParseRequest>) => {
    const m = event.data;
    if (m.type === 'read') {
      stop();
      read = { id: m.id, stopped: false, pool: [], made: 0, waiting: null };
      void run(read, m.dataset, m.request);
    } else if (read && m.id === read.id) {
      if (m.type === 'stop') stop();
      else if (read.waiting) {
        const resolve = read.waiting;
        read.waiting = null;
        resolve(m.buffers);
      } else read.pool.push(m.buffers);
    }
  };

  function stop() {
    if (!read) return;
    read.stopped = true;
    read.waiting?.(null);
    read.waiting = null;
    read = null;
  }
}

/** What the evaluation worker sees of one read: its events in order, and the buffers it gives back. */
export type BatchReading = {
  next(): Promise<Exclude<ParseEvent, { type: 'error' }>>;
  free(buffers: BatchBuffers): void;
  stop(): void;
};

/** The evaluation worker's end. One read at a time: start the next once this one has ended or stopped. */
export function batchClient(port: Port) {
  let nextId = 1;
  let current: { id: number; queue: ParseEvent[]; wake: (() => void) | null } | null = null;
  port.onmessage = (event: MessageEvent<ParseEvent>) => {
    const m = event.data;
    if (!current || m.id !== current.id) return; // a stopped read's last words
    current.queue.push(m);
    const wake = current.wake;
    current.wake = null;
    wake?.();
  };
  return {
    read(dataset: Dataset, request: ReadRequest): BatchReading {
      const id = nextId++;
      const r: { id: number; queue: ParseEvent[]; wake: (() => void) | null } = { id, queue: [], wake: null };
      current = r;
      port.postMessage({ type: 'read', id, dataset, request } satisfies ParseRequest);
      return {
        async next() {
          while (r.queue.length === 0) await new Promise<void>((resolve) => (r.wake = resolve));
          const m = r.queue.shift()!;
          if (m.type === 'error') throw new Error(m.message);
          return m;
        },
        free: (buffers) => current === r && port.postMessage({ type: 'free', id, buffers } satisfies ParseRequest, transferOf(buffers)),
        stop() {
          if (current !== r) return;
          port.postMessage({ type: 'stop', id } satisfies ParseRequest);
          current = null;
        },
      };
    },
  };
}

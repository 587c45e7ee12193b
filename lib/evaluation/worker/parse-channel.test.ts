// The evaluation's two workers talk over a MessageChannel: here both ends run on a real Node
// MessageChannel (structured clone and transfer, as between browser workers), reading the demo
// credit classifier's reference data (numeric gaps filled, one-hot categories, a binary label).
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { parseCsv } from '@/lib/datasets/csv';
import { loadDemoCatalog } from '@/scripts/demo/load';
import { labelEncoder } from '../labels';
import { planColumns } from '../plan';
import { createPreprocessor } from '../preprocess';
import type { EncodedBatch, ReadRequest, ReadSummary } from './batch-reader';
import type { DatasetSource } from './dataset-source';
import { batchClient, POOL_SIZE, serveBatches, type BatchReading, type Port } from './parse-channel';

const catalog = await loadDemoCatalog();
const model = catalog.find((m) => m.name === 'Credit default risk')!;
const version = model.versions.find((v) => v.version === 3)!;
const schema = { inputSchema: version.inputSchema, outputSchema: version.outputSchema, preprocessing: version.preprocessing };
const CSV = version.referenceCsv;
const BYTES = new TextEncoder().encode(CSV);

const channels: MessageChannel[] = [];
afterEach(() => {
  for (const c of channels.splice(0)) (c.port1.close(), c.port2.close());
});

/** A source that gives the bytes in uneven chunks and says whether it was cancelled. */
function sourceOf(bytes: Uint8Array, chunk = 997) {
  const state = { pulled: 0, cancelled: false, opened: 0 };
  const source: DatasetSource = {
    name: 'reference.csv',
    expectedSha256: null,
    async open() {
      state.opened++;
      let at = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (at >= bytes.length) return controller.close();
          controller.enqueue(bytes.slice(at, at + chunk));
          at += chunk;
          state.pulled = at;
        },
        cancel() {
          state.cancelled = true;
        },
      });
      return { stream, totalBytes: bytes.length };
    },
  };
  return { source, state };
}

function connected(source: DatasetSource) {
  const channel = new MessageChannel();
  channels.push(channel);
  serveBatches(channel.port2 as unknown as Port, () => source);
  return batchClient(channel.port1 as unknown as Port);
}

const request = (extra: Partial<ReadRequest> = {}): ReadRequest => ({ schema, taskType: model.taskType, mapping: {}, sliceBy: null, batchSize: 64, ...extra });
const dataset = { url: '/unused', sha256: '', name: 'reference.csv', bytes: null };

/** Reads to the end, freeing each batch at once; what arrived. */
async function drain(reading: BatchReading) {
  const batches: EncodedBatch[] = [];
  const x: number[] = [];
  const labels: number[] = [];
  const categories: string[] = [];
  const chunks: Uint8Array[] = [];
  let size: number | null = null;
  for (;;) {
    const e = await reading.next();
    if (e.type === 'bytes') chunks.push(e.chunk);
    else if (e.type === 'size') size = e.totalBytes;
    else if (e.type === 'batch') {
      const b = e.batch;
      batches.push(b);
      x.push(...b.x.subarray(0, b.rows * b.width));
      labels.push(...b.labels.subarray(0, b.rows));
      categories.push(...(b.categories ?? []));
      reading.free({ x: b.x, labels: b.labels });
    } else if (e.type === 'end') return { outcome: e.outcome, batches, x, labels, categories, chunks, size };
  }
}

describe('reading a dataset in the parse worker', () => {
  it('gives the same tensor, labels and counts as encoding the whole file at once, in order, and every byte for the digest', async () => {
    const { header, rows } = parseCsv(CSV);
    const plan = planColumns(header, schema);
    const whole = createPreprocessor(schema, plan).encodeBatch(rows);
    const encode = labelEncoder(schema.outputSchema, model.taskType);

    const { source } = sourceOf(BYTES);
    const got = await drain(connected(source).read(dataset, request({ sliceBy: 'region' })));
    const outcome = got.outcome as ReadSummary;
    expect(Float32Array.from(got.x)).toEqual(whole.x);
    expect(got.labels).toEqual(whole.labels.map((l) => encode(l)));
    expect(got.categories).toEqual(rows.map((r) => r[header.indexOf('region')]));
    expect(got.batches.every((b) => b.rows <= 64 && b.width === createPreprocessor(schema, plan).width)).toBe(true);
    expect(got.batches.at(-1)?.read).toBe(rows.length);
    expect(outcome).toMatchObject({ rowCount: rows.length, droppedCount: 0, dropped: [], unknownLabels: 0, bytes: BYTES.length });
    expect(outcome.issues.features.annual_income?.filled).toBeGreaterThan(0);
    expect(got.size).toBe(BYTES.length);
    const digest = createHash('sha256');
    for (const c of got.chunks) digest.update(c);
    expect(digest.digest('hex')).toBe(createHash('sha256').update(BYTES).digest('hex'));
  });

  it('reports dropped rows by their data-row index and unknown labels', async () => {
    const lines = CSV.trim().split('\n');
    const [head, ...body] = lines;
    // Row 2 loses its label, row 5 gets a label the output schema does not know.
    const cells = (i: number) => body[i]!.split(',');
    const label = head!.split(',').indexOf('defaulted');
    const edited = body.map((line, i) => {
      if (i !== 2 && i !== 5) return line;
      const c = cells(i);
      c[label] = i === 2 ? '' : 'maybe';
      return c.join(',');
    });
    const { source } = sourceOf(new TextEncoder().encode([head, ...edited].join('\n') + '\n'));
    const got = await drain(connected(source).read(dataset, request()));
    expect(got.outcome).toMatchObject({ droppedCount: 2, dropped: [2, 5], unknownLabels: 2, rowCount: body.length });
    expect(got.labels).toHaveLength(body.length - 2);
  });

  it('names the problems when the header does not fit, and reads no further', async () => {
    const { source, state } = sourceOf(new TextEncoder().encode(CSV.replace(/^age,/, 'years,')), 256);
    const got = await drain(connected(source).read(dataset, request()));
    expect(got.outcome).toMatchObject({ problems: [expect.objectContaining({ kind: 'missing_feature', feature: 'age' })] });
    expect(got.batches).toEqual([]);
    expect(state.pulled).toBeLessThan(BYTES.length);
  });

  it(`holds back once ${POOL_SIZE} batches are out and not given back, and goes on when they are`, async () => {
    const { source, state } = sourceOf(BYTES, 64);
    const reading = connected(source).read(dataset, request({ batchSize: 16 }));
    const held: EncodedBatch[] = [];
    while (held.length < POOL_SIZE) {
      const e = await reading.next();
      if (e.type === 'batch') held.push(e.batch);
    }
    await new Promise((r) => setTimeout(r, 50));
    const pulledWhileHeld = state.pulled;
    // One batch in the making plus the chunk it is parsing: far from the end of the file.
    expect(pulledWhileHeld).toBeLessThan(BYTES.length / 2);
    await new Promise((r) => setTimeout(r, 50));
    expect(state.pulled).toBe(pulledWhileHeld);
    for (const b of held) reading.free({ x: b.x, labels: b.labels });
    const rest = await drain(reading);
    expect(rest.outcome).toMatchObject({ rowCount: parseCsv(CSV).rows.length });
  });

  it('stops reading when the evaluation stops, and a new read starts from the first byte', async () => {
    const { source, state } = sourceOf(BYTES, 64);
    const client = connected(source);
    const first = client.read(dataset, request({ batchSize: 16 }));
    while ((await first.next()).type !== 'batch');
    first.stop();
    await new Promise((r) => setTimeout(r, 50));
    expect(state.cancelled).toBe(true);
    expect(state.pulled).toBeLessThan(BYTES.length);

    const again = await drain(client.read(dataset, request()));
    expect(state.opened).toBe(2);
    expect(again.outcome).toMatchObject({ rowCount: parseCsv(CSV).rows.length, bytes: BYTES.length });
  });

  it('leaves out rows with too few or too many fields by their data-row index, counts them, and reads on', async () => {
    const [head, ...body] = CSV.trim().split('\n');
    const label = head!.split(',').indexOf('defaulted');
    const last = body.length - 1;
    // Rows 0 and 40 (quoted, so read through Papa) lose a field, row 3 gets one more, row 7 an unknown label; the last one loses a field.
    const edited = body.map((line, i) => {
      const c = line.split(',');
      if (i === 0 || i === last) return c.slice(0, -1).join(',');
      if (i === 40) return c.slice(0, -1).map((v) => `"${v}"`).join(',');
      if (i === 3) return `${line},extra`;
      if (i === 7) c[label] = 'maybe';
      return c.join(',');
    });
    const { source } = sourceOf(new TextEncoder().encode([head, ...edited].join('\r\n') + '\r\n'));
    const got = await drain(connected(source).read(dataset, request()));
    expect(got.outcome).toMatchObject({ droppedCount: 5, dropped: [0, 3, 7, 40, last], raggedRows: 4, unknownLabels: 1, rowCount: body.length });
    // The rows kept are exactly the others, encoded as the whole file without the left-out rows would be.
    const kept = parseCsv([head, ...body.filter((_, i) => ![0, 3, 7, 40, last].includes(i))].join('\n'));
    const whole = createPreprocessor(schema, planColumns(kept.header, schema)).encodeBatch(kept.rows);
    expect(Float32Array.from(got.x)).toEqual(whole.x);
    expect(got.labels).toHaveLength(body.length - 5);
  });

  it('passes a reading error on to the evaluation', async () => {
    const { source } = sourceOf(new TextEncoder().encode(CSV.trim() + '\n1,"2\n'));
    await expect(drain(connected(source).read(dataset, request()))).rejects.toThrow(/Check the quotes/);
  });
});

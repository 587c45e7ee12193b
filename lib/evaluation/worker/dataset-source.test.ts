import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { parseCsv } from '@/lib/datasets/csv';
import type { CsvSink } from './csv-stream';
import { datasetSource, digestCheck, streamDataset, type DatasetSource, type ExpectedDigest } from './dataset-source';

const CSV = 'age,city,label\n31,Zürich,yes\n\n47,"São Paulo, BR",no\n29,Łódź,yes\n';
const BYTES = new TextEncoder().encode(CSV);
const SHA = createHash('sha256').update(BYTES).digest('hex');

/** The bytes in uneven chunks (cutting multi-byte characters and rows), and whether the reader cancelled. */
function chunked(bytes: Uint8Array, size: number) {
  const state = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(state.pulled, state.pulled + size));
      state.pulled += size;
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

function source(stream: ReadableStream<Uint8Array>, expectedSha256: string | null = null): DatasetSource {
  return { name: 'people.csv', expectedSha256, open: async () => ({ stream, totalBytes: BYTES.length }) };
}

function collector(stopAfterRows = Infinity) {
  const out = { header: [] as string[], rows: [] as string[][], totalBytes: null as number | null };
  const sink = (totalBytes: number | null): CsvSink => {
    out.totalBytes = totalBytes;
    return {
      header: (names) => void (out.header = names),
      rows: async (block) => {
        for (let r = 0; r < block.count; r++) out.rows.push(block.fields(r));
      },
      ragged: (_index, fields) => void out.rows.push(fields),
      progress: () => undefined,
      stop: () => out.rows.length >= stopAfterRows,
    };
  };
  return { out, sink };
}

/**
 * The read as the evaluation composes it: the parse worker streams the bytes, the evaluation
 * worker hashes the same chunks and checks the digest once the read is done.
 */
async function readDataset(s: DatasetSource, sink: (totalBytes: number | null) => CsvSink, expected: ExpectedDigest | null) {
  const check = await digestCheck(s, expected);
  const read = await streamDataset(s, sink, check.update);
  return { ...read, sha256: read.status === 'stopped' ? null : check.finish() };
}

describe('streaming a dataset and checking its digest', () => {
  it.each([1, 3, 7, 64])('hashes exactly the bytes it parses, in one pass (%i-byte chunks)', async (size) => {
    const { stream } = chunked(BYTES, size);
    const { out, sink } = collector();
    const read = await readDataset(source(stream), sink, null);
    expect(read).toEqual({ status: 'done', bytesRead: BYTES.length, sha256: SHA });
    const expected = parseCsv(CSV);
    expect(out.header).toEqual(expected.header);
    expect(out.rows).toEqual(expected.rows);
    expect(out.totalBytes).toBe(BYTES.length);
  });

  it('accepts bytes that match the recorded digest, and refuses (throws) when one byte differs', async () => {
    await expect(readDataset(source(chunked(BYTES, 5).stream), collector().sink, { sha256: SHA, recorded: true })).resolves.toMatchObject({ sha256: SHA });
    const tampered = BYTES.slice();
    tampered[6] = '4'.charCodeAt(0); // 31 -> 41: still a valid CSV
    await expect(readDataset(source(chunked(tampered, 5).stream), collector().sink, { sha256: SHA, recorded: true })).rejects.toThrow(
      /does not match its recorded SHA-256 \(expected [0-9a-f]{64}, read [0-9a-f]{64}\), so its metrics were discarded/,
    );
    await expect(readDataset(source(chunked(tampered, 5).stream), collector().sink, { sha256: SHA, recorded: false })).rejects.toThrow(/changed between the two runs/);
  });

  it('stops early without a digest and cancels the underlying stream (a download stops too)', async () => {
    const big = new TextEncoder().encode(`x,y\n${'1,2\n'.repeat(10_000)}`);
    const { stream, state } = chunked(big, 400);
    const { out, sink } = collector(150);
    const read = await readDataset(source(stream), sink, { sha256: SHA, recorded: true });
    expect(read.status).toBe('stopped');
    expect(read.sha256).toBeNull();
    expect(out.rows.length).toBeLessThan(300);
    await vi.waitFor(() => expect(state.cancelled).toBe(true)); // the cancel travels down the pipe asynchronously
    expect(state.pulled).toBeLessThan(big.length / 10);
  });
});

describe('datasetSource', () => {
  it('streams a server dataset from its URL with the session cookie, sized by its recorded bytes', async () => {
    const fetcher = vi.fn(async () => new Response(BYTES, { headers: { 'content-length': '999' } }));
    const s = datasetSource({ url: '/api/v1/datasets/d1', sha256: SHA.toUpperCase(), name: 'people.csv', bytes: BYTES.length }, fetcher);
    expect(s.expectedSha256).toBe(SHA);
    const { out, sink } = collector();
    await expect(readDataset(s, sink, { sha256: SHA, recorded: true })).resolves.toMatchObject({ status: 'done', sha256: SHA });
    expect(fetcher).toHaveBeenCalledWith('/api/v1/datasets/d1', { credentials: 'same-origin' });
    expect(out.totalBytes).toBe(BYTES.length);
  });

  it('falls back to content-length, ignores it for a compressed response, and names a failed download', async () => {
    const open = (headers: Record<string, string>, status = 200) =>
      datasetSource({ url: '/d', sha256: SHA, name: 'people.csv', bytes: null }, async () => new Response(status === 200 ? BYTES : null, { status, headers })).open();
    expect((await open({ 'content-length': String(BYTES.length) })).totalBytes).toBe(BYTES.length);
    expect((await open({ 'content-length': '12', 'content-encoding': 'gzip' })).totalBytes).toBeNull();
    await expect(open({}, 403)).rejects.toThrow('Downloading the dataset “people.csv” failed (HTTP 403).');
  });

  it('reads a local file with nothing to check it against', async () => {
    const s = datasetSource({ file: new File([BYTES], 'local.csv') });
    expect(s).toMatchObject({ name: 'local.csv', expectedSha256: null });
    await expect(readDataset(s, collector().sink, null)).resolves.toEqual({ status: 'done', bytesRead: BYTES.length, sha256: SHA });
  });
});

// Where the evaluation reads a dataset's bytes: a local File, or a server dataset streamed from its
// authenticated URL (response.body, never buffered whole). Each read opens the source anew, parses
// it and hashes the same chunks, so a dataset is read once per model in constant memory.
import { streamCsv, type CsvSink, type CsvStreamResult } from './csv-stream';
import { createStreamingSha256 } from './digest';
import type { StartMessage } from './protocol';

export type DatasetSource = {
  name: string;
  /** The server's recorded SHA-256 the bytes must match; null for a local file (nothing to check against). */
  expectedSha256: string | null;
  open(): Promise<{ stream: ReadableStream<Uint8Array>; totalBytes: number | null }>;
};

export function datasetSource(dataset: StartMessage['dataset'], fetcher: typeof fetch = (...args) => fetch(...args)): DatasetSource {
  if ('file' in dataset) {
    const { file } = dataset;
    return { name: file.name, expectedSha256: null, open: async () => ({ stream: file.stream(), totalBytes: file.size }) };
  }
  const { url, sha256, name, bytes } = dataset;
  return {
    name,
    expectedSha256: sha256.toLowerCase(),
    async open() {
      const response = await fetcher(url, { credentials: 'same-origin' });
      if (!response.ok) throw new Error(`Downloading the dataset “${name}” failed (HTTP ${response.status}).`);
      if (!response.body) throw new Error(`The server sent no data for the dataset “${name}”.`);
      // The recorded size first: a compressed response's content-length counts other bytes.
      const length = response.headers.get('content-encoding') ? null : response.headers.get('content-length');
      return { stream: response.body, totalBytes: bytes ?? (length === null ? null : Number(length)) };
    },
  };
}

/** The digest the bytes must have: the server's record, or (recorded: false) what an earlier read of the same source saw. */
export type ExpectedDigest = { sha256: string; recorded: boolean };

/** Opens the source and streams it through `sink` (built once its size is known), showing every chunk to `onBytes` as read. */
export async function streamDataset(source: DatasetSource, sink: (totalBytes: number | null) => CsvSink, onBytes: (chunk: Uint8Array) => void): Promise<CsvStreamResult> {
  const { stream, totalBytes } = await source.open();
  return streamCsv(stream, sink(totalBytes), onBytes);
}

/**
 * The SHA-256 of a source's bytes as they are read, checked against `expected`: `finish` throws
 * when they do not match, so the caller refuses the results computed from them.
 */
export async function digestCheck(source: Pick<DatasetSource, 'name'>, expected: ExpectedDigest | null) {
  const digest = await createStreamingSha256();
  return {
    update: (chunk: Uint8Array) => digest.update(chunk),
    finish(): string {
      const sha256 = digest.hex();
      if (expected && sha256 !== expected.sha256) {
        throw new Error(
          expected.recorded
            ? `The dataset “${source.name}” does not match its recorded SHA-256 (expected ${expected.sha256}, read ${sha256}), so its metrics were discarded. It changed on the server or on the way; run it again, or ask an admin to check the stored file.`
            : `The dataset “${source.name}” changed between the two runs (SHA-256 ${expected.sha256}, then ${sha256}), so the comparison was discarded.`,
        );
      }
      return sha256;
    },
  };
}

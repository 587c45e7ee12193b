// Streams CSV bytes (a local File, or a server dataset's response body) as rows without ever
// holding the whole text: bytes -> TextDecoderStream (UTF-8 safe across chunk edges) -> Papa's
// low-level parser, which hands back complete rows and where the unfinished one starts. Awaiting
// the consumer between chunks is the backpressure. Every byte chunk is also shown to `onBytes`
// before it is decoded, so a digest can be computed in the same single pass. Rows follow
// lib/datasets/csv's rules (delimiter ',', blank and whitespace-only lines skipped, header
// trimmed), so row indexes match the server's.
import Papa from 'papaparse';

export type CsvSink = {
  header(names: string[]): Promise<void> | void;
  /** Data rows in file order; `firstIndex` is the 0-based data-row index of rows[0]. */
  rows(rows: string[][], firstIndex: number): Promise<void>;
  progress(bytesRead: number): void;
  /** True to stop reading early (the header did not fit, or enough rows were read). */
  stop(): boolean;
};

export type CsvStreamResult = { status: 'done' | 'stopped'; bytesRead: number };

/** The line ending outside quotes in the first chunk, as Papa's own guess does. */
function guessNewline(text: string): '\n' | '\r' | '\r\n' {
  const unquoted = text.replace(/"[^"]*"/g, '');
  const r = unquoted.indexOf('\r');
  if (r < 0) return '\n';
  return unquoted[r + 1] === '\n' ? '\r\n' : '\r';
}

const isBlank = (fields: string[]) => fields.length === 1 && (fields[0] ?? '').trim() === '';

export async function streamCsv(input: Blob | ReadableStream<Uint8Array>, sink: CsvSink, onBytes?: (chunk: Uint8Array) => void): Promise<CsvStreamResult> {
  let bytesRead = 0;
  const source = input instanceof ReadableStream ? input : input.stream();
  const counted = (source as ReadableStream<Uint8Array<ArrayBuffer>>).pipeThrough(
    new TransformStream<Uint8Array<ArrayBuffer>, Uint8Array<ArrayBuffer>>({
      transform(chunk, controller) {
        bytesRead += chunk.byteLength;
        onBytes?.(chunk);
        controller.enqueue(chunk);
      },
    }),
  );
  const stopped = (): CsvStreamResult => ({ status: 'stopped', bytesRead });
  const reader = counted.pipeThrough(new TextDecoderStream()).getReader();
  let parser: Papa.Parser | null = null;
  let header: string[] | null = null;
  let partial = '';
  let dataIndex = 0;

  try {
    for (;;) {
      if (sink.stop()) return stopped();
      const { value, done } = await reader.read();
      const text = partial + (value ?? '');
      parser ??= text.length > 0 ? new Papa.Parser({ delimiter: ',', newline: guessNewline(text) }) : null;
      if (!parser) {
        if (done) break;
        continue;
      }
      const result = parser.parse(text, 0, !done) as Papa.ParseResult<string[]>;
      const error = result.errors[0];
      if (error) throw new Error(`Around data row ${dataIndex + 1}: ${error.message}. Check the quotes on that line.`);
      partial = done ? '' : text.slice(result.meta.cursor);
      const rows: string[][] = [];
      for (const fields of result.data) {
        if (isBlank(fields)) continue;
        if (header === null) {
          header = fields.map((f) => f.trim());
          await sink.header(header);
          if (sink.stop()) return stopped();
          continue;
        }
        if (fields.length !== header.length) {
          throw new Error(
            `Data row ${dataIndex + rows.length + 1} has ${fields.length} fields but the header has ${header.length}. Check for a missing or extra comma, or an unquoted comma inside a value.`,
          );
        }
        rows.push(fields);
      }
      if (rows.length > 0) {
        await sink.rows(rows, dataIndex);
        dataIndex += rows.length;
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

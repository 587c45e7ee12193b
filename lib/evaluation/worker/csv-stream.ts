// Streams a CSV Blob (a local File, or the fetched reference dataset) as rows without ever holding
// the whole text: bytes -> TextDecoderStream (UTF-8 safe across chunk edges) -> Papa's low-level
// parser, which hands back complete rows and where the unfinished one starts. Awaiting the
// consumer between chunks is the backpressure. Rows follow lib/datasets/csv's rules (delimiter
// ',', blank and whitespace-only lines skipped, header trimmed), so row indexes match the server's.
import Papa from 'papaparse';

export type CsvSink = {
  header(names: string[]): Promise<void> | void;
  /** Data rows in file order; `firstIndex` is the 0-based data-row index of rows[0]. */
  rows(rows: string[][], firstIndex: number): Promise<void>;
  progress(bytesRead: number): void;
  cancelled(): boolean;
};

/** The line ending outside quotes in the first chunk, as Papa's own guess does. */
function guessNewline(text: string): '\n' | '\r' | '\r\n' {
  const unquoted = text.replace(/"[^"]*"/g, '');
  const r = unquoted.indexOf('\r');
  if (r < 0) return '\n';
  return unquoted[r + 1] === '\n' ? '\r\n' : '\r';
}

const isBlank = (fields: string[]) => fields.length === 1 && (fields[0] ?? '').trim() === '';

export async function streamCsv(blob: Blob, sink: CsvSink): Promise<'done' | 'cancelled'> {
  let bytesRead = 0;
  const counted = (blob.stream() as ReadableStream<Uint8Array<ArrayBuffer>>).pipeThrough(
    new TransformStream<Uint8Array<ArrayBuffer>, Uint8Array<ArrayBuffer>>({
      transform(chunk, controller) {
        bytesRead += chunk.byteLength;
        controller.enqueue(chunk);
      },
    }),
  );
  const reader = counted.pipeThrough(new TextDecoderStream()).getReader();
  let parser: Papa.Parser | null = null;
  let header: string[] | null = null;
  let partial = '';
  let dataIndex = 0;

  try {
    for (;;) {
      if (sink.cancelled()) return 'cancelled';
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
          if (sink.cancelled()) return 'cancelled';
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
  return 'done';
}

// The first rows of a dataset, read with the evaluation's own streaming parser (so they are split
// exactly as the run will split them) and then the read is stopped: a large file or a server
// download is never read past what the pre-run scan needs.
import { streamCsv } from './worker/csv-stream';
import { SCAN_ROWS } from './scan';

export type DatasetPreview = {
  header: string[];
  /** The first data rows in order, each with its own fields: a ragged row has more or fewer than the header. */
  rows: string[][];
  /** True when the file has no rows beyond these. */
  complete: boolean;
};

export async function readFirstRows(input: Blob | ReadableStream<Uint8Array>, maxRows = SCAN_ROWS): Promise<DatasetPreview> {
  let header: string[] = [];
  const rows: string[][] = [];
  const read = await streamCsv(input, {
    header: (names) => void (header = names),
    rows: async (block) => {
      for (let r = 0; r < block.count && rows.length < maxRows; r++) rows.push(block.fields(r));
    },
    ragged: (_index, fields) => {
      if (rows.length < maxRows) rows.push(fields);
    },
    progress: () => undefined,
    stop: () => rows.length >= maxRows,
  });
  return { header, rows, complete: read.status === 'done' };
}

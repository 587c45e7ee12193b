// streamCsv splits quote-free lines on their bytes; these tests hold it to Papa over the decoded
// text (the way it read files before), on random files full of the cases that could tell them apart.
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { RowBlock } from '@/lib/evaluation/row-block';
import { streamCsv, type CsvSink } from './csv-stream';

function chunks(bytes: Uint8Array, sizes: () => number) {
  let at = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      const n = sizes();
      controller.enqueue(bytes.slice(at, at + n));
      at += n;
    },
  });
}

/** rows: every data row in order, ragged ones included; ragged: the data-row indexes of those. */
type Read = { header: string[] | null; rows: string[][]; ragged: number[]; error: string | null };

async function viaBlocks(stream: ReadableStream<Uint8Array>): Promise<Read> {
  const out: Read = { header: null, rows: [], ragged: [], error: null };
  const sink: CsvSink = {
    header: (names) => void (out.header = names),
    rows: async (block: RowBlock, firstIndex) => {
      expect(firstIndex).toBe(out.rows.length);
      for (let r = 0; r < block.count; r++) {
        // A block holds rows of the header's width only.
        expect(block.fields(r)).toHaveLength(out.header?.length ?? -1);
        out.rows.push(block.fields(r));
      }
    },
    ragged: (index, fields) => {
      expect(index).toBe(out.rows.length);
      expect(fields).not.toHaveLength(out.header?.length ?? -1);
      out.ragged.push(index);
      out.rows.push(fields);
    },
    progress: () => undefined,
    stop: () => false,
  };
  await streamCsv(stream, sink).catch((e: Error) => (out.error = e.message));
  return out;
}

/** Papa over the decoded text: lib/datasets/csv's rules (blank lines skipped, header trimmed), and a row of another width is ragged. */
function viaPapa(text: string, newline: '\n' | '\r' | '\r\n'): Read {
  const out: Read = { header: null, rows: [], ragged: [], error: null };
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const result = Papa.parse<string[]>(body, { delimiter: ',', newline });
  for (const fields of result.data) {
    if (fields.length === 1 && (fields[0] ?? '').trim() === '') continue;
    if (out.header === null) out.header = fields.map((f) => f.trim());
    else {
      if (fields.length !== out.header.length) out.ragged.push(out.rows.length);
      out.rows.push(fields);
    }
  }
  if (result.errors[0] && !out.error) out.error = 'papa';
  return out;
}

function seeded(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

describe('streamCsv', () => {
  it('reads rows exactly as Papa splits the decoded text, whatever the chunking', async () => {
    const random = seeded(7);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    const plainBits = ['12', '-3.5', ' 7 ', '', 'NA', '?', 'yes', 'no', 'red', ' padded ', '0.39', 'x y'];
    const oddBits = ['Zürich', 'Łódź', '日本', '\t4\t', '\u00a0', '\ufeff', 'é'];
    for (let file = 0; file < 300; file++) {
      const newline = pick(['\n', '\r\n', '\r'] as const);
      const width = 1 + Math.floor(random() * 4);
      const quoted = random() < 0.3;
      const field = () => {
        const r = random();
        if (quoted && r < 0.1) return `"${pick(['a,b', 'say ""hi""', `two${newline}lines`, ''])}"`;
        if (r < 0.2) return pick(oddBits);
        // A line ending other than the file's own is part of a field (Papa splits on the guessed one only).
        if (r < 0.25 && newline !== '\r') return pick(['a\rb', newline === '\r\n' ? 'c\nd' : 'c\re']);
        return pick(plainBits);
      };
      const lines: string[] = [Array.from({ length: width }, (_, i) => `col${i}`).join(',')];
      const rows = Math.floor(random() * 60);
      for (let r = 0; r < rows; r++) {
        const kind = random();
        if (kind < 0.05) lines.push('');
        else if (kind < 0.08) lines.push(pick(['   ', ' \t ', '\u00a0']));
        else if (kind < 0.1 && file % 5 === 0) lines.push(Array.from({ length: width + 1 }, field).join(',')); // a field too many
        else if (kind < 0.12 && file % 5 === 1 && width > 1) lines.push(Array.from({ length: width - 1 }, field).join(',')); // a field too few
        else lines.push(Array.from({ length: width }, field).join(','));
      }
      let text = lines.join(newline) + (random() < 0.5 ? newline : '');
      if (random() < 0.1) text = `\ufeff${text}`;
      const bytes = new TextEncoder().encode(text);
      // The reader guesses the line ending from its first stretch with one: here the header line, as
      // the first chunk of a real file (64 KiB) holds it.
      const headerEnd = new TextEncoder().encode(text.slice(0, text.indexOf(newline) + newline.length)).length;
      let firstChunk = true;
      const sizes = () => (firstChunk ? ((firstChunk = false), Math.max(headerEnd, 1)) : 1 + Math.floor(random() * pick([3, 17, 200, 5000])));
      const expected = viaPapa(text, newline);
      const actual = await viaBlocks(chunks(bytes, sizes));
      if (expected.error === 'papa') expect(actual.error, text).toMatch(/Check the quotes/);
      else expect(actual, JSON.stringify(text)).toEqual(expected);
    }
  });

  it('keeps invalid UTF-8 as the replacement character, as TextDecoder does', async () => {
    const bytes = Uint8Array.from([...new TextEncoder().encode('a,b\n1,'), 0xff, 0xc3, ...new TextEncoder().encode('\n2,ok\n')]);
    const expected = new TextDecoder().decode(bytes).split('\n').filter(Boolean).slice(1).map((l) => l.split(','));
    for (const size of [1, 2, 5, 100]) {
      const read = await viaBlocks(chunks(bytes, () => size));
      expect(read.rows).toEqual(expected);
    }
  });

  // Hand-written files: each ragged row keeps its data-row index and is handed over with its own
  // fields, and the rows after it go on counting from there, on the byte path and the quoted path.
  const RAGGED: { name: string; text: string; rows: string[][]; ragged: number[] }[] = [
    { name: 'a short row in the middle', text: 'a,b,c\n1,2,3\n4,5\n6,7,8\n', rows: [['1', '2', '3'], ['4', '5'], ['6', '7', '8']], ragged: [1] },
    { name: 'a long row in the middle', text: 'a,b,c\n1,2,3\n4,5,6,7\n8,9,0\n', rows: [['1', '2', '3'], ['4', '5', '6', '7'], ['8', '9', '0']], ragged: [1] },
    { name: 'the first row short, the last long (no final line ending)', text: 'a,b\nx\n1,2\n3,4,\n', rows: [['x'], ['1', '2'], ['3', '4', '']], ragged: [0, 2] },
    { name: 'the last row short with no line ending', text: 'a,b,c\n1,2,3\n4,5', rows: [['1', '2', '3'], ['4', '5']], ragged: [1] },
    { name: 'CRLF, a short and a long row, blank lines around them', text: 'a,b,c\r\n1,2,3\r\n\r\n4,5\r\n   \r\n6,7,8,9\r\n0,1,2\r\n', rows: [['1', '2', '3'], ['4', '5'], ['6', '7', '8', '9'], ['0', '1', '2']], ragged: [1, 2] },
    { name: 'CR line endings', text: 'a,b\r1,2\r3\r4,5\r', rows: [['1', '2'], ['3'], ['4', '5']], ragged: [1] },
    { name: 'every row ragged', text: 'a,b,c\n1\n2,3,4,5\n', rows: [['1'], ['2', '3', '4', '5']], ragged: [0, 1] },
    { name: 'non-ASCII in a ragged row', text: 'a,b,c\n1,2,3\nZürich,日本\n4,5,6\n', rows: [['1', '2', '3'], ['Zürich', '日本'], ['4', '5', '6']], ragged: [1] },
  ];
  // The same file with every (one-digit) number quoted: every stretch is read through Papa.
  const QUOTED = (text: string) => text.replace(/\d/g, '"$&"');

  it.each(RAGGED)('hands over a ragged row and reads on: $name', async ({ text, rows, ragged }) => {
    for (const variant of [text, QUOTED(text)]) {
      const bytes = new TextEncoder().encode(variant);
      // The first chunk holds the header line and its ending, from which the line ending is guessed (as a real 64 KiB chunk does).
      const headerEnd = /\r\n|\r|\n/.exec(variant)!;
      for (const size of [1, 3, 7, 64, 100_000]) {
        let first = true;
        const read = await viaBlocks(chunks(bytes, () => (first ? ((first = false), headerEnd.index + headerEnd[0].length) : size)));
        expect({ rows: read.rows, ragged: read.ragged, error: read.error }, `${JSON.stringify(variant)} in chunks of ${size}`).toEqual({ rows, ragged, error: null });
      }
    }
  });

  it('numbers the rows after a ragged row from it, deep into a file', async () => {
    const bytes = new TextEncoder().encode(`a,b\n${'1,2\n'.repeat(5000)}1,2,3\n${'4,5\n'.repeat(10)}6\n`);
    const read = await viaBlocks(chunks(bytes, () => 999));
    expect(read.ragged).toEqual([5000, 5011]);
    expect(read.rows).toHaveLength(5012);
    expect(read.rows[5001]).toEqual(['4', '5']);
  });

  it('says that an empty file has no header', async () => {
    expect((await viaBlocks(chunks(new TextEncoder().encode('\n  \n'), () => 2))).error).toBe('The file is empty: it has no header line naming the columns.');
  });
});

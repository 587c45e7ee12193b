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

type Read = { header: string[] | null; rows: string[][]; firstIndexes: number[]; error: string | null };

async function viaBlocks(stream: ReadableStream<Uint8Array>): Promise<Read> {
  const out: Read = { header: null, rows: [], firstIndexes: [], error: null };
  const sink: CsvSink = {
    header: (names) => void (out.header = names),
    rows: async (block: RowBlock, firstIndex) => {
      expect(firstIndex).toBe(out.rows.length);
      for (let r = 0; r < block.count; r++) out.rows.push(block.fields(r));
    },
    progress: () => undefined,
    stop: () => false,
  };
  await streamCsv(stream, sink).catch((e: Error) => (out.error = e.message));
  return out;
}

/** Papa over the decoded text: lib/datasets/csv's rules (blank lines skipped, header trimmed). */
function viaPapa(text: string, newline: '\n' | '\r' | '\r\n'): Read {
  const out: Read = { header: null, rows: [], firstIndexes: [], error: null };
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const result = Papa.parse<string[]>(body, { delimiter: ',', newline });
  for (const fields of result.data) {
    if (fields.length === 1 && (fields[0] ?? '').trim() === '') continue;
    if (out.header === null) out.header = fields.map((f) => f.trim());
    else if (fields.length !== out.header.length) {
      out.error = `Data row ${out.rows.length + 1} has ${fields.length} fields but the header has ${out.header.length}. Check for a missing or extra comma, or an unquoted comma inside a value.`;
      break;
    } else out.rows.push(fields);
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
        else if (kind < 0.1 && file % 10 === 0) lines.push(Array.from({ length: width + 1 }, field).join(',')); // a field too many
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
      else if (expected.error) {
        // The run stops at the bad row; the rows before it in the same chunk are not handed over.
        expect(actual.error, text).toBe(expected.error);
        expect(expected.rows.slice(0, actual.rows.length)).toEqual(actual.rows);
      } else {
        expect({ header: actual.header, rows: actual.rows, error: actual.error }, JSON.stringify(text)).toEqual({
          header: expected.header,
          rows: expected.rows,
          error: expected.error,
        });
      }
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

  it('says which row has the wrong number of fields, and that an empty file has no header', async () => {
    const bytes = new TextEncoder().encode(`a,b\n${'1,2\n'.repeat(5000)}1,2,3\n`);
    expect((await viaBlocks(chunks(bytes, () => 999))).error).toBe(
      'Data row 5001 has 3 fields but the header has 2. Check for a missing or extra comma, or an unquoted comma inside a value.',
    );
    expect((await viaBlocks(chunks(new TextEncoder().encode('\n  \n'), () => 2))).error).toBe('The file is empty: it has no header line naming the columns.');
  });
});

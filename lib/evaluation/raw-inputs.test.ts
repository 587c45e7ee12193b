// Raw values for an ONNX graph with one named input per feature, read by the evaluation's parse
// worker end (over a real MessageChannel, as between browser workers) from a hand-written file:
// numbers as they are (NaN when missing for a float input, the row dropped for an int64 one),
// categories as their text ("" when missing), and the tensors each input is fed.
import { afterEach, describe, expect, it } from 'vitest';
import type { RawFeatureInputs } from '@/lib/validation/artifact-info';
import { rawFeeds } from './raw-inputs';
import type { ReadSummary } from './worker/batch-reader';
import type { DatasetSource } from './worker/dataset-source';
import { batchClient, serveBatches, type Port } from './worker/parse-channel';

const RAW: RawFeatureInputs = [
  { feature: 'age', input: 'age_in', elemType: 'float32', rank: 2 },
  { feature: 'region', input: 'region', elemType: 'string', rank: 2 },
  { feature: 'late', input: 'late', elemType: 'int64', rank: 1 },
  { feature: 'income', input: 'income', elemType: 'float64' }, // recorded before ranks were: [N, 1]
];
const schema = {
  inputSchema: {
    features: [
      { name: 'age', type: 'numeric' as const, min: 18, max: 100, allowMissing: false },
      { name: 'income', type: 'numeric' as const, allowMissing: true },
      { name: 'late', type: 'numeric' as const, allowMissing: false },
      { name: 'region', type: 'categorical' as const, categories: ['north', 'south'], allowMissing: false },
      { name: 'unused', type: 'numeric' as const, allowMissing: false },
    ],
  },
  outputSchema: { target: 'defaulted', classLabels: ['no', 'yes'], positiveClass: 'yes' },
  preprocessing: null,
  rawInputs: RAW,
};
const CSV = [
  'defaulted,region,income,age,late',
  'yes,north,52000,30,0',
  'no, south,,45,2', // income missing -> NaN; " south" read as south
  'no,east,61000.5,120,1', // unknown category, age out of range: kept as they are
  'yes,north,40000,33,', // late missing: an int64 input has no NaN, so the row is dropped
  'no,,abc,50,3', // region missing -> "", income not a number -> NaN
  'maybe,north,1,1,1', // unknown label: dropped before encoding
].join('\n');

const channels: MessageChannel[] = [];
afterEach(() => {
  for (const c of channels.splice(0)) (c.port1.close(), c.port2.close());
});

function read(csv: string) {
  const bytes = new TextEncoder().encode(csv);
  const source: DatasetSource = {
    name: 'raw.csv',
    expectedSha256: null,
    open: async () => ({ stream: new Blob([bytes]).stream(), totalBytes: bytes.length }),
  };
  const channel = new MessageChannel();
  channels.push(channel);
  serveBatches(channel.port2 as unknown as Port, () => source);
  return batchClient(channel.port1 as unknown as Port).read({ url: '/unused', sha256: '', name: 'raw.csv', bytes: null }, { schema, taskType: 'binary_classification', mapping: {}, sliceBy: null, batchSize: 2 });
}

describe('raw-feature inputs', () => {
  it('reads each mapped feature’s raw value, numbers in x and categories as text, batch by batch', async () => {
    const reading = read(CSV);
    const x: number[] = [];
    const text: string[] = [];
    const labels: number[] = [];
    let outcome: ReadSummary | null = null;
    for (;;) {
      const e = await reading.next();
      if (e.type === 'batch') {
        expect(e.batch.width).toBe(3); // age, late, income: the numeric inputs in mapping order
        expect(e.batch.text).toHaveLength(e.batch.rows);
        x.push(...e.batch.x.subarray(0, e.batch.rows * 3));
        text.push(...(e.batch.text ?? []));
        labels.push(...e.batch.labels.subarray(0, e.batch.rows));
        reading.free({ x: e.batch.x, labels: e.batch.labels });
      } else if (e.type === 'end') {
        outcome = e.outcome as ReadSummary;
        break;
      }
    }
    expect(x).toEqual([30, 0, 52000, 45, 2, Number.NaN, 120, 1, 61000.5, 50, 3, Number.NaN]);
    expect(text).toEqual(['north', 'south', 'east', '']);
    expect(labels).toEqual([1, 0, 0, 0]);
    expect(outcome).toMatchObject({ dropped: [3, 5], droppedCount: 2, unknownLabels: 1, rowCount: 6 });
    expect(outcome?.issues.features).toMatchObject({
      income: { missing: 1, nonNumeric: 1, dropped: 0 },
      late: { missing: 1, dropped: 1 },
      age: { outOfRange: 1 },
      region: { missing: 1, unknown: { east: 1 } },
    });
    expect(outcome?.issues.features).not.toHaveProperty('unused');
  });

  it('feeds one tensor per graph input, of its type and declared rank', () => {
    const x = Float32Array.from([30, 0, 52000, 45, 2, Number.NaN]);
    const feeds = rawFeeds(RAW, x, 2, ['north', 'south']);
    expect(feeds.map((f) => [f.input, f.type, f.dims])).toEqual([
      ['age_in', 'float32', [2, 1]],
      ['region', 'string', [2, 1]],
      ['late', 'int64', [2]],
      ['income', 'float64', [2, 1]],
    ]);
    expect(Array.from(feeds[0]!.data as Float32Array)).toEqual([30, 45]);
    expect(feeds[1]!.data).toEqual(['north', 'south']);
    expect(Array.from(feeds[2]!.data as BigInt64Array)).toEqual([0n, 2n]);
    expect(Array.from(feeds[3]!.data as Float64Array)).toEqual([52000, Number.NaN]);
  });
});

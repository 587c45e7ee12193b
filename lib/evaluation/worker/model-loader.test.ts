// The verified model loader on TF.js's CPU backend: a batch is predicted in one pass (not in
// LayersModel.predict's default slices of 32 rows) with the same output bits, and a file whose
// digest does not match is never run.
import { createHash } from 'node:crypto';
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseCsv } from '@/lib/datasets/csv';
import { planColumns } from '@/lib/evaluation/plan';
import { createPreprocessor } from '@/lib/evaluation/preprocess';
import { loadDemoCatalog } from '@/scripts/demo/load';
import { loadVerifiedModel } from './model-loader';

const bits = (x: Float32Array) => Array.from(new Uint32Array(x.buffer, x.byteOffset, x.length));

describe('loadVerifiedModel', async () => {
  const catalog = await loadDemoCatalog();
  const v = catalog.find((m) => m.name === 'Credit default risk')?.versions.find((x) => x.version === 3);
  if (!v) throw new Error('the demo catalog has no Credit default risk v3');
  const files = v.files.map((f) => ({ name: f.name, url: `/files/${f.name}`, sha256: createHash('sha256').update(f.bytes).digest('hex') }));
  const served = (tamper = false) =>
    vi.fn(async (url: string) => {
      const bytes = v.files.find((f) => `/files/${f.name}` === url)?.bytes.slice();
      if (!bytes) return new Response(null, { status: 404 });
      if (tamper && url.endsWith('.bin')) bytes[0] = (bytes[0] ?? 0) ^ 0xff;
      return new Response(bytes);
    });

  beforeAll(async () => {
    await tf.setBackend('cpu');
    await tf.ready();
  });
  afterEach(() => (vi.unstubAllGlobals(), vi.restoreAllMocks()));

  it('predicts a whole batch at once, bit for bit as in slices of 32 rows', async () => {
    vi.stubGlobal('fetch', served());
    const model = await loadVerifiedModel(files, () => undefined);
    const { header, rows } = parseCsv(v.referenceCsv);
    const pre = createPreprocessor(v, planColumns(header, v));
    const { x, rows: n } = pre.encodeBatch(rows);
    expect(n).toBeGreaterThan(1000);

    const input = tf.tensor2d(x, [n, pre.width]);
    const predict = vi.spyOn(tf.LayersModel.prototype, 'predict');
    const whole = model.predict(input);
    expect(predict).toHaveBeenCalledWith(input, { batchSize: n });
    predict.mockRestore();
    const sliced: number[] = [];
    for (let at = 0; at < n; at += 32) {
      const part = tf.tensor2d(x.subarray(at * pre.width, Math.min(n, at + 32) * pre.width), [Math.min(32, n - at), pre.width]);
      const out = model.predict(part);
      sliced.push(...bits((await out.data()) as Float32Array));
      tf.dispose([part, out]);
    }
    expect(bits((await whole.data()) as Float32Array)).toEqual(sliced);
    tf.dispose([input, whole]);
    model.dispose();
  });

  it('refuses a weight file whose SHA-256 differs from the registered one', async () => {
    vi.stubGlobal('fetch', served(true));
    await expect(loadVerifiedModel(files, () => undefined)).rejects.toThrow(/group1-shard1of1\.bin.*does not match its registered SHA-256/);
  });
});

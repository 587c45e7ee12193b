// The module must reproduce training preprocessing: for every committed demo version, encoding its
// reference CSV gives the same Float32 bits as the demo's own applySpec (what trained the model,
// and what `npm run demo:verify` shows reproduces the recorded metrics).
import { describe, expect, it } from 'vitest';
import { isMissing, parseCsv, parseNumber } from '@/lib/datasets/csv';
import type { Row } from '@/scripts/demo/datasets';
import { loadDemoCatalog } from '@/scripts/demo/load';
import { applySpec } from '@/scripts/demo/preprocess';
import { labelEncoder } from './labels';
import { planColumns } from './plan';
import { createPreprocessor } from './preprocess';

const bits = (x: Float32Array) => new Uint32Array(x.buffer, x.byteOffset, x.length);

describe('encoding the demo reference datasets', async () => {
  const catalog = await loadDemoCatalog();
  const versions = catalog.flatMap((m) => m.versions.map((v) => ({ model: m, v })));

  it('covers the whole catalog', () => expect(versions.length).toBeGreaterThanOrEqual(7));

  it.each(versions.map(({ model, v }) => [`${model.name} v${v.version}`, model, v] as const))('%s matches the demo bit for bit', (_, model, v) => {
    const { header, rows } = parseCsv(v.referenceCsv);
    // Rows as the demo's verify.ts builds them for applySpec.
    const types = new Map(v.inputSchema.features.map((f) => [f.name, f.type]));
    const demoRows: Row[] = rows.map((cells) =>
      Object.fromEntries(header.map((name, i) => {
        const text = cells[i] ?? '';
        return [name, isMissing(text) ? null : types.get(name) === 'numeric' ? parseNumber(text) : text];
      })),
    );
    const expected = applySpec(v.preprocessing, demoRows);

    const plan = planColumns(header, v);
    expect(plan.problems).toEqual([]);
    const pre = createPreprocessor(v, plan);
    const { x, rows: kept, dropped, labels } = pre.encodeBatch(rows);
    expect([kept, dropped, x.length]).toEqual([rows.length, 0, expected.length]);
    expect(bits(x)).toEqual(bits(expected));

    const encode = labelEncoder(v.outputSchema, model.taskType);
    expect(labels.map(encode).filter((y) => y === null)).toEqual([]);
    if (model.name === 'Credit default risk') {
      // The reference data has gaps, so the mean fill from the standardize step is exercised here.
      const stats = pre.stats();
      expect(stats.features.annual_income?.filled).toBeGreaterThan(0);
      expect(stats.features.months_employed?.filled).toBeGreaterThan(0);
    }
  });
});

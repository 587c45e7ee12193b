import { describe, expect, it } from 'vitest';
import type { InputSchema } from '@/lib/validation/catalog';
import { createRng } from '../demo/rng';
import { backoffMs, FatalError, postWithRetry, retryAfterMs } from './client';
import { LabelQueue } from './labels';
import { parseDrift, parseOptions, UsageError } from './options';
import { applyDrift, checkDrift, drawLatency, drawRow, dueEvents, jitter, phaseAt, readReference, type Row } from './traffic';

const KEY = ['--key', 'mgi_test', '--model', 'Credit default risk'];

describe('options', () => {
  it('defaults', () => {
    const o = parseOptions(KEY);
    expect(o).toMatchObject({ url: 'http://localhost:3000', key: 'mgi_test', model: 'Credit default risk', version: null, rate: 20, batch: 50, duration: null, drift: [], driftAfter: 0, latencyMs: 20, latencySpikeAfter: null, labelsAfter: null, reportEvery: 5 });
    expect(o.seed).toMatch(/^[a-z0-9]+$/);
  });

  it('reads every option, drift flags repeated', () => {
    const o = parseOptions([
      ...KEY, '--url', 'http://localhost:3155/', '--version', '2', '--rate', '5', '--batch', '25', '--duration', '90',
      '--shift', 'age=+10', '--shift', 'credit_lines=-1.5', '--scale', 'debt_to_income=1.3', '--mix', 'region=north:0.7',
      '--drift-after', '120', '--latency-ms', '35', '--latency-spike-after', '60', '--latency-spike-factor', '4', '--labels-after', '60', '--seed', 'abc', '--report-every', '30',
    ]);
    expect(o).toMatchObject({ url: 'http://localhost:3155', version: 2, rate: 5, batch: 25, duration: 90, driftAfter: 120, latencyMs: 35, latencySpikeAfter: 60, latencySpikeFactor: 4, labelsAfter: 60, seed: 'abc', reportEvery: 30 });
    expect(o.drift).toEqual([
      { kind: 'shift', feature: 'age', amount: 10 },
      { kind: 'shift', feature: 'credit_lines', amount: -1.5 },
      { kind: 'scale', feature: 'debt_to_income', factor: 1.3 },
      { kind: 'mix', feature: 'region', value: 'north', share: 0.7 },
    ]);
  });

  it('takes the key from MODELGATE_INGESTION_KEY, and --deployment instead of a key', () => {
    expect(parseOptions(['--model', 'Iris species'], { MODELGATE_INGESTION_KEY: 'mgi_env' }).key).toBe('mgi_env');
    const o = parseOptions(['--deployment', 'Credit default risk/prod-eu']);
    expect(o.deployment).toEqual({ model: 'Credit default risk', environment: 'prod-eu' });
    expect(o.key).toBeNull();
  });

  it('--help needs nothing else', () => {
    expect(parseOptions(['--help']).help).toBe(true);
    expect(parseOptions(['-h']).help).toBe(true);
  });

  it.each([
    [[], /ingestion key/],
    [['--key', 'abc', '--model', 'x'], /starts with “mgi_”/],
    [['--key', 'mgi_x'], /--model/],
    [[...KEY, '--rate', '0'], /--rate must be/],
    [[...KEY, '--rate', 'fast'], /--rate must be/],
    [[...KEY, '--batch', '1001'], /--batch must be a whole number from 1 to 1000/],
    [[...KEY, '--batch', '2.5'], /--batch/],
    [[...KEY, '--version', '0'], /--version/],
    [[...KEY, '--url', 'localhost'], /--url must be an absolute URL/],
    [[...KEY, '--drift-after', '60'], /needs something to inject/],
    [[...KEY, '--latency-spike-factor', '3'], /needs --latency-spike-after/],
    [[...KEY, '--shift', 'age'], /--shift takes <feature>=<\+x\|-x>/],
    [[...KEY, '--scale', 'age=-2'], /factor ≥ 0/],
    [[...KEY, '--mix', 'region=north'], /share between 0 and 1/],
    [[...KEY, '--mix', 'region=north:1.5'], /share between 0 and 1/],
    [[...KEY, '--deployment', 'Credit default risk'], /<model name>\/<environment>/],
    [[...KEY, '--deployment', 'Credit default risk/prod-eu'], /either --key or --deployment/],
    [[...KEY, '--speed', '3'], /Unknown option/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseOptions(argv as string[])).toThrow(UsageError);
    expect(() => parseOptions(argv as string[])).toThrow(message);
  });

  it('a mix value may contain colons; the share is after the last one', () => {
    expect(parseDrift('mix', 'channel=a:b:0.25')).toEqual({ kind: 'mix', feature: 'channel', value: 'a:b', share: 0.25 });
  });
});

const schema: InputSchema = {
  features: [
    { name: 'age', type: 'numeric', min: 18, max: 100, allowMissing: false },
    { name: 'income', type: 'numeric', min: 0, allowMissing: true },
    { name: 'region', type: 'categorical', categories: ['north', 'south', 'east'], allowMissing: false },
  ],
} as InputSchema;

const CSV = ['age,income,region,defaulted', '20,1000.5,north,no', '40,,south,yes', '60,3000.25,east,no', '80,4000,south,no'].join('\n');
const ref = readReference(CSV, schema, 'defaulted', 'binary_classification');

describe('reference and draws', () => {
  it('reads values, precision, shares and true labels', () => {
    expect(ref.rows[1]).toEqual({ age: 40, income: null, region: 'south' });
    expect(ref.labels).toEqual(['no', 'yes', 'no', 'no']);
    expect(ref.numeric.get('age')).toMatchObject({ decimals: 0, min: 18, max: 100 });
    expect(ref.numeric.get('income')?.decimals).toBe(2);
    expect(Object.fromEntries(ref.shares.get('region') ?? [])).toEqual({ north: 0.25, south: 0.5, east: 0.25 });
  });

  it('regression labels are numbers', () => {
    const r = readReference('x,y\n1,2.5\n2,\n', { features: [{ name: 'x', type: 'numeric', allowMissing: false }] } as InputSchema, 'y', 'regression');
    expect(r.labels).toEqual([2.5, null]);
  });

  it('noise is small, keeps the precision and the schema range, and leaves missing values missing', () => {
    const rng = createRng('jitter');
    for (let i = 0; i < 500; i++) {
      const row = jitter({ age: 18, income: null, region: 'north' }, ref, rng);
      expect(Number.isInteger(row.age)).toBe(true);
      expect(row.age as number).toBeGreaterThanOrEqual(18);
      expect(row.age as number).toBeLessThanOrEqual(26);
      expect(row.income).toBeNull();
      expect(row.region).toBe('north');
    }
  });

  it('a row and its label are drawn together, so labels follow the features', () => {
    const rng = createRng('draw');
    for (let i = 0; i < 200; i++) {
      const { features, label } = drawRow(ref, rng, []);
      expect(label).toBe(features.income === null ? 'yes' : 'no');
    }
  });
});

describe('drift injection', () => {
  const rng = createRng('drift');
  const row: Row = { age: 40, income: 2000, region: 'south' };

  it('shift adds, scale multiplies, missing stays missing, out of range is kept', () => {
    expect(applyDrift(row, [{ kind: 'shift', feature: 'age', amount: 10 }], ref, rng)).toEqual({ ...row, age: 50 });
    expect(applyDrift(row, [{ kind: 'shift', feature: 'age', amount: 70 }], ref, rng).age).toBe(110);
    expect(applyDrift(row, [{ kind: 'scale', feature: 'income', factor: 1.5 }], ref, rng).income).toBe(3000);
    expect(applyDrift({ ...row, income: null }, [{ kind: 'scale', feature: 'income', factor: 2 }], ref, rng).income).toBeNull();
    expect(applyDrift(row, [{ kind: 'shift', feature: 'age', amount: 0.5 }], ref, rng).age).toBe(40.5);
  });

  it('specs apply in order', () => {
    const both = applyDrift(row, [{ kind: 'shift', feature: 'age', amount: 10 }, { kind: 'scale', feature: 'age', factor: 2 }], ref, rng);
    expect(both.age).toBe(100);
  });

  it('mix gives the category its share and keeps the others in reference proportion', () => {
    const counts: Record<string, number> = {};
    const mixRng = createRng('mix');
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const drawn = drawRow(ref, mixRng, [{ kind: 'mix', feature: 'region', value: 'north', share: 0.7 }]);
      counts[drawn.features.region as string] = (counts[drawn.features.region as string] ?? 0) + 1;
    }
    expect((counts.north ?? 0) / n).toBeCloseTo(0.7, 1);
    // south:east = 0.5:0.25 in the reference, so 2:1 among the rest.
    expect((counts.south ?? 0) / (counts.east ?? 1)).toBeGreaterThan(1.8);
    expect((counts.south ?? 0) / (counts.east ?? 1)).toBeLessThan(2.2);
  });

  it('mix to a share of 0 removes the category; to an unknown value sends it', () => {
    const r = createRng('mix0');
    for (let i = 0; i < 200; i++) expect(applyDrift({ ...row, region: 'north' }, [{ kind: 'mix', feature: 'region', value: 'north', share: 0 }], ref, r).region).not.toBe('north');
    expect(applyDrift(row, [{ kind: 'mix', feature: 'region', value: 'west', share: 1 }], ref, r).region).toBe('west');
  });

  it('checks specs against the schema', () => {
    expect(checkDrift([{ kind: 'shift', feature: 'age', amount: 1 }, { kind: 'mix', feature: 'region', value: 'north', share: 0.5 }], schema)).toEqual([]);
    expect(checkDrift([{ kind: 'shift', feature: 'height', amount: 1 }], schema)[0]).toMatch(/not a feature of this version/);
    expect(checkDrift([{ kind: 'scale', feature: 'region', factor: 2 }], schema)[0]).toMatch(/use --mix/);
    expect(checkDrift([{ kind: 'mix', feature: 'age', value: '3', share: 0.5 }], schema)[0]).toMatch(/use --shift or --scale/);
  });

  it('drift and the latency spike start at their times', () => {
    const o = { drift: [{ kind: 'shift' as const, feature: 'age', amount: 1 }], driftAfter: 120, latencySpikeAfter: 60 };
    expect(phaseAt(0, o)).toEqual({ drifting: false, spiking: false });
    expect(phaseAt(60, o)).toEqual({ drifting: false, spiking: true });
    expect(phaseAt(120, o)).toEqual({ drifting: true, spiking: true });
    expect(phaseAt(1000, { drift: [], driftAfter: 0, latencySpikeAfter: null })).toEqual({ drifting: false, spiking: false });
  });

  it('latency is lognormal around the base: median near it, spikes multiply it', () => {
    const r = createRng('latency');
    const xs = Array.from({ length: 5001 }, () => drawLatency(20, 1, r)).sort((a, b) => a - b);
    expect(xs[2500]).toBeGreaterThan(19);
    expect(xs[2500]).toBeLessThan(21);
    expect(xs[0]).toBeGreaterThan(0);
    const spiked = Array.from({ length: 5001 }, () => drawLatency(20, 10, r)).sort((a, b) => a - b);
    expect(spiked[2500]).toBeGreaterThan(190);
  });
});

describe('pacing', () => {
  it('sends rate × elapsed, less what was already generated', () => {
    expect(dueEvents(0, 5, 0)).toEqual({ due: 0, skipped: 0 });
    expect(dueEvents(1000, 5, 0)).toEqual({ due: 5, skipped: 0 });
    expect(dueEvents(1500, 5, 5)).toEqual({ due: 2, skipped: 0 });
    expect(dueEvents(200, 2, 0)).toEqual({ due: 0, skipped: 0 });
  });

  it('after an outage, catches up at most maxBacklogS seconds and skips the rest', () => {
    expect(dueEvents(60_000, 5, 0, 10)).toEqual({ due: 50, skipped: 250 });
  });
});

describe('labels later', () => {
  it('become due after the delay, in send order, in batches', () => {
    const q = new LabelQueue(60_000);
    q.schedule([{ event_id: 'a', label: 'no' }, { event_id: 'b', label: 'yes' }, { event_id: 'c', label: null }], 1_000);
    q.schedule([{ event_id: 'd', label: 2.5 }], 2_000);
    expect(q.size).toBe(3);
    expect(q.take(60_999, 10)).toEqual([]);
    expect(q.take(61_000, 1)).toEqual([{ event_id: 'a', label: 'no' }]);
    expect(q.take(61_000, 10)).toEqual([{ event_id: 'b', label: 'yes' }]);
    expect(q.take(62_000, 10)).toEqual([{ event_id: 'd', label: 2.5 }]);
    expect(q.size).toBe(0);
  });

  it('stays ordered when a later schedule has an earlier clock', () => {
    const q = new LabelQueue(0);
    q.schedule([{ event_id: 'a', label: 'x' }], 5_000);
    q.schedule([{ event_id: 'b', label: 'y' }], 4_000);
    expect(q.take(4_500, 10)).toEqual([]);
    expect(q.take(5_000, 10).map((l) => l.event_id)).toEqual(['a', 'b']);
  });
});

describe('posting with retries', () => {
  const json = (status: number, body: unknown, headers: Record<string, string> = {}) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
  const run = async (responses: (Response | Error)[]) => {
    const waits: number[] = [];
    const bodies: string[] = [];
    let i = 0;
    const fetchImpl = (async (_url: string, init: RequestInit) => {
      bodies.push(String(init.body));
      const next = responses[i++];
      if (!next) throw new Error('no more responses');
      if (next instanceof Error) throw next;
      return next;
    }) as unknown as typeof fetch;
    const outcome = await postWithRetry('/api/v1/events', { events: [1] }, { url: 'http://x', key: 'mgi_k', signal: new AbortController().signal, fetchImpl, sleep: async (ms) => void waits.push(ms) });
    return { outcome, waits, bodies };
  };

  it('waits for Retry-After on 429 and 503, backs off on network errors, and resends the same batch', async () => {
    const { outcome, waits, bodies } = await run([
      json(429, { error: { message: 'over rate' } }, { 'retry-after': '3' }),
      new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }),
      json(503, { error: { message: 'busy' } }, { 'retry-after': '1' }),
      json(200, { accepted: 1, duplicates: 0, rejected: [], conflicts: [] }),
    ]);
    expect(outcome).toEqual({ ok: true, body: { accepted: 1, duplicates: 0, rejected: [], conflicts: [] }, retries: 3 });
    expect(waits).toEqual([3000, 2000, 1000]);
    expect(new Set(bodies).size).toBe(1);
  });

  it('a refused key is fatal; a refused batch is dropped; a repeated 500 gives up', async () => {
    await expect(run([json(401, { error: { message: 'This ingestion key is unknown or revoked.' } })])).rejects.toThrow(FatalError);
    expect((await run([json(400, { error: { message: 'bad' } })])).outcome).toEqual({ ok: false, error: '400: bad', retries: 0 });
    const gaveUp = await run(Array.from({ length: 5 }, () => json(500, { error: { message: 'oops' } })));
    expect(gaveUp.outcome).toMatchObject({ ok: false, error: '500: oops', retries: 4 });
  });

  it('Retry-After as seconds or a date; backoff doubles up to 30 s', () => {
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(retryAfterMs(null)).toBeNull();
    expect(retryAfterMs('soon')).toBeNull();
    expect([1, 2, 3, 6, 10].map(backoffMs)).toEqual([1000, 2000, 4000, 30_000, 30_000]);
  });
});

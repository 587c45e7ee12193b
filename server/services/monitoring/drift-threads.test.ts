// Statistics shared out over threads give exactly the figures of one thread, and a thread that cannot
// take its share, or dies while computing it, costs the report nothing but time: the caller's thread
// computes that share, and the report says how many threads took part.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import seedrandom from 'seedrandom';
import { describe, expect, it, vi } from 'vitest';
import { prepareNumeric } from '@/lib/drift';
import { numericFigures } from '@/lib/drift/figures';
import { numericFiguresOnThreads, type FeatureJob, type FiguresGroups } from './drift-threads';
import { takeColumn } from './window-memory';

const random = seedrandom('drift-threads');
const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

function job(feature: number, rows: number): FeatureJob {
  const column = takeColumn(rows).subarray(0, rows);
  for (let r = 0; r < rows; r++) column[r] = r % 97 === 0 ? NaN : Number((gauss() + (feature % 2) * 0.3).toFixed(3));
  const reference = prepareNumeric(Float64Array.from({ length: 800 }, () => Number(gauss().toFixed(3))));
  return { key: `test|f${feature}|${rows}`, reference, column, options: feature === 2 ? { method: 'ks' } : {} };
}

function groupsOf(rows: number, count: number): FiguresGroups {
  const of = Uint8Array.from({ length: rows }, () => Math.floor(random() * count));
  const sizes = new Int32Array(count);
  for (const g of of) sizes[g]!++;
  return { of, count, sizes };
}

const alone = (jobs: FeatureJob[], histograms: boolean, groups: FiguresGroups | null) => jobs.map((j) => numericFigures(j.reference, j.column, j.options, histograms, groups ?? undefined));
type Pool = { worker: { terminate(): Promise<number> } }[];
const pool = () => (globalThis as Record<symbol, Pool | undefined>)[Symbol.for('modelgate.drift.threads')] ?? [];

describe('drift statistics on several threads', () => {
  it('gives each feature the figures one thread gives, in order', async () => {
    const jobs = Array.from({ length: 7 }, (_, f) => job(f, 20_000));
    const groups = groupsOf(20_000, 5);
    for (const threads of [2, 3, 4]) {
      const shared = await numericFiguresOnThreads(jobs, true, groups, threads);
      expect(shared.threads).toBe(threads);
      expect(shared.figures).toEqual(alone(jobs, true, groups));
    }
    const plain = await numericFiguresOnThreads(jobs, false, null, 3);
    expect(plain.figures).toEqual(alone(jobs, false, null));
  });

  it('computes a share that cannot be sent to a thread on the caller’s thread', async () => {
    const jobs = [job(0, 5_000), job(1, 5_000)];
    // A reference carrying a function cannot be copied to another thread (DataCloneError).
    const unsendable = { ...jobs[1], reference: Object.assign({}, jobs[1]?.reference, { note: () => 'not cloneable' }) } as FeatureJob;
    const result = await numericFiguresOnThreads([jobs[0] as FeatureJob, unsendable], true, null, 2);
    expect(result.threads).toBe(1);
    expect(result.figures).toEqual(alone([jobs[0] as FeatureJob, unsendable], true, null));
  });

  it('computes the share of a thread that dies mid-report on the caller’s thread, then starts a new thread', async () => {
    await numericFiguresOnThreads([job(0, 100), job(1, 100)], false, null, 2); // the thread is up
    // The caller's share is small and the thread's large, so the thread is still working when the
    // caller waits for it, and is ended then.
    const jobs = [job(0, 1_000), job(1, 3_000_000)];
    let ended: Promise<unknown> = Promise.resolve();
    const ending = setTimeout(() => (ended = Promise.all(pool().map((p) => p.worker.terminate()))), 0);
    const result = await numericFiguresOnThreads(jobs, true, null, 2);
    clearTimeout(ending);
    expect(result.threads).toBe(1);
    expect(result.figures).toEqual(alone(jobs, true, null));
    await ended;
    expect(pool()).toHaveLength(0);
    const again = await numericFiguresOnThreads([job(2, 1_000), job(3, 1_000)], false, null, 2);
    expect(again.threads).toBe(2);
  });

  it('serves two copies of this module (two server bundles) from one set of threads without mixing their answers', async () => {
    // Next.js gives the route handlers and tRPC each their own copy of a module; the threads are
    // shared through globalThis, so share ids must be too (two copies once both sent share 1).
    vi.resetModules();
    const a = await import('./drift-threads');
    vi.resetModules();
    const b = await import('./drift-threads');
    expect(b).not.toBe(a);
    const jobsA = [job(10, 20_000), job(11, 20_000)];
    const jobsB = [job(12, 30_000), job(13, 30_000)];
    const [fromA, fromB] = await Promise.all([a.numericFiguresOnThreads(jobsA, true, null, 2), b.numericFiguresOnThreads(jobsB, true, null, 2)]);
    expect([fromA.threads, fromB.threads]).toEqual([2, 2]);
    expect(fromA.figures).toEqual(alone(jobsA, true, null));
    expect(fromB.figures).toEqual(alone(jobsB, true, null));
  });

  it('lets a script that used the threads exit by itself (an idle thread holds nothing open)', () => {
    const module = pathToFileURL(path.join(process.cwd(), 'server', 'services', 'monitoring', 'drift-threads.ts')).href;
    const script = `
      const { numericFiguresOnThreads } = await import(${JSON.stringify(module)});
      const column = () => Float64Array.from({ length: 30000 }, (_, i) => Math.sin(i));
      const reference = { kind: 'numeric-sample', sorted: Float64Array.from({ length: 100 }, (_, i) => i / 50 - 1), missing: 0, distinct: 100 };
      const features = [0, 1].map((f) => ({ key: 'exit|' + f, reference, column: column(), options: {} }));
      const { threads } = await numericFiguresOnThreads(features, false, null, 2);
      console.log('threads', threads);`;
    const run = spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
    expect(run.error?.message ?? null, run.stderr).toBeNull();
    expect(run.stdout.trim(), JSON.stringify({ status: run.status, signal: run.signal, stderr: run.stderr })).toBe('threads 2');
    expect(run.status).toBe(0);
  });
});

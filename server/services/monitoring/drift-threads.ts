// The numeric features of a drift report computed on several threads at once: the request's own
// and worker threads kept for the purpose (drift.worker.ts), each taking a share of the features.
// Placing a window against its reference is the report's largest cost after reading it (about 20 ns
// a value on this 2-core machine: 0.4 s for 1,000,000 events × 20 features), and the window's
// columns live in shared memory (window-memory.ts), so a thread reads them without a copy. Every
// thread runs the same function (lib/drift/figures), and the report says how many took part.
import 'server-only';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { numericFigures, type NumericFigures } from '@/lib/drift/figures';
import { env } from '@/server/env';
import type { FeatureJob, FiguresAnswer, FiguresGroups, FiguresJob } from './drift.worker';

export type { FeatureJob, FiguresGroups } from './drift.worker';

/** Threads a report uses, its own included: DRIFT_STATISTICS_THREADS, or the cores (at most 4). */
function statisticsThreads(): number {
  return env.DRIFT_STATISTICS_THREADS ?? Math.max(1, Math.min(4, availableParallelism()));
}

/** Fewer values than this are placed on the request's thread: handing them over costs more. */
const MIN_VALUES_FOR_THREADS = 50_000;

/** The threads a report of `values` numeric values uses unless told (statisticsThreads, or 1 for a small window). */
export function threadsFor(values: number): number {
  return values >= MIN_VALUES_FOR_THREADS ? statisticsThreads() : 1;
}

// Loaded through tsx, as the app itself is (see evaluations/verify/run-in-worker.ts): the path comes
// from the working directory, not the module URL, which the bundler rewrites.
const WORKER_FILE = pathToFileURL(path.join(process.cwd(), 'server', 'services', 'monitoring', 'drift.worker.ts')).href;

type Pending = { resolve: (figures: NumericFigures[]) => void; reject: (e: Error) => void };
/** `next`: the id of the next share sent to this thread (kept here, not per module copy: see POOL). */
type StatisticsWorker = { worker: Worker; pending: Map<number, Pending>; next: number };

// Kept on globalThis: every server bundle has its own copy of this module, and one set of threads
// serves them all.
const POOL = Symbol.for('modelgate.drift.threads');
const shared = globalThis as { [POOL]?: StatisticsWorker[] };

function startWorker(pool: StatisticsWorker[]): StatisticsWorker {
  const worker = new Worker(/* turbopackIgnore: true */ `import('tsx/esm/api').then(({ register }) => (register(), import(${JSON.stringify(WORKER_FILE)})));`, { eval: true, name: 'drift-statistics' });
  const entry: StatisticsWorker = { worker, pending: new Map(), next: 1 };
  worker.on('message', (answer: FiguresAnswer) => {
    const waiting = entry.pending.get(answer.id);
    if (!waiting) return;
    entry.pending.delete(answer.id);
    if (answer.ok) waiting.resolve(answer.figures);
    else waiting.reject(new Error(answer.message));
  });
  const fail = (e: Error) => {
    const at = pool.indexOf(entry);
    if (at >= 0) pool.splice(at, 1); // the next report starts a new one
    for (const waiting of entry.pending.values()) waiting.reject(e);
    entry.pending.clear();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the drift statistics thread exited (code ${code})`)));
  // An idle thread must not keep a script or a test process alive. After the listeners: adding a
  // 'message' listener refs the worker's port again.
  worker.unref();
  return entry;
}

/** `count` worker threads, started on first use and kept. */
function workers(count: number): StatisticsWorker[] {
  const pool = (shared[POOL] ??= []);
  while (pool.length < count) pool.push(startWorker(pool));
  return pool.slice(0, count);
}

/** Starts the worker threads ahead of the first report (they take ~0.3 s to load). */
export function warmStatisticsThreads(): void {
  if (statisticsThreads() > 1) workers(statisticsThreads() - 1);
}

/** A share no thread answers in this long ends that thread (its pending shares then go to their callers). */
const SHARE_DEADLINE_MS = 60_000;

function onWorker(entry: StatisticsWorker, features: FeatureJob[], histograms: boolean, groups: FiguresGroups | null): Promise<NumericFigures[]> {
  const id = entry.next++;
  return new Promise((resolve, reject) => {
    const deadline = setTimeout(() => void entry.worker.terminate(), SHARE_DEADLINE_MS);
    deadline.unref();
    const settle = <A extends unknown[]>(f: (...a: A) => void) => (...a: A) => {
      clearTimeout(deadline);
      if (entry.pending.size === 0) entry.worker.unref(); // idle again (see startWorker)
      f(...a);
    };
    // While it holds a share the thread keeps the process alive: a script awaiting the answer with
    // nothing else to do would otherwise end before it (exit code 13, unsettled await).
    entry.worker.ref();
    entry.pending.set(id, { resolve: settle(resolve), reject: settle(reject) });
    const job: FiguresJob = { id, features, histograms, groups };
    try {
      entry.worker.postMessage(job);
    } catch (e) {
      entry.pending.delete(id);
      settle(reject)(e instanceof Error ? e : new Error(String(e)));
    }
  });
}

/**
 * The figures of each feature, in order, computed on `threads` threads (the caller's included; fewer
 * when there are fewer features),
 * and how many threads took part. A thread that fails hands its share back to the caller's thread,
 * which computes it (and the log says so); the figures are the same either way.
 */
export async function numericFiguresOnThreads(features: FeatureJob[], histograms: boolean, groups: FiguresGroups | null, threads: number): Promise<{ figures: NumericFigures[]; threads: number }> {
  const parts = Math.max(1, Math.min(threads, features.length));
  const here = (share: FeatureJob[]) => share.map((f) => numericFigures(f.reference, f.column, f.options, histograms, groups ?? undefined));
  if (parts === 1) return { figures: here(features), threads: 1 };
  // Contiguous shares of (nearly) equal size; the caller's thread takes the first.
  const shares = Array.from({ length: parts }, (_, p) => features.slice(Math.floor((p * features.length) / parts), Math.floor(((p + 1) * features.length) / parts)));
  const pool = workers(parts - 1);
  const elsewhere = shares.slice(1).map((share, p) => {
    const entry = pool[p];
    return entry ? onWorker(entry, share, histograms, groups) : Promise.reject(new Error('no drift statistics thread could be started'));
  });
  const mine = here(shares[0] ?? []);
  let used = parts;
  const rest = await Promise.all(
    elsewhere.map((answer, p) =>
      answer.catch((e: unknown) => {
        used--;
        console.error(`[drift] a statistics thread failed (${e instanceof Error ? e.message : String(e)}); its ${shares[p + 1]?.length} features were computed on the request's thread`);
        return here(shares[p + 1] ?? []);
      }),
    ),
  );
  return { figures: [...mine, ...rest.flat()], threads: used };
}

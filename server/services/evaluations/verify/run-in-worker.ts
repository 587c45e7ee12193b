// Runs one verification in its own worker thread, with a memory limit and a deadline after which
// the thread is terminated, and at most EVALUATION_VERIFY_CONCURRENCY at a time: later ones queue
// (up to EVALUATION_VERIFY_QUEUE) and beyond that are refused with 429, so saves cannot pile up
// CPU and memory on the web server.
import 'server-only';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { env } from '@/server/env';
import type { VerifyJob, VerifyOutcome } from './check';
import { createLimiter } from './limiter';
import type { WorkerAnswer } from './verify.worker';

type RunOutcome = VerifyOutcome | { status: 'limit'; message: string };

const slot = createLimiter(env.EVALUATION_VERIFY_CONCURRENCY, env.EVALUATION_VERIFY_QUEUE);

// The worker runs this repository's TypeScript through tsx (which `npm start` itself runs on): a
// bootstrap thread registers tsx's loader, then imports the worker. Its path comes from the working
// directory (the repository root for npm scripts and the app), not the module URL, which Next.js's
// bundler rewrites into a static asset URL.
const WORKER_FILE = pathToFileURL(path.join(process.cwd(), 'server', 'services', 'evaluations', 'verify', 'verify.worker.ts')).href;

function startWorker(options: WorkerOptions): Worker {
  // The bundler must leave this alone: the code is run as is, and needs nothing bundled.
  return new Worker(/* turbopackIgnore: true */ `import('tsx/esm/api').then(({ register }) => (register(), import(${JSON.stringify(WORKER_FILE)})));`, { ...options, eval: true });
}

export async function verifyInWorker(job: VerifyJob, limits = { timeoutMs: env.EVALUATION_VERIFY_TIMEOUT_SECONDS * 1000, memoryMb: env.EVALUATION_VERIFY_MEMORY_MB }): Promise<RunOutcome> {
  const release = await slot();
  try {
    const worker = startWorker({
      resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
      // TF.js prints a hint about its native Node backend on stdout; nothing else is written there.
      stdout: true,
    });
    worker.stdout.resume();
    return await new Promise<RunOutcome>((resolve) => {
      const timer = setTimeout(() => {
        void worker.terminate();
        resolve({ status: 'limit', message: `Verifying took longer than ${Math.round(limits.timeoutMs / 1000)} s, the server's limit.` });
      }, limits.timeoutMs);
      const done = (outcome: RunOutcome) => {
        clearTimeout(timer);
        void worker.terminate();
        resolve(outcome);
      };
      worker.once('message', (answer: WorkerAnswer) => done(answer.ok ? answer.outcome : { status: 'model', message: answer.message }));
      worker.once('error', (e: Error & { code?: string }) =>
        done(
          e.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? { status: 'limit', message: `Verifying needed more than ${limits.memoryMb} MiB of memory, the server's limit.` }
            : { status: 'model', message: e.message },
        ),
      );
      worker.once('exit', (code) => done({ status: 'limit', message: `The verification stopped unexpectedly (exit code ${code}).` }));
      // The dataset's bytes move to the worker (the caller's copy is detached); the predictions
      // are copied, the caller stores them.
      const predictions = job.predictions.slice();
      const csv = job.csv.byteOffset === 0 && job.csv.byteLength === job.csv.buffer.byteLength ? job.csv : job.csv.slice();
      try {
        worker.postMessage({ ...job, csv, predictions }, [csv.buffer as ArrayBuffer, predictions.buffer]);
      } catch (e) {
        done({ status: 'model', message: e instanceof Error ? e.message : String(e) });
      }
    });
  } finally {
    release();
  }
}

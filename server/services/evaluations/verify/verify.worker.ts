// The verification worker thread: one job, one answer, then the thread ends. It holds no database
// handle or secret; the web server's event loop never runs the parse, the metrics or the model.
import { parentPort } from 'node:worker_threads';
import { checkEvaluation, type VerifyJob } from './check';

export type WorkerAnswer = { ok: true; outcome: Awaited<ReturnType<typeof checkEvaluation>> } | { ok: false; message: string };

const port = parentPort;
port?.once('message', (job: VerifyJob) => {
  checkEvaluation(job)
    .then((outcome): WorkerAnswer => ({ ok: true, outcome }))
    .catch((e: unknown): WorkerAnswer => ({ ok: false, message: e instanceof Error ? e.message : String(e) }))
    .then((answer) => port.postMessage(answer));
});

'use client';
// Owns the evaluation's two Web Workers, one pair per run (a new run terminates the old pair): the
// parse worker reads and encodes the dataset, the evaluation worker predicts and scores, connected
// by a MessageChannel. Its messages are folded into one state, and the binary threshold requests
// coalesced so the slider never queues work. Cancel terminates both, so the run stops at once
// wherever it is (downloading, verifying, hashing, parsing or predicting). The next pair is started
// while the page is idle (on opening it, and after each run), so Run does not wait ~0.3 s for the
// workers to load TF.js.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Confusion } from '@/lib/metrics';
import type { Problem } from '@/lib/evaluation/plan';
import type { EvaluationResult, MetricSummary, Phase, Progress, SliceSummary, StartMessage, WorkerRequest, WorkerResponse } from '@/lib/evaluation/worker/protocol';

/** What moves with the binary threshold: the confusion matrix, headline, slice and comparison metrics. */
export type ThresholdView = { threshold: number; confusion: Confusion; summary: MetricSummary; slices: SliceSummary[] | null; compareSummary: MetricSummary | null };

export type RunState =
  | { status: 'idle' }
  | { status: 'running'; phase: Phase; message: string; progress: Progress | null }
  | { status: 'problems'; header: string[]; problems: Problem[] }
  | { status: 'error'; message: string }
  | { status: 'cancelled' }
  | { status: 'done'; result: EvaluationResult; view: ThresholdView | null };

type Workers = { evaluate: Worker; parse: Worker };
type SparePair = Workers & { failed: boolean };

/** Starts a connected pair; `failed` is set if either cannot load before it is used. */
function startWorkers(): SparePair {
  const evaluate = new Worker(new URL('../../lib/evaluation/worker/evaluate.worker.ts', import.meta.url), { type: 'module', name: 'evaluate' });
  const parse = new Worker(new URL('../../lib/evaluation/worker/parse.worker.ts', import.meta.url), { type: 'module', name: 'evaluate-parse' });
  const pair: SparePair = { evaluate, parse, failed: false };
  evaluate.onerror = parse.onerror = () => void (pair.failed = true);
  const channel = new MessageChannel();
  parse.postMessage({ type: 'connect', port: channel.port2 }, [channel.port2]);
  evaluate.postMessage({ type: 'connect', port: channel.port1 } satisfies WorkerRequest, [channel.port1]);
  return pair;
}

/** Terminates a run's workers and detaches their handlers first, so nothing they still report reaches the page. */
function stop(run: Workers | null) {
  if (!run) return;
  for (const w of [run.evaluate, run.parse]) {
    w.onmessage = null;
    w.onerror = null;
    w.terminate();
  }
}

export function useEvaluation() {
  const [state, setState] = useState<RunState>({ status: 'idle' });
  const worker = useRef<Workers | null>(null);
  const spare = useRef<SparePair | null>(null);
  const inFlight = useRef(false);
  const queued = useRef<number | null>(null);

  const preparing = useRef<ReturnType<typeof setTimeout> | null>(null);

  /** Starts the pair for the next run soon, outside the work of the current event (not during a run: it would compete with it). */
  const prepare = useCallback(() => {
    if (preparing.current !== null || spare.current) return;
    preparing.current = setTimeout(() => {
      preparing.current = null;
      spare.current ??= startWorkers();
    }, 0);
  }, []);

  useEffect(() => {
    prepare();
    return () => {
      if (preparing.current !== null) clearTimeout(preparing.current);
      preparing.current = null;
      stop(worker.current);
      stop(spare.current);
      worker.current = spare.current = null;
    };
  }, [prepare]);

  const send = (message: WorkerRequest) => worker.current?.evaluate.postMessage(message);

  const onMessage = useCallback((event: MessageEvent<WorkerResponse>) => {
    const m = event.data;
    switch (m.type) {
      case 'phase':
        return setState({ status: 'running', phase: m.phase, message: m.message, progress: null });
      case 'progress':
        return setState((s) => (s.status === 'running' ? { ...s, phase: 'inference', message: 'Running the model…', progress: m.progress } : s));
      case 'problems':
        prepare();
        return setState({ status: 'problems', header: m.header, problems: m.problems });
      case 'error':
        prepare();
        return setState({ status: 'error', message: m.message });
      case 'done': {
        prepare();
        const { result } = m;
        const view =
          result.taskType === 'binary_classification' && result.threshold !== null
            ? { threshold: result.threshold, confusion: result.binary.confusion, summary: result.summary, slices: result.slices, compareSummary: result.comparison?.summary ?? null }
            : null;
        return setState({ status: 'done', result, view });
      }
      case 'threshold': {
        inFlight.current = false;
        setState((s) => (s.status === 'done' ? { ...s, view: { threshold: m.threshold, confusion: m.confusion, summary: m.summary, slices: m.slices, compareSummary: m.compareSummary } } : s));
        const next = queued.current;
        if (next !== null && next !== m.threshold) {
          queued.current = null;
          inFlight.current = true;
          send({ type: 'threshold', threshold: next });
        }
        return;
      }
    }
  }, [prepare]);

  const start = useCallback(
    (message: Omit<StartMessage, 'type'>) => {
      stop(worker.current);
      inFlight.current = false;
      queued.current = null;
      if (preparing.current !== null) clearTimeout(preparing.current);
      preparing.current = null;
      let run = spare.current;
      spare.current = null;
      if (!run || run.failed) {
        stop(run);
        run = startWorkers();
      }
      const { evaluate: w, parse } = run;
      const pair: Workers = { evaluate: w, parse };
      // Only the current run may change the state: a worker that was terminated can still report an
      // error (a chunk it was loading with importScripts fails once it is killed).
      w.onmessage = (e: MessageEvent<WorkerResponse>) => worker.current === pair && onMessage(e);
      const failed = (which: string) => (e: ErrorEvent) => worker.current === pair && setState({ status: 'error', message: `The ${which} failed: ${e.message || 'it could not start'}.` });
      w.onerror = failed('evaluation worker');
      parse.onerror = failed('dataset reader (parse worker)');
      worker.current = pair;
      setState({ status: 'running', phase: 'backend', message: 'Starting…', progress: null });
      w.postMessage({ type: 'start', ...message } satisfies StartMessage);
    },
    [onMessage],
  );

  const cancel = useCallback(() => {
    stop(worker.current);
    worker.current = null;
    inFlight.current = false;
    queued.current = null;
    setState({ status: 'cancelled' });
    prepare();
  }, [prepare]);

  /** Latest value wins: while the worker answers one request, only the newest slider value waits. */
  const setThreshold = useCallback((threshold: number) => {
    if (inFlight.current) {
      queued.current = threshold;
      return;
    }
    inFlight.current = true;
    send({ type: 'threshold', threshold });
  }, []);

  const reset = useCallback(() => setState({ status: 'idle' }), []);

  return { state, start, cancel, setThreshold, reset };
}

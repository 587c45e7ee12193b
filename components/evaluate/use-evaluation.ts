'use client';
// Owns the evaluation Web Worker: one per run (a new run terminates the old one), its messages
// folded into one state, and the binary threshold requests coalesced so the slider never queues work.
// Cancel terminates the worker, so it stops at once wherever it is (downloading, verifying,
// hashing, parsing or predicting); the next run starts a fresh one.
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

/** Terminates a worker and detaches its handlers first, so nothing it still reports reaches the page. */
function stop(w: Worker | null) {
  if (!w) return;
  w.onmessage = null;
  w.onerror = null;
  w.terminate();
}

export function useEvaluation() {
  const [state, setState] = useState<RunState>({ status: 'idle' });
  const worker = useRef<Worker | null>(null);
  const inFlight = useRef(false);
  const queued = useRef<number | null>(null);

  useEffect(() => () => stop(worker.current), []);

  const send = (message: WorkerRequest) => worker.current?.postMessage(message);

  const onMessage = useCallback((event: MessageEvent<WorkerResponse>) => {
    const m = event.data;
    switch (m.type) {
      case 'phase':
        return setState({ status: 'running', phase: m.phase, message: m.message, progress: null });
      case 'progress':
        return setState((s) => (s.status === 'running' ? { ...s, phase: 'inference', message: 'Running the model…', progress: m.progress } : s));
      case 'problems':
        return setState({ status: 'problems', header: m.header, problems: m.problems });
      case 'error':
        return setState({ status: 'error', message: m.message });
      case 'done': {
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
  }, []);

  const start = useCallback(
    (message: Omit<StartMessage, 'type'>) => {
      stop(worker.current);
      inFlight.current = false;
      queued.current = null;
      const w = new Worker(new URL('../../lib/evaluation/worker/evaluate.worker.ts', import.meta.url), { type: 'module', name: 'evaluate' });
      // Only the current worker may change the state: one that was terminated can still report an
      // error (a chunk it was loading with importScripts fails once it is killed).
      w.onmessage = (e: MessageEvent<WorkerResponse>) => worker.current === w && onMessage(e);
      w.onerror = (e) => worker.current === w && setState({ status: 'error', message: `The evaluation worker failed: ${e.message || 'it could not start'}.` });
      worker.current = w;
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
  }, []);

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

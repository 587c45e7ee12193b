// Where and how fast a run happened: the backend, the GPU adapter, what Auto skipped and why, timings.
import { BACKEND_LABELS } from '@/lib/evaluation/backends';
import type { EvaluationResult } from '@/lib/evaluation/worker/protocol';
import { wasmThreadsLabel } from '@/lib/evaluation/wasm-threads-label';
import { Badge } from '@/components/ui/badge';

const ms = (n: number) => (n < 1000 ? `${Math.round(n)} ms` : `${(n / 1000).toFixed(2)} s`);

export function BackendSummary({ result }: { result: EvaluationResult }) {
  const { adapter, skipped, timings } = result;
  const rowsPerSecond = timings.inferenceMs > 0 ? Math.round((result.evaluatedRows / timings.inferenceMs) * 1000) : null;
  return (
    <div data-testid="eval-backend" data-backend={result.backend} className="flex flex-col gap-2 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <span>Ran on</span>
        <Badge variant="primary">{BACKEND_LABELS[result.backend]}</Badge>
        {adapter ? (
          <span className="text-muted-foreground">
            {[adapter.vendor || 'unknown vendor', adapter.architecture].filter(Boolean).join(' · ')}
            {adapter.isFallback ? ' (software fallback adapter)' : ''}
          </span>
        ) : null}
        <span className="text-muted-foreground" data-testid="eval-runtime" data-threads={result.runtime.threads ?? undefined}>
          · {result.runtime.name} {result.runtime.version}
          {result.runtime.threads !== null ? ` · ${wasmThreadsLabel(result.runtime.threads)}` : ''}
        </span>
      </div>
      {result.runtime.threadsNote ? (
        <p className="text-xs text-muted-foreground" data-testid="eval-threads-note">
          {result.runtime.threadsNote}
        </p>
      ) : null}
      {result.runtime.fallback ? (
        <p className="text-xs text-muted-foreground" data-testid="eval-fallback">
          {result.runtime.fallback}
        </p>
      ) : null}
      {skipped.length > 0 ? (
        <ul className="flex flex-col gap-0.5 text-xs text-muted-foreground">
          {skipped.map((s) => (
            <li key={s.backend} data-skipped={s.backend}>
              Skipped {BACKEND_LABELS[s.backend]}: {s.reason}
            </li>
          ))}
        </ul>
      ) : null}
      <dl className="flex flex-wrap gap-x-5 gap-y-1 text-xs" data-testid="eval-timings">
        <div className="flex gap-1">
          <dt className="text-muted-foreground">Load</dt>
          <dd className="tabular-nums">{ms(timings.loadMs)}</dd>
        </div>
        <div className="flex gap-1">
          <dt className="text-muted-foreground">Inference</dt>
          <dd className="tabular-nums">{ms(timings.inferenceMs)}</dd>
        </div>
        <div className="flex gap-1">
          <dt className="text-muted-foreground">Total</dt>
          <dd className="tabular-nums">{ms(timings.totalMs)}</dd>
        </div>
        {rowsPerSecond !== null ? (
          <div className="flex gap-1">
            <dt className="text-muted-foreground">Throughput</dt>
            <dd className="tabular-nums">{rowsPerSecond.toLocaleString('en')} rows/s</dd>
          </div>
        ) : null}
      </dl>
    </div>
  );
}

'use client';
// Backend choice, Run and Cancel, and the live progress of a run (rows, rows/s, time left).
import { Play, Square } from 'lucide-react';
import { useId, type ReactNode } from 'react';
import { BACKEND_LABELS, type BackendChoice } from '@/lib/evaluation/backends';
import type { Progress as RunProgress } from '@/lib/evaluation/worker/protocol';
import { Button } from '@/components/ui/button';
import { FieldHint, Label } from '@/components/ui/label';
import { Progress } from '@/components/ui/progress';
import { Select } from '@/components/ui/select';

const CHOICES: BackendChoice[] = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'];

function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  const m = Math.floor(seconds / 60);
  return m < 60 ? `${m} min ${Math.round(seconds % 60)} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

type Props = {
  backend: BackendChoice;
  onBackend: (b: BackendChoice) => void;
  canRun: boolean;
  blocker: ReactNode;
  running: boolean;
  message: string | null;
  progress: RunProgress | null;
  onRun: () => void;
  onCancel: () => void;
};

export function RunPanel({ backend, onBackend, canRun, blocker, running, message, progress, onRun, onCancel }: Props) {
  const id = useId();
  const percent = progress?.totalBytes ? Math.min(100, (progress.bytesRead / progress.totalBytes) * 100) : 0;
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end gap-3">
        <div className="flex w-44 flex-col gap-1.5">
          <Label htmlFor={`${id}-backend`}>Backend</Label>
          <Select id={`${id}-backend`} value={backend} onChange={(e) => onBackend(e.target.value as BackendChoice)} disabled={running}>
            {CHOICES.map((c) => (
              <option key={c} value={c}>
                {BACKEND_LABELS[c]}
              </option>
            ))}
          </Select>
        </div>
        <Button onClick={onRun} disabled={!canRun || running}>
          <Play aria-hidden /> Run evaluation
        </Button>
        {running ? (
          <Button variant="outline" onClick={onCancel}>
            <Square aria-hidden /> Cancel
          </Button>
        ) : null}
      </div>
      {backend === 'auto' ? (
        <FieldHint>Auto tries WebGPU, then WebGL, WASM and CPU, and skips a GPU that is only a software emulation.</FieldHint>
      ) : null}
      {blocker && !running ? <FieldHint>{blocker}</FieldHint> : null}
      {running ? (
        <div className="flex flex-col gap-1.5" aria-live="polite">
          <Progress value={percent} label="Evaluation progress" data-testid="eval-progress" />
          <p className="text-xs text-muted-foreground tabular-nums">
            {progress
              ? `${progress.rows.toLocaleString('en')} rows · ${Math.round(progress.rowsPerSecond).toLocaleString('en')} rows/s · ${
                  progress.etaSeconds === null ? 'estimating time left' : `${formatDuration(progress.etaSeconds)} left`
                }`
              : message}
          </p>
        </div>
      ) : null}
    </div>
  );
}

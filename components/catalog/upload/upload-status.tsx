'use client';
// Overall progress while a version uploads, then the server's answer: a refusal names the rule and
// the file it is about, so the person knows exactly what to fix.
import type { Ref } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Progress } from '@/components/ui/progress';
import { formatBytes } from '../format';
import type { UploadFailure } from './upload-version';

export type UploadPhase = { kind: 'idle' } | { kind: 'uploading'; loaded: number; total: number } | { kind: 'processing' } | { kind: 'created'; version: number };

export function UploadProgress({ phase, onCancel }: { phase: UploadPhase; onCancel: () => void }) {
  if (phase.kind === 'idle') return null;
  const percent = phase.kind === 'uploading' ? (phase.total > 0 ? (phase.loaded / phase.total) * 100 : 0) : 100;
  const text =
    phase.kind === 'uploading'
      ? `Uploading… ${Math.floor(percent)}%${phase.total > 0 ? ` (${formatBytes(phase.loaded)} of ${formatBytes(phase.total)})` : ''}`
      : phase.kind === 'processing'
        ? 'Uploaded. The server is checking the files and storing the version…'
        : `Version v${phase.version} created. Opening it…`;
  return (
    <div className="flex flex-col gap-2 rounded-lg border border-border bg-muted/30 p-3">
      <div className="flex items-center justify-between gap-3 text-sm">
        <p role="status" data-testid="upload-status">
          {text}
        </p>
        {phase.kind === 'uploading' ? (
          <Button size="sm" variant="ghost" onClick={onCancel}>
            Cancel upload
          </Button>
        ) : null}
      </div>
      <Progress value={percent} label="Overall upload progress" data-testid="upload-progress" tone={phase.kind === 'created' ? 'success' : 'primary'} />
    </div>
  );
}

/** `what` names the thing refused in the title: “this version” unless told. */
export function UploadError({ failure, ref, what = 'this version' }: { failure: UploadFailure; ref?: Ref<HTMLDivElement>; what?: string }) {
  const title = failure.rule === 'cancelled' ? 'Upload cancelled' : `The server refused ${what}${failure.status ? ` (HTTP ${failure.status})` : ''}`;
  return (
    <div ref={ref} tabIndex={-1} className="rounded-lg outline-none">
      <Alert variant={failure.rule === 'cancelled' ? 'warning' : 'error'} title={title} data-testid="upload-error" data-rule={failure.rule} data-file={failure.file}>
        <p className="text-base font-medium text-foreground">{failure.message}</p>
        {failure.rule || failure.file ? (
          <dl className="mt-2 grid grid-cols-[4rem_minmax(0,1fr)] gap-x-2 gap-y-1 text-xs">
            {failure.rule && failure.rule !== 'cancelled' ? (
              <>
                <dt className="text-muted-foreground">Rule</dt>
                <dd className="font-mono">{failure.rule}</dd>
              </>
            ) : null}
            {failure.file ? (
              <>
                <dt className="text-muted-foreground">File</dt>
                <dd className="font-mono">{failure.file}</dd>
              </>
            ) : null}
          </dl>
        ) : null}
        {failure.issues.length > 1 ? (
          <ul className="mt-2 list-disc pl-4 text-xs">
            {failure.issues.map((issue, i) => (
              <li key={i}>
                {issue.path ? <span className="font-mono">{issue.path}: </span> : null}
                {issue.message}
              </li>
            ))}
          </ul>
        ) : null}
      </Alert>
    </div>
  );
}

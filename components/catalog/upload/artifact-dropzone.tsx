'use client';
// Model files for a new version: drop the export folder or pick files. Shows what was chosen, the
// browser's quick check of the set, and per-file progress while uploading.
import { FileJson, FileBox, FolderOpen, Paperclip, X } from 'lucide-react';
import { useId, useRef } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Label } from '@/components/ui/label';
import { Progress } from '@/components/ui/progress';
import { formatBytes } from '../format';
import type { ArtifactIssue } from './check-artifacts';
import { collectPickedFiles, type Collected } from './collect-files';
import { DropArea } from './drop-area';

type ArtifactDropzoneProps = {
  files: File[];
  shardPaths: string[];
  issues: ArtifactIssue[];
  skipped: string[];
  /** Per-file progress (0..1) while uploading, in the order of `files`. */
  progress: number[] | null;
  disabled: boolean;
  onAdd: (collected: Collected) => void;
  onRemove: (name: string) => void;
  /** What the files are registered as, once checked. */
  kind: 'tfjs' | 'onnx' | 'other' | null;
  other: boolean;
  onOtherChange: (other: boolean) => void;
};

function roleOf(file: File, kind: ArtifactDropzoneProps['kind'], listed: Set<string>): string {
  if (kind === 'other') return 'stored as is';
  if (kind === 'onnx') return file.name.toLowerCase().endsWith('.onnx') ? 'model' : 'external data';
  return file.name === 'model.json' ? 'model' : listed.has(file.name) ? 'weights' : 'not listed';
}

export function ArtifactDropzone({ files, shardPaths, issues, skipped, progress, disabled, onAdd, onRemove, kind, other, onOtherChange }: ArtifactDropzoneProps) {
  const id = useId();
  const filesRef = useRef<HTMLInputElement>(null);
  const folderRef = useRef<HTMLInputElement>(null);
  const listed = new Set(shardPaths);

  return (
    <div className="flex flex-col gap-3">
      <Label htmlFor={`${id}-files`}>
        Model files
      </Label>
      <DropArea
        testId="artifact-dropzone"
        title="Drop the TensorFlow.js export folder (model.json and its .bin shards), or an ONNX model (.onnx and its external-data files)"
        hint="Exactly the files the exporter wrote: model.json and every shard it lists, or one .onnx file. Other formats: tick “Other format” below."
        disabled={disabled}
        onFiles={onAdd}
      >
        <Button variant="outline" size="sm" onClick={() => filesRef.current?.click()} disabled={disabled}>
          <Paperclip aria-hidden />
          Choose files
        </Button>
        <Button variant="outline" size="sm" onClick={() => folderRef.current?.click()} disabled={disabled}>
          <FolderOpen aria-hidden />
          Choose folder
        </Button>
        {/* The buttons above are the keyboard way in; the inputs stay out of the Tab order. */}
        <input
          ref={filesRef}
          id={`${id}-files`}
          type="file"
          multiple
          tabIndex={-1}
          className="sr-only"
          disabled={disabled}
          onChange={(e) => {
            onAdd(collectPickedFiles(e.currentTarget.files, false));
            e.currentTarget.value = '';
          }}
        />
        <input
          ref={(el) => {
            folderRef.current = el;
            el?.setAttribute('webkitdirectory', '');
          }}
          type="file"
          aria-label="Model folder"
          tabIndex={-1}
          className="sr-only"
          disabled={disabled}
          onChange={(e) => {
            onAdd(collectPickedFiles(e.currentTarget.files, true));
            e.currentTarget.value = '';
          }}
        />
      </DropArea>
      {files.length > 0 ? (
        <ul aria-label="Chosen model files" className="flex flex-col divide-y divide-border rounded-lg border border-border bg-card">
          {files.map((file, i) => {
            const role = roleOf(file, kind, listed);
            return (
              <li key={file.name} data-testid="artifact-file" data-name={file.name} className="flex flex-col gap-1.5 px-3 py-2">
                <div className="flex items-center gap-2 text-sm">
                  {role === 'model' ? <FileJson aria-hidden className="size-4 text-primary" /> : <FileBox aria-hidden className="size-4 text-muted-foreground" />}
                  <span className="min-w-0 flex-1 truncate font-mono text-xs">{file.name}</span>
                  <span className={role === 'not listed' ? 'text-xs text-destructive' : 'text-xs text-muted-foreground'}>{role}</span>
                  <span className="w-20 text-right text-xs text-muted-foreground tabular-nums">{formatBytes(file.size)}</span>
                  <Button size="icon" variant="ghost" className="size-7" onClick={() => onRemove(file.name)} disabled={disabled} aria-label={`Remove ${file.name}`}>
                    <X aria-hidden />
                  </Button>
                </div>
                {progress ? <Progress value={(progress[i] ?? 0) * 100} label={`Upload progress for ${file.name}`} className="h-1.5" /> : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" className="mt-1" checked={other} disabled={disabled} onChange={(e) => onOtherChange(e.currentTarget.checked)} data-testid="artifact-other-format" />
        <span>
          Other format (MLflow folder, pickle or joblib, .keras/.h5, safetensors, any file)
          <span className="block text-xs text-muted-foreground">Stored byte for byte and never loaded: not runnable in the browser. It can still go through approvals and monitoring.</span>
        </span>
      </label>
      {skipped.length > 0 ? <p className="text-xs text-muted-foreground">Left out hidden files: {skipped.join(', ')}.</p> : null}
      {issues.length > 0 && files.length > 0 ? (
        <Alert variant="error" title="These files cannot be uploaded as they are" data-testid="artifact-issues">
          <ul className="flex list-disc flex-col gap-1 pl-4">
            {issues.map((issue, i) => (
              <li key={`${issue.rule}-${issue.file ?? ''}-${i}`} data-rule={issue.rule}>
                {issue.message} <span className="font-mono text-xs text-muted-foreground">({issue.rule})</span>
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
    </div>
  );
}

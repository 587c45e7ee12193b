'use client';
// The optional reference dataset (CSV): profiled as the drift baseline, and the source the server
// infers the input schema from when none is given.
import { FileSpreadsheet, Paperclip, X } from 'lucide-react';
import { useId, useRef } from 'react';
import { Button } from '@/components/ui/button';
import { FieldHint, Label } from '@/components/ui/label';
import { Progress } from '@/components/ui/progress';
import { formatBytes } from '../format';
import { DropArea } from './drop-area';

type DatasetPickerProps = { file: File | null; progress: number | null; disabled: boolean; onChange: (file: File | null) => void };

const looksLikeCsv = (f: File) => /\.(csv|txt)$/i.test(f.name) || f.type === 'text/csv';

export function DatasetPicker({ file, progress, disabled, onChange }: DatasetPickerProps) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  return (
    <div className="flex flex-col gap-3">
      <Label htmlFor={`${id}-input`}>
        Reference dataset (CSV)
      </Label>
      <DropArea
        testId="dataset-dropzone"
        title="Drop a CSV with a header row"
        hint="Optional. It becomes the drift baseline, and the input schema is inferred from its columns (all but the target)."
        disabled={disabled}
        onFiles={({ files }) => onChange(files[0] ?? null)}
      >
        <Button variant="outline" size="sm" onClick={() => inputRef.current?.click()} disabled={disabled}>
          <Paperclip aria-hidden />
          Choose CSV
        </Button>
        <input
          ref={inputRef}
          id={`${id}-input`}
          type="file"
          accept=".csv,text/csv"
          tabIndex={-1}
          className="sr-only"
          disabled={disabled}
          onChange={(e) => {
            onChange(e.currentTarget.files?.[0] ?? null);
            e.currentTarget.value = '';
          }}
        />
      </DropArea>
      {file ? (
        <div data-testid="dataset-file" data-name={file.name} className="flex flex-col gap-1.5 rounded-lg border border-border bg-card px-3 py-2">
          <div className="flex items-center gap-2 text-sm">
            <FileSpreadsheet aria-hidden className="size-4 text-success" />
            <span className="min-w-0 flex-1 truncate font-mono text-xs">{file.name}</span>
            <span className="text-xs text-muted-foreground tabular-nums">{formatBytes(file.size)}</span>
            <Button size="icon" variant="ghost" className="size-7" onClick={() => onChange(null)} disabled={disabled} aria-label={`Remove ${file.name}`}>
              <X aria-hidden />
            </Button>
          </div>
          {progress !== null ? <Progress value={progress * 100} label={`Upload progress for ${file.name}`} className="h-1.5" /> : null}
          {!looksLikeCsv(file) ? <FieldHint className="text-warning">This does not look like a .csv file; the server will refuse it if it cannot read it as CSV.</FieldHint> : null}
        </div>
      ) : null}
    </div>
  );
}

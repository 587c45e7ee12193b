'use client';
// The data to evaluate on: the version's reference dataset or another dataset stored on the server
// (both streamed from the server), or a local CSV file, which is only read inside this browser;
// just its header line is read here, to plan columns.
import Papa from 'papaparse';
import { useId, useState } from 'react';
import { formatBytes } from '@/components/catalog/format';
import { FieldError, FieldHint, Label } from '@/components/ui/label';
import { Input } from '@/components/ui/input';
import { StoredDatasetPicker, type StoredDataset } from './stored-dataset-picker';

export type DatasetSelection =
  | { source: 'reference'; header: string[] }
  | { source: 'stored'; dataset: StoredDataset | null; header: string[] }
  | { source: 'local'; file: File | null; header: string[] };

/** What a finished run's data was, as the save needs it: a stored dataset is named by id. */
export type DatasetOrigin = { source: 'reference' | 'local' } | { source: 'stored'; id: string };

type Reference = { name: string; rowCount: number; columns: string[] } | null;

/** The header line of a local CSV: the first 64 KiB, parsed with the same delimiter as the worker. */
async function readHeader(file: File): Promise<string[]> {
  const text = (await file.slice(0, 64 * 1024).text()).replace(/^\uFEFF/, '');
  const parsed = Papa.parse<string[]>(text, { delimiter: ',', preview: 1, skipEmptyLines: 'greedy' });
  const header = (parsed.data[0] ?? []).map((h) => h.trim());
  if (header.length === 0 || header.every((h) => h === '')) throw new Error('The file has no header line naming the columns.');
  return header;
}

export function DatasetChoice({ reference, value, onChange, disabled }: { reference: Reference; value: DatasetSelection; onChange: (next: DatasetSelection) => void; disabled?: boolean }) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);

  async function pickFile(file: File | null) {
    setError(null);
    if (!file) return onChange({ source: 'local', file: null, header: [] });
    try {
      onChange({ source: 'local', file, header: await readHeader(file) });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      onChange({ source: 'local', file: null, header: [] });
    }
  }

  const radio = 'size-4 accent-[var(--primary)]';
  return (
    <fieldset className="flex flex-col gap-3" disabled={disabled}>
      <legend className="mb-2 text-sm font-medium">Dataset</legend>
      <label className="flex items-start gap-2 text-sm">
        <input
          type="radio"
          name={`${id}-source`}
          className={radio}
          checked={value.source === 'reference'}
          disabled={!reference}
          onChange={() => onChange({ source: 'reference', header: reference?.columns ?? [] })}
        />
        <span className="flex flex-col gap-0.5">
          <span>Reference dataset</span>
          <span className="text-xs text-muted-foreground">
            {reference ? `${reference.name}, ${reference.rowCount.toLocaleString('en')} rows` : 'This version has no reference dataset.'}
          </span>
        </span>
      </label>
      <label className="flex items-start gap-2 text-sm">
        <input
          type="radio"
          name={`${id}-source`}
          className={radio}
          checked={value.source === 'stored'}
          onChange={() => onChange({ source: 'stored', dataset: null, header: [] })}
        />
        <span className="flex flex-col gap-0.5">
          <span>Another dataset on the server</span>
          <span className="text-xs text-muted-foreground">Another version&apos;s reference dataset, or any dataset stored here; verified like the reference dataset.</span>
        </span>
      </label>
      {value.source === 'stored' ? (
        <div className="ml-6">
          <StoredDatasetPicker value={value.dataset} onChange={(d) => onChange({ source: 'stored', dataset: d, header: d?.columns ?? [] })} disabled={disabled} />
        </div>
      ) : null}
      <label className="flex items-start gap-2 text-sm">
        <input
          type="radio"
          name={`${id}-source`}
          className={radio}
          checked={value.source === 'local'}
          onChange={() => onChange({ source: 'local', file: null, header: [] })}
        />
        <span>Local file</span>
      </label>
      {value.source === 'local' ? (
        <div className="ml-6 flex flex-col gap-1.5">
          <Label htmlFor={`${id}-file`}>Local CSV file</Label>
          <Input
            id={`${id}-file`}
            type="file"
            accept=".csv,text/csv"
            className="py-1.5"
            aria-describedby={`${id}-file-hint`}
            onChange={(e) => void pickFile(e.target.files?.[0] ?? null)}
          />
          <FieldHint id={`${id}-file-hint`}>
            The file never leaves your browser: it is read and scored here, and only the metrics and predictions are sent if you save.
            {value.file ? ` ${value.file.name}, ${formatBytes(value.file.size)}.` : ''}
          </FieldHint>
          <FieldError>{error}</FieldError>
        </div>
      ) : null}
    </fieldset>
  );
}

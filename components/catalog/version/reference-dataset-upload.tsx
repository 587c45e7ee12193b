'use client';
// Attaches (or replaces) a version's reference dataset from its Reference data tab, through the REST
// endpoint that calls attachReferenceDataset, with upload progress. A version with no input schema
// gets one inferred from the dataset, and one with no preprocessing spec gets one derived from it;
// the person is told, and pointed at the Schema tab.
import { useQueryClient } from '@tanstack/react-query';
import { Upload } from 'lucide-react';
import { useRef, useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { FormActions } from '@/components/ui/form-actions';
import { FieldError } from '@/components/ui/label';
import { DatasetPicker } from '../upload/dataset-picker';
import { uploadReferenceDataset, type AttachedDataset } from '../upload/upload-dataset';
import { UploadError } from '../upload/upload-status';
import type { UploadFailure } from '../upload/upload-version';
import type { VersionDetail } from '../types';

/** The button and its dialog; the parent shows what was attached, as the panel re-renders with it. */
export function ReferenceDatasetUpload({ v, onAttached }: { v: VersionDetail; onAttached: (a: AttachedDataset) => void }) {
  const [open, setOpen] = useState(false);
  const replacing = !!v.referenceDataset;
  return (
    <>
      <Button variant={replacing ? 'outline' : 'primary'} size="sm" onClick={() => setOpen(true)}>
        <Upload aria-hidden />
        {replacing ? 'Replace reference dataset' : 'Upload reference dataset'}
      </Button>
      {open ? (
        <AttachDialog
          v={v}
          onClose={() => setOpen(false)}
          onAttached={(a) => {
            setOpen(false);
            onAttached(a);
          }}
        />
      ) : null}
    </>
  );
}

export function AttachedNotice({ attached }: { attached: AttachedDataset }) {
  return (
    <Alert variant="success" data-testid="dataset-attached" data-inferred={attached.inputSchemaInferred} data-derived={attached.preprocessingDerived}>
      Attached {attached.name} ({attached.rowCount.toLocaleString('en-US')} rows).
      {attached.inputSchemaInferred ? ' The input schema was inferred from its columns.' : null}
      {attached.preprocessingDerived ? ' A preprocessing spec was derived from its profile.' : null}
      {attached.inputSchemaInferred || attached.preprocessingDerived ? ' Review them on the Schema tab.' : null}
    </Alert>
  );
}

function AttachDialog({ v, onClose, onAttached }: { v: VersionDetail; onClose: () => void; onAttached: (a: AttachedDataset) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [failure, setFailure] = useState<UploadFailure | null>(null);
  const [missingFile, setMissingFile] = useState(false);
  const errorRef = useRef<HTMLDivElement>(null);
  const busy = progress !== null;
  const target = v.outputSchema?.target;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    if (!file) {
      setMissingFile(true);
      return;
    }
    setProgress(0);
    const upload = uploadReferenceDataset({ modelId: v.model.id, version: v.version, file, onProgress: (loaded, total) => setProgress(total > 0 ? loaded / total : 0) });
    const outcome = await upload.done;
    setProgress(null);
    if (outcome.ok) {
      await queryClient.invalidateQueries({ queryKey: trpc.catalog.pathKey() });
      onAttached(outcome.attached);
      return;
    }
    setFailure(outcome.failure);
    requestAnimationFrame(() => errorRef.current?.focus());
  }

  return (
    <Dialog
      open
      onClose={onClose}
      dismissible={!busy}
      size="lg"
      title={`${v.referenceDataset ? 'Replace' : 'Attach'} the reference dataset of v${v.version}`}
      description="The baseline monitoring compares live traffic with, and the default data for evaluation. It is stored, hashed and profiled."
    >
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
        {failure ? <UploadError failure={failure} ref={errorRef} what="this dataset" /> : null}
        {v.submittedAt ? <Alert variant="warning">This version was submitted for release; the dataset will be recorded as attached after submission.</Alert> : null}
        <ul className="list-disc pl-5 text-sm text-muted-foreground">
          {v.referenceDataset ? <li>Replaces {v.referenceDataset.name}; the old file stays stored and the audit trail records the change.</li> : null}
          {target ? <li>The CSV needs a “{target}” column (the target of the output schema).</li> : null}
          <li>{v.inputSchema ? 'The recorded input schema stays as it is.' : 'This version has no input schema: it is inferred from the columns (all but the target), and you can edit it afterwards.'}</li>
          <li>
            {v.preprocessing
              ? 'The recorded preprocessing spec stays as it is.'
              : target && !v.submittedAt
                ? 'This version has no preprocessing spec: one is derived from the dataset (z-scores from its means and standard deviations, one-hot for categories), marked for you to review.'
                : 'This version has no preprocessing spec; none is derived here (it needs the output schema’s target, and a version not yet submitted).'}
          </li>
        </ul>
        <DatasetPicker
          file={file}
          progress={progress}
          disabled={busy}
          onChange={(f) => {
            setFile(f);
            setMissingFile(false);
          }}
        />
        <FieldError>{missingFile ? 'Choose a CSV file to attach.' : null}</FieldError>
        <FormActions onCancel={onClose} pending={busy} submitLabel={v.referenceDataset ? 'Replace dataset' : 'Attach dataset'} pendingLabel="Uploading…" />
      </form>
    </Dialog>
  );
}

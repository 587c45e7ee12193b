'use client';
// Edits a version's input and output schema through catalog.updateVersion. Artifacts never change;
// the edit (with its reason) is audited, and flagged if the version was already submitted.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert } from '@/components/ui/alert';
import { FormActions } from '@/components/ui/form-actions';
import { Dialog } from '@/components/ui/dialog';
import { Input } from '@/components/ui/input';
import { FieldHint, Label } from '@/components/ui/label';
import { errorMessage } from '@/lib/trpc/error-message';
import { inputSchemaSchema, outputSchemaSchema } from '@/lib/validation/catalog';
import type { VersionDetail } from '../types';
import { FeatureRowsEditor, fromDraft, toDraft, type FeatureDraft } from './feature-rows-editor';

export function SchemaEditorDialog({ v, onClose }: { v: VersionDetail; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [rows, setRows] = useState<FeatureDraft[]>(() => (v.inputSchema?.features ?? []).map(toDraft));
  const [target, setTarget] = useState(v.outputSchema?.target ?? '');
  const [labels, setLabels] = useState(v.outputSchema?.classLabels?.join(', ') ?? '');
  const [positive, setPositive] = useState(v.outputSchema?.positiveClass ?? '');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const mutation = useMutation(
    trpc.catalog.updateVersion.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.catalog.pathKey() });
        onClose();
      },
    }),
  );

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    if (rows.length === 0 && v.inputSchema) {
      setProblem('An input schema needs at least one feature.');
      return;
    }
    const input = rows.length ? inputSchemaSchema.safeParse({ features: rows.map(fromDraft) }) : null;
    const classLabels = labels.split(',').map((l) => l.trim()).filter(Boolean);
    const output = target.trim()
      ? outputSchemaSchema.safeParse({ target: target.trim(), ...(classLabels.length ? { classLabels } : {}), ...(positive.trim() ? { positiveClass: positive.trim() } : {}) })
      : null;
    const failed = [input, output].find((r) => r && !r.success);
    if (failed && !failed.success) {
      const issue = failed.error.issues[0];
      setProblem(issue ? `${issue.path.join('.') || 'Schema'}: ${issue.message}` : 'The schema is not valid.');
      return;
    }
    mutation.mutate({
      modelId: v.model.id,
      version: v.version,
      ...(input?.success ? { inputSchema: input.data } : {}),
      ...(output?.success ? { outputSchema: output.data } : {}),
      reason: reason.trim() || undefined,
    });
  }

  return (
    <Dialog open onClose={onClose} dismissible={!mutation.isPending} size="lg" title={`Edit schema of v${v.version}`} description="Changes the recorded contract only; the model files stay as uploaded." className="max-w-4xl!">
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-5">
        {problem ? <Alert variant="error">{problem}</Alert> : null}
        {mutation.error ? <Alert variant="error">{errorMessage(mutation.error)}</Alert> : null}
        {v.submittedAt ? <Alert variant="warning">This version was submitted for release; the edit will be flagged as made after submission.</Alert> : null}
        <FeatureRowsEditor rows={rows} onChange={setRows} />
        <fieldset className="grid gap-3 sm:grid-cols-3">
          <legend className="mb-2 text-sm font-semibold">Output schema</legend>
          <div className="flex flex-col gap-1.5">
            <Label htmlFor={`${id}-target`}>Target column</Label>
            <Input id={`${id}-target`} value={target} onChange={(e) => setTarget(e.currentTarget.value)} className="font-mono" />
          </div>
          <div className="flex flex-col gap-1.5">
            <Label htmlFor={`${id}-labels`}>Class labels</Label>
            <Input id={`${id}-labels`} value={labels} onChange={(e) => setLabels(e.currentTarget.value)} placeholder="comma-separated" disabled={v.model.taskType === 'regression'} />
          </div>
          <div className="flex flex-col gap-1.5">
            <Label htmlFor={`${id}-positive`}>Positive class</Label>
            <Input id={`${id}-positive`} value={positive} onChange={(e) => setPositive(e.currentTarget.value)} disabled={v.model.taskType !== 'binary_classification'} />
          </div>
        </fieldset>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor={`${id}-reason`}>Reason for the change</Label>
          <Input id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={500} aria-describedby={`${id}-reason-hint`} />
          <FieldHint id={`${id}-reason-hint`}>Recorded in the audit trail with the change.</FieldHint>
        </div>
        <FormActions onCancel={onClose} pending={mutation.isPending} submitLabel="Save schema" pendingLabel="Saving…" />
      </form>
    </Dialog>
  );
}

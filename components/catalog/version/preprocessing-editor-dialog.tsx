'use client';
// Edits a version's preprocessing spec (raw values -> the model's input tensor) through
// catalog.updateVersion, audited with its reason. Only before submission for release: the server
// refuses a change after that, and its message is shown here. "Derive from reference dataset"
// fills the steps from the input schema and the dataset's profile as a starting point.
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Plus, Wand2 } from 'lucide-react';
import { useId, useState } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { FormActions } from '@/components/ui/form-actions';
import { Input } from '@/components/ui/input';
import { FieldError, FieldHint, Label } from '@/components/ui/label';
import { Select } from '@/components/ui/select';
import { errorMessage } from '@/lib/trpc/error-message';
import { derivePreprocessing } from '@/lib/validation/catalog';
import type { VersionDetail } from '../types';
import { emptyStep, preprocessingFormSchema, toFormValues, toSpec, toStepDraft, type PreprocessingFormValues } from './preprocessing-form';
import { PreprocessingStepRow } from './preprocessing-step-row';

export function PreprocessingEditorDialog({ v, onClose }: { v: VersionDetail; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [notes, setNotes] = useState<string[] | null>(null);
  const form = useForm<PreprocessingFormValues>({ resolver: zodResolver(preprocessingFormSchema(v.inputSchema)), defaultValues: toFormValues(v.preprocessing, v.inputSchema) });
  const steps = useFieldArray({ control: form.control, name: 'steps' });
  const { errors } = form.formState;
  const missing = form.watch('missing');
  const mutation = useMutation(
    trpc.catalog.updateVersion.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.catalog.pathKey() });
        onClose();
      },
    }),
  );
  const profile = v.referenceDataset?.profile;
  const canDerive = !!(v.inputSchema && profile);

  function derive() {
    if (!v.inputSchema || !profile) return;
    const { spec, notes: said } = derivePreprocessing(v.inputSchema, profile);
    steps.replace(spec.steps.map(toStepDraft));
    form.setValue('missing', spec.missingNumeric.strategy);
    setNotes(said);
  }

  const onSubmit = form.handleSubmit((values) => mutation.mutate({ modelId: v.model.id, version: v.version, preprocessing: toSpec(values), reason: values.reason || undefined }));

  return (
    <Dialog open onClose={onClose} dismissible={!mutation.isPending} size="lg" title={`Edit preprocessing of v${v.version}`} description="How raw feature values become the model’s input tensor, in tensor column order. Evaluation and monitoring feed the model exactly this way." className="max-w-5xl!">
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-5">
        {mutation.error ? (
          <Alert variant="error" data-testid="preprocessing-error">
            {errorMessage(mutation.error)}
          </Alert>
        ) : null}
        <div className="flex flex-wrap items-center justify-between gap-3">
          <p className="text-xs text-muted-foreground">
            {canDerive ? 'Z-score constants come from the reference data profile; categories and order from the input schema. Check them against training.' : 'Attach a reference dataset and record an input schema to derive a starting point.'}
          </p>
          <Button variant="outline" size="sm" onClick={derive} disabled={!canDerive}>
            <Wand2 aria-hidden />
            Derive from reference dataset
          </Button>
        </div>
        {notes ? (
          <Alert variant={notes.length ? 'warning' : 'info'} data-testid="derive-notes">
            {notes.length ? notes.join(' ') : 'Derived from the reference dataset. Review the constants, then save.'}
          </Alert>
        ) : null}
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-2 text-sm font-semibold">Steps</legend>
          <datalist id={`${id}-features`}>
            {(v.inputSchema?.features ?? []).map((f) => (
              <option key={f.name} value={f.name} />
            ))}
          </datalist>
          <ol className="flex max-h-[45dvh] flex-col gap-2 overflow-y-auto pr-1">
            {steps.fields.map((field, i) => (
              <PreprocessingStepRow key={field.id} form={form} index={i} count={steps.fields.length} featureListId={`${id}-features`} onMove={(to) => steps.move(i, to)} onRemove={() => steps.remove(i)} />
            ))}
          </ol>
          <FieldError>{errors.steps?.root?.message}</FieldError>
          <Button variant="outline" size="sm" className="self-start" onClick={() => steps.append(emptyStep())}>
            <Plus aria-hidden />
            Add step
          </Button>
        </fieldset>
        <div className="grid gap-3 sm:grid-cols-[16rem_10rem]">
          <div className="flex flex-col gap-1.5">
            <Label htmlFor={`${id}-missing`}>Missing numeric values</Label>
            <Select id={`${id}-missing`} {...form.register('missing')}>
              <option value="mean">Fill with the training mean</option>
              <option value="constant">Fill with a constant</option>
              <option value="drop_row">Drop the row</option>
            </Select>
          </div>
          {missing === 'constant' ? (
            <div className="flex flex-col gap-1.5">
              <Label htmlFor={`${id}-constant`}>Fill value</Label>
              <Input id={`${id}-constant`} inputMode="decimal" aria-invalid={!!errors.constant} aria-describedby={`${id}-constant-error`} {...form.register('constant')} />
              <FieldError id={`${id}-constant-error`}>{errors.constant?.message}</FieldError>
            </div>
          ) : null}
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor={`${id}-reason`}>Reason for the change</Label>
          <Input id={`${id}-reason`} maxLength={500} aria-describedby={`${id}-reason-hint`} {...form.register('reason')} />
          <FieldHint id={`${id}-reason-hint`}>Recorded in the audit trail with the change. Missing categorical values count as an unknown category.</FieldHint>
        </div>
        <FormActions onCancel={onClose} pending={mutation.isPending} submitLabel="Save preprocessing" pendingLabel="Saving…" />
      </form>
    </Dialog>
  );
}

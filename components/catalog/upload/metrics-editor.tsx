'use client';
// Offline metrics reported by training (name/value rows), shown on the version and compared across versions.
import { Plus, Trash2 } from 'lucide-react';
import { useFieldArray, type UseFormReturn } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { FieldError } from '@/components/ui/label';
import type { VersionFormOutput, VersionFormValues } from './version-form-schema';

export function MetricsEditor({ form }: { form: UseFormReturn<VersionFormValues, unknown, VersionFormOutput> }) {
  const { fields, append, remove } = useFieldArray({ control: form.control, name: 'metrics' });
  const errors = form.formState.errors.metrics;
  return (
    <fieldset className="flex flex-col gap-3">
      <legend className="mb-1 text-base font-semibold">Metrics</legend>
      {fields.length === 0 ? <p className="text-sm text-muted-foreground">No metrics yet. Add what training measured, e.g. auc 0.87.</p> : null}
      {fields.map((field, index) => (
        <div key={field.id} data-testid="metric-input-row" className="grid grid-cols-[minmax(0,1fr)_minmax(0,10rem)_auto] items-start gap-2">
          <div>
            <Input aria-label={`Metric ${index + 1} name`} placeholder="auc" className="font-mono" aria-invalid={!!errors?.[index]?.name} {...form.register(`metrics.${index}.name`)} />
            <FieldError>{errors?.[index]?.name?.message}</FieldError>
          </div>
          <div>
            <Input aria-label={`Metric ${index + 1} value`} inputMode="decimal" placeholder="0.87" className="tabular-nums" aria-invalid={!!errors?.[index]?.value} {...form.register(`metrics.${index}.value`)} />
            <FieldError>{errors?.[index]?.value?.message}</FieldError>
          </div>
          <Button variant="ghost" size="icon" onClick={() => remove(index)} aria-label={`Remove metric ${index + 1}`}>
            <Trash2 aria-hidden />
          </Button>
        </div>
      ))}
      <Button variant="outline" size="sm" className="self-start" onClick={() => append({ name: '', value: '' })}>
        <Plus aria-hidden />
        Add metric
      </Button>
    </fieldset>
  );
}

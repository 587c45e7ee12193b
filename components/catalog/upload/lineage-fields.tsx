'use client';
// Where the version came from: training data, code, the run, and the version it was derived from.
import { useId } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { describedBy, FormField } from '../forms/form-field';
import type { VersionFormOutput, VersionFormValues } from './version-form-schema';

type LineageKey = keyof VersionFormValues['lineage'];

export function LineageFields({ form, versions }: { form: UseFormReturn<VersionFormValues, unknown, VersionFormOutput>; versions: number[] }) {
  const id = useId();
  const errors = form.formState.errors.lineage;
  const text = (key: LineageKey, label: string, props: { hint?: string; placeholder?: string; mono?: boolean; type?: string } = {}) => (
    <FormField id={`${id}-${key}`} label={label} hint={props.hint} error={errors?.[key]?.message}>
      <Input
        id={`${id}-${key}`}
        type={props.type}
        placeholder={props.placeholder}
        className={props.mono ? 'font-mono' : undefined}
        aria-invalid={!!errors?.[key]}
        aria-describedby={describedBy(`${id}-${key}`)}
        {...form.register(`lineage.${key}`)}
      />
    </FormField>
  );
  return (
    <fieldset className="flex flex-col gap-4">
      <legend className="mb-1 text-base font-semibold">Lineage</legend>
      <div className="grid gap-4 md:grid-cols-2">
        {text('datasetName', 'Training dataset name', { placeholder: 'credit-2024-q4' })}
        {text('datasetSha256', 'Training dataset SHA-256', { mono: true, hint: '64 lowercase hex digits.' })}
        {text('codeRepository', 'Code repository', { placeholder: 'https://git.example.com/team/churn' })}
        {text('commit', 'Commit', { mono: true, placeholder: 'abc1234' })}
        <FormField id={`${id}-parent`} label="Parent version" hint="The version this one was derived from, if any." error={errors?.parentVersion?.message}>
          <Select id={`${id}-parent`} aria-describedby={describedBy(`${id}-parent`)} {...form.register('lineage.parentVersion')}>
            <option value="">None</option>
            {versions.map((v) => (
              <option key={v} value={String(v)}>
                v{v}
              </option>
            ))}
          </Select>
        </FormField>
        {text('trainingRunUrl', 'Training run URL', { type: 'url', placeholder: 'https://mlflow.example.com/runs/…' })}
      </div>
    </fieldset>
  );
}

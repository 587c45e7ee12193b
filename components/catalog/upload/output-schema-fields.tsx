'use client';
// What the model predicts: the target column and, for classifiers, the class labels in the order
// of the model's outputs (and the positive class of a binary classifier).
import { useId } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import { Input } from '@/components/ui/input';
import type { TaskType } from '@/lib/validation/catalog';
import { describedBy, FormField } from '../forms/form-field';
import type { VersionFormOutput, VersionFormValues } from './version-form-schema';

export function OutputSchemaFields({ form, taskType }: { form: UseFormReturn<VersionFormValues, unknown, VersionFormOutput>; taskType: TaskType }) {
  const id = useId();
  const { errors } = form.formState;
  const classifier = taskType !== 'regression';
  return (
    <fieldset className="flex flex-col gap-4">
      <legend className="mb-1 text-base font-semibold">Output schema</legend>
      <div className="grid gap-4 md:grid-cols-3">
        <FormField id={`${id}-target`} label="Target column" hint="The label column in datasets: what the model predicts." error={errors.target?.message}>
          <Input id={`${id}-target`} className="font-mono" aria-invalid={!!errors.target} aria-describedby={describedBy(`${id}-target`)} {...form.register('target')} />
        </FormField>
        {classifier ? (
          <FormField
            id={`${id}-labels`}
            label="Class labels"
            hint={`Comma-separated, in the order of the model’s outputs${taskType === 'binary_classification' ? ' (two labels)' : ' (three or more)'}.`}
            error={errors.classLabels?.message}
          >
            <Input id={`${id}-labels`} placeholder={taskType === 'binary_classification' ? 'no, yes' : 'setosa, versicolor, virginica'} aria-invalid={!!errors.classLabels} aria-describedby={describedBy(`${id}-labels`)} {...form.register('classLabels')} />
          </FormField>
        ) : null}
        {taskType === 'binary_classification' ? (
          <FormField id={`${id}-positive`} label="Positive class" hint="The label the model’s single output is the probability of." error={errors.positiveClass?.message}>
            <Input id={`${id}-positive`} placeholder="yes" aria-invalid={!!errors.positiveClass} aria-describedby={describedBy(`${id}-positive`)} {...form.register('positiveClass')} />
          </FormField>
        ) : null}
      </div>
    </fieldset>
  );
}

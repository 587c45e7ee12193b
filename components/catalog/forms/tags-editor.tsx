'use client';
// Key/value rows for a model's tags (e.g. domain: credit). A key without a value is a plain label.
import { Plus, Trash2 } from 'lucide-react';
import { useFieldArray, type UseFormReturn } from 'react-hook-form';
import type { z } from 'zod';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { FieldError } from '@/components/ui/label';
import type { registerModelSchema, RegisterModelInput } from '@/lib/validation/catalog';

type ModelForm = UseFormReturn<RegisterModelInput, unknown, z.output<typeof registerModelSchema>>;

export function TagsEditor({ idPrefix, form }: { idPrefix: string; form: ModelForm }) {
  const { fields, append, remove } = useFieldArray({ control: form.control, name: 'tags' });
  const { errors } = form.formState;
  const register = form.register;
  const rootError = errors.tags?.root?.message ?? errors.tags?.message;
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-2 text-sm font-medium">Tags</legend>
      {fields.length === 0 ? <p className="text-xs text-muted-foreground">No tags. Tags help people find the model, e.g. domain: credit.</p> : null}
      {fields.map((field, index) => {
        const keyError = errors.tags?.[index]?.key?.message;
        const valueError = errors.tags?.[index]?.value?.message;
        return (
          <div key={field.id} className="grid grid-cols-[minmax(0,1fr)_minmax(0,1.5fr)_auto] items-start gap-2" data-testid="tag-row">
            <div>
              <Input aria-label={`Tag ${index + 1} key`} placeholder="key" className="font-mono" aria-invalid={!!keyError} {...register(`tags.${index}.key`)} />
              <FieldError>{keyError}</FieldError>
            </div>
            <div>
              <Input aria-label={`Tag ${index + 1} value`} placeholder="value (optional)" aria-invalid={!!valueError} {...register(`tags.${index}.value`)} />
              <FieldError>{valueError}</FieldError>
            </div>
            <Button variant="ghost" size="icon" onClick={() => remove(index)} aria-label={`Remove tag ${index + 1}`}>
              <Trash2 aria-hidden />
            </Button>
          </div>
        );
      })}
      <FieldError id={`${idPrefix}-tags-error`}>{rootError}</FieldError>
      <Button variant="outline" size="sm" className="self-start" onClick={() => append({ key: '', value: '' })}>
        <Plus aria-hidden />
        Add tag
      </Button>
    </fieldset>
  );
}

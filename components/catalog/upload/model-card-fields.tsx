'use client';
// The ten model card sections (Mitchell et al., 2019), collapsed by default: they can be written
// now or later on the version page, and the completeness shows on every version.
import { ChevronRight } from 'lucide-react';
import { useId } from 'react';
import { useWatch, type UseFormReturn } from 'react-hook-form';
import { MODEL_CARD_FIELDS } from '@/lib/validation/catalog';
import { MarkdownField } from '../forms/markdown-field';
import type { VersionFormOutput, VersionFormValues } from './version-form-schema';

export function ModelCardFields({ form }: { form: UseFormReturn<VersionFormValues, unknown, VersionFormOutput> }) {
  const id = useId();
  // useWatch re-renders only this section as people type, not the whole form.
  const card = useWatch({ control: form.control, name: 'modelCard' });
  const filled = MODEL_CARD_FIELDS.filter(([key]) => card[key]?.trim()).length;
  return (
    <details className="group rounded-xl border border-border bg-card" data-testid="model-card-fields">
      <summary className="flex cursor-pointer list-none items-center gap-2 px-4 py-3 text-base font-semibold [&::-webkit-details-marker]:hidden">
        <ChevronRight aria-hidden className="size-4 transition-transform group-open:rotate-90" />
        Model card
        <span className="ml-auto text-sm font-normal text-muted-foreground">
          {filled} of {MODEL_CARD_FIELDS.length} sections written
        </span>
      </summary>
      <div className="grid gap-5 border-t border-border px-4 py-4 lg:grid-cols-2">
        {MODEL_CARD_FIELDS.map(([key, label]) => (
          <MarkdownField key={key} id={`${id}-${key}`} label={label} value={card[key]} rows={3} textareaProps={form.register(`modelCard.${key}`)} />
        ))}
      </div>
    </details>
  );
}

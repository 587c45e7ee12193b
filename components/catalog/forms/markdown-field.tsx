'use client';
// A Markdown textarea with a Preview toggle, so authors see what readers will see.
import { Eye, Pencil } from 'lucide-react';
import { useState, type ComponentProps } from 'react';
import { Button } from '@/components/ui/button';
import { Textarea } from '@/components/ui/input';
import { FieldError, FieldHint, Label } from '@/components/ui/label';
import { Markdown } from '@/components/ui/markdown';

type MarkdownFieldProps = {
  id: string;
  label: string;
  /** The field's current text, for the preview. */
  value: string | undefined;
  hint?: string;
  error?: string;
  rows?: number;
  textareaProps: ComponentProps<'textarea'>;
};

export function MarkdownField({ id, label, value, hint = 'Markdown: **bold**, lists, links, tables.', error, rows = 4, textareaProps }: MarkdownFieldProps) {
  const [preview, setPreview] = useState(false);
  return (
    <div className="flex flex-col gap-2">
      <div className="flex items-center justify-between gap-2">
        <Label htmlFor={id}>{label}</Label>
        <Button size="sm" variant="ghost" aria-pressed={preview} onClick={() => setPreview((p) => !p)} className="h-7">
          {preview ? <Pencil aria-hidden /> : <Eye aria-hidden />}
          {preview ? 'Write' : 'Preview'}
          <span className="sr-only"> {label}</span>
        </Button>
      </div>
      {/* The textarea stays mounted (hidden) while previewing, so the form keeps its value and ref. */}
      <Textarea id={id} rows={rows} hidden={preview} aria-invalid={!!error} aria-describedby={`${id}-hint ${id}-error`} {...textareaProps} />
      {preview ? (
        <div className="min-h-16 rounded-md border border-dashed border-border bg-muted/20 px-3 py-2">
          <Markdown>{value}</Markdown>
        </div>
      ) : null}
      <FieldHint id={`${id}-hint`}>{hint}</FieldHint>
      <FieldError id={`${id}-error`}>{error}</FieldError>
    </div>
  );
}

import type { ReactNode } from 'react';
import { FieldError, FieldHint, Label } from '@/components/ui/label';

/**
 * A label, one control, an optional hint and the field's error. The control should carry
 * id={id} and aria-describedby={describedBy(id)} so the hint and error are read with it.
 */
export function FormField({ id, label, hint, error, className, children }: { id: string; label: string; hint?: ReactNode; error?: string; className?: string; children: ReactNode }) {
  return (
    <div className={`flex min-w-0 flex-col gap-2 ${className ?? ''}`}>
      <Label htmlFor={id}>{label}</Label>
      {children}
      {hint ? <FieldHint id={`${id}-hint`}>{hint}</FieldHint> : null}
      <FieldError id={`${id}-error`}>{error}</FieldError>
    </div>
  );
}

export const describedBy = (id: string) => `${id}-hint ${id}-error`;

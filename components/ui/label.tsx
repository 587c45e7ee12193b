import { clsx } from 'clsx';
import type { HTMLAttributes, LabelHTMLAttributes, ReactNode } from 'react';

export function Label({ className, ...props }: LabelHTMLAttributes<HTMLLabelElement>) {
  return <label className={clsx('text-sm leading-none font-medium text-foreground', className)} {...props} />;
}

/** Hint under a field; pair its id with the field's aria-describedby. */
export function FieldHint({ className, ...props }: HTMLAttributes<HTMLParagraphElement>) {
  return <p className={clsx('text-xs text-muted-foreground', className)} {...props} />;
}

/** A field's own validation message, announced when it appears. */
export function FieldError({ id, children }: { id?: string; children?: ReactNode }) {
  if (!children) return null;
  return (
    <p id={id} role="alert" className="text-xs font-medium text-destructive">
      {children}
    </p>
  );
}

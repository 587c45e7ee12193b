import { clsx } from 'clsx';
import type { ComponentProps } from 'react';

// React 19 passes `ref` as a prop, so react-hook-form's register() and useRef reach the element.
export const fieldClasses = clsx(
  'w-full rounded-md border border-input bg-card px-3 text-sm text-foreground shadow-xs transition-colors',
  'placeholder:text-muted-foreground/80 disabled:cursor-not-allowed disabled:opacity-60',
  'focus-visible:border-ring focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-ring/40',
  'aria-invalid:border-destructive',
);

export function Input({ className, ...props }: ComponentProps<'input'>) {
  return <input className={clsx(fieldClasses, 'h-9', className)} {...props} />;
}

export function Textarea({ className, rows = 3, ...props }: ComponentProps<'textarea'>) {
  return <textarea rows={rows} className={clsx(fieldClasses, 'min-h-16 py-2', className)} {...props} />;
}

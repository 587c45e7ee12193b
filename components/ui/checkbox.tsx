import { clsx } from 'clsx';
import type { ComponentProps } from 'react';

/** A native checkbox (keyboard and form behaviour for free), tinted with the theme's primary. */
export function Checkbox({ className, ...props }: Omit<ComponentProps<'input'>, 'type'>) {
  return (
    <input
      type="checkbox"
      className={clsx('size-4 shrink-0 cursor-pointer rounded border-input accent-primary disabled:cursor-not-allowed', className)}
      {...props}
    />
  );
}

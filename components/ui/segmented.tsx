// A segmented control: a group of buttons of which one is pressed (time range, chart detail,
// alert state filter). The group carries the label; each button says whether it is pressed.
import { clsx } from 'clsx';
import type { ComponentProps } from 'react';

export function SegmentedGroup({ className, ...props }: ComponentProps<'div'>) {
  return <div role="group" className={clsx('inline-flex items-center rounded-md border border-border bg-card p-0.5 shadow-xs', className)} {...props} />;
}

export function SegmentButton({ pressed, className, ...props }: Omit<ComponentProps<'button'>, 'aria-pressed'> & { pressed: boolean }) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      className={clsx('inline-flex items-center gap-1 rounded px-2.5 py-1 text-xs font-medium transition-colors', pressed ? 'bg-primary text-primary-foreground' : 'text-muted-foreground hover:bg-muted hover:text-foreground', className)}
      {...props}
    />
  );
}

import { clsx } from 'clsx';
import type { HTMLAttributes } from 'react';

export type BadgeVariant = 'neutral' | 'primary' | 'success' | 'warning' | 'destructive' | 'outline';

const VARIANTS: Record<BadgeVariant, string> = {
  neutral: 'bg-muted text-foreground/80 border-transparent',
  primary: 'bg-accent text-accent-foreground border-transparent',
  success: 'bg-success/12 text-success border-success/25',
  warning: 'bg-warning/12 text-warning border-warning/30',
  destructive: 'bg-destructive/10 text-destructive border-destructive/25',
  outline: 'bg-transparent text-muted-foreground border-border',
};

export function Badge({ variant = 'neutral', className, ...props }: HTMLAttributes<HTMLSpanElement> & { variant?: BadgeVariant }) {
  return (
    <span
      className={clsx(
        'inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs leading-4 font-medium whitespace-nowrap',
        VARIANTS[variant],
        className,
      )}
      {...props}
    />
  );
}

import { clsx } from 'clsx';

/** A determinate progress bar; `label` names it for assistive technology (e.g. "Upload progress for model.json"). */
export function Progress({ value, label, className, tone = 'primary', ...props }: { value: number; label: string; className?: string; tone?: 'primary' | 'success' | 'destructive'; 'data-testid'?: string }) {
  const clamped = Math.max(0, Math.min(100, Math.round(value)));
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={clamped}
      aria-valuetext={`${clamped}%`}
      className={clsx('h-2 w-full overflow-hidden rounded-full bg-muted', className)}
      {...props}
    >
      <div
        className={clsx('h-full rounded-full transition-[width] duration-200', { primary: 'bg-primary', success: 'bg-success', destructive: 'bg-destructive' }[tone])}
        style={{ width: `${clamped}%` }}
      />
    </div>
  );
}

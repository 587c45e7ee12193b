// An on/off setting drawn as a switch: a native checkbox with role="switch", so keyboard, forms and
// screen readers behave as they do for a checkbox, with its label and a line on what it means.
import { clsx } from 'clsx';
import { useId, type ReactNode } from 'react';

type GateSwitchProps = {
  label: string;
  description?: ReactNode;
  checked: boolean;
  onCheckedChange: (checked: boolean) => void;
  disabled?: boolean;
  'data-testid'?: string;
};

export function GateSwitch({ label, description, checked, onCheckedChange, disabled, ...props }: GateSwitchProps) {
  const id = useId();
  return (
    <div className={clsx('flex items-start gap-3', disabled && 'opacity-70')} data-testid={props['data-testid']}>
      <span className="relative mt-0.5 inline-flex shrink-0">
        <input
          id={id}
          type="checkbox"
          role="switch"
          checked={checked}
          disabled={disabled}
          aria-describedby={description ? `${id}-description` : undefined}
          onChange={(e) => onCheckedChange(e.currentTarget.checked)}
          className="peer absolute inset-0 z-10 m-0 cursor-pointer opacity-0 disabled:cursor-not-allowed"
        />
        <span
          aria-hidden
          className={clsx(
            'flex h-5 w-9 items-center rounded-full border border-transparent bg-input p-0.5 transition-colors',
            'peer-checked:bg-primary peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-ring',
            'peer-checked:[&>span]:translate-x-4',
          )}
        >
          <span className="size-4 rounded-full bg-card shadow-sm transition-transform" />
        </span>
      </span>
      <div className="flex min-w-0 flex-col gap-0.5">
        <label htmlFor={id} className={clsx('text-sm leading-5 font-medium', disabled ? 'cursor-not-allowed' : 'cursor-pointer')}>
          {label}
        </label>
        {description ? (
          <p id={`${id}-description`} className="text-xs text-muted-foreground">
            {description}
          </p>
        ) : null}
      </div>
    </div>
  );
}

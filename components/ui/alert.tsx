import { clsx } from 'clsx';
import { CircleCheck, Info, TriangleAlert } from 'lucide-react';
import type { HTMLAttributes, ReactNode } from 'react';

type AlertVariant = 'info' | 'success' | 'warning' | 'error';

const VARIANTS: Record<AlertVariant, string> = {
  info: 'border-border bg-muted/60 text-foreground',
  success: 'border-success/30 bg-success/8 text-foreground',
  warning: 'border-warning/35 bg-warning/10 text-foreground',
  error: 'border-destructive/35 bg-destructive/8 text-foreground',
};

const ICONS: Record<AlertVariant, ReactNode> = {
  info: <Info className="text-muted-foreground" />,
  success: <CircleCheck className="text-success" />,
  warning: <TriangleAlert className="text-warning" />,
  error: <TriangleAlert className="text-destructive" />,
};

type AlertProps = Omit<HTMLAttributes<HTMLDivElement>, 'title'> & { variant?: AlertVariant; title?: ReactNode };

/** Errors are role="alert" (announced at once); other variants are polite role="status" unless told. */
export function Alert({ variant = 'info', title, className, children, role, ...props }: AlertProps) {
  return (
    <div
      role={role ?? (variant === 'error' ? 'alert' : 'status')}
      className={clsx('flex gap-3 rounded-lg border px-4 py-3 text-sm [&>svg]:mt-0.5 [&>svg]:size-4 [&>svg]:shrink-0', VARIANTS[variant], className)}
      {...props}
    >
      {ICONS[variant]}
      <div className="flex min-w-0 flex-col gap-1">
        {title ? <p className="font-medium">{title}</p> : null}
        {children ? <div className="text-foreground/85 [overflow-wrap:anywhere]">{children}</div> : null}
      </div>
    </div>
  );
}

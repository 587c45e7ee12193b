'use client';
// A modal built on the native <dialog>: showModal() gives focus trapping, Escape to close, an inert
// page behind and top-layer stacking without a library. The parent owns `open`.
import { clsx } from 'clsx';
import { X } from 'lucide-react';
import { useEffect, useId, useLayoutEffect, useRef, type ReactNode } from 'react';

type DialogProps = {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  /** Buttons row at the bottom, right aligned. */
  footer?: ReactNode;
  /** md for confirmations, lg for forms with a grid of fields. */
  size?: 'md' | 'lg';
  className?: string;
  /** Data-loss guard: set while a save is in flight so Escape cannot drop it. */
  dismissible?: boolean;
};

export function Dialog({ open, onClose, title, description, children, footer, size = 'md', className, dismissible = true }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  // Unmounted while open (the parent dropped it): close first, so focus returns to the opener
  // instead of falling to <body>. A layout effect runs before the element leaves the DOM.
  useLayoutEffect(() => {
    const dialog = ref.current;
    return () => {
      if (dialog?.open) dialog.close();
    };
  }, []);

  // The native close (Escape, form method=dialog) must flow back into the parent's state.
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const handleClose = () => onClose();
    const handleCancel = (event: Event) => {
      if (!dismissible) event.preventDefault();
    };
    dialog.addEventListener('close', handleClose);
    dialog.addEventListener('cancel', handleCancel);
    return () => {
      dialog.removeEventListener('close', handleClose);
      dialog.removeEventListener('cancel', handleCancel);
    };
  }, [onClose, dismissible]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      className={clsx(
        'w-[calc(100vw-2rem)] rounded-xl border border-border bg-card p-0 text-card-foreground shadow-2xl',
        'max-h-[calc(100dvh-2rem)] backdrop:bg-black/50 backdrop:backdrop-blur-[1px]',
        size === 'lg' ? 'max-w-2xl' : 'max-w-lg',
        className,
      )}
    >
      {/* Children mount only while open, so every opening starts from a fresh form. */}
      {open ? (
        <div className="relative flex flex-col">
          <div className="flex min-w-0 flex-col gap-1 px-6 pt-5 pr-12 pb-2">
            <h2 id={titleId} className="text-base font-semibold tracking-tight">
              {title}
            </h2>
            {description ? (
              <p id={descriptionId} className="text-sm text-muted-foreground">
                {description}
              </p>
            ) : null}
          </div>
          {children ? <div className="px-6 py-3">{children}</div> : null}
          {footer ? <div className="flex flex-wrap justify-end gap-2 border-t border-border bg-muted/30 px-6 py-3">{footer}</div> : null}
          {/* Last in DOM order so showModal() puts focus on the first field, not on Close. */}
          <button
            type="button"
            onClick={() => dismissible && onClose()}
            disabled={!dismissible}
            aria-label="Close"
            className="absolute top-4 right-4 rounded-md p-1.5 text-muted-foreground hover:bg-muted hover:text-foreground disabled:opacity-50"
          >
            <X className="size-4" aria-hidden />
          </button>
        </div>
      ) : null}
    </dialog>
  );
}

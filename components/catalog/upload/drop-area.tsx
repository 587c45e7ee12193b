'use client';
// A dashed area that accepts dropped files and folders and hosts the buttons that open the file
// pickers (the keyboard way in). The pickers themselves are visually hidden inputs, labelled.
import { clsx } from 'clsx';
import { UploadCloud } from 'lucide-react';
import { useState, type DragEvent, type ReactNode } from 'react';
import { collectDroppedFiles, type Collected } from './collect-files';

type DropAreaProps = {
  testId: string;
  title: ReactNode;
  hint: ReactNode;
  disabled?: boolean;
  onFiles: (collected: Collected) => void;
  children: ReactNode;
};

export function DropArea({ testId, title, hint, disabled, onFiles, children }: DropAreaProps) {
  const [over, setOver] = useState(false);

  function onDragOver(event: DragEvent) {
    if (disabled) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setOver(true);
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setOver(false);
    if (disabled) return;
    void collectDroppedFiles(event.dataTransfer).then(onFiles);
  }

  return (
    <div
      data-testid={testId}
      data-dragging={over || undefined}
      onDragOver={onDragOver}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(false);
      }}
      onDrop={onDrop}
      className={clsx(
        'flex flex-col items-center gap-3 rounded-xl border-2 border-dashed px-4 py-6 text-center transition-colors',
        over ? 'border-primary bg-accent/50' : 'border-border bg-muted/20',
        disabled && 'opacity-60',
      )}
    >
      <UploadCloud aria-hidden className={clsx('size-7', over ? 'text-primary' : 'text-muted-foreground')} />
      <div className="flex flex-col gap-1">
        <p className="text-sm font-medium">{title}</p>
        <p className="text-xs text-muted-foreground">{hint}</p>
      </div>
      <div className="flex flex-wrap justify-center gap-2">{children}</div>
    </div>
  );
}

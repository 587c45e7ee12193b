'use client';
// A secret shown once (a temporary password, an API token): selectable, with a copy button that
// says when the clipboard refused, so the value can still be copied by hand.
import { Check, Copy } from 'lucide-react';
import { useState } from 'react';
import { Alert } from './alert';
import { Button } from './button';

export function SecretValue({ value, noun, testId, className }: { value: string; noun: string; testId: string; className?: string }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      // Clipboard access can be refused (permissions, insecure origin); the value stays selectable.
      setCopied('failed');
    }
  }

  return (
    <>
      <div className="flex flex-wrap items-center gap-2">
        <code
          data-testid={testId}
          className={`min-w-0 flex-1 rounded-md border border-border px-3 py-2 font-mono text-sm tracking-wide select-all [overflow-wrap:anywhere] ${className ?? 'bg-muted'}`}
        >
          {value}
        </code>
        <Button variant="outline" onClick={copy} autoFocus data-autofocus>
          {copied === 'yes' ? <Check aria-hidden /> : <Copy aria-hidden />}
          {copied === 'yes' ? 'Copied' : 'Copy'}
        </Button>
      </div>
      <p role="status" className="sr-only">
        {copied === 'yes' ? `The ${noun} was copied to the clipboard.` : ''}
      </p>
      {copied === 'failed' ? <Alert variant="warning">Could not copy automatically. Select the {noun} and copy it by hand.</Alert> : null}
    </>
  );
}

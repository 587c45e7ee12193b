'use client';
// A token just created: shown exactly once, with a copy button. It lives only in this component's
// state; dismissing it drops it for good (the server keeps only a hash).
import { Check, Copy } from 'lucide-react';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';

export type CreatedToken = { name: string; token: string };

export function NewApiToken({ created, onDone }: { created: CreatedToken; onDone: () => void }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(created.token);
      setCopied('yes');
    } catch {
      // Clipboard access can be refused (permissions, insecure origin); the value stays selectable.
      setCopied('failed');
    }
  }

  return (
    <section aria-label="New API token" className="flex flex-col gap-3 rounded-lg border border-success/30 bg-success/8 p-4">
      <p className="text-sm font-medium">Token “{created.name}” created</p>
      <div className="flex flex-wrap items-center gap-2">
        <code data-testid="new-api-token" className="min-w-0 flex-1 rounded-md border border-border bg-card px-3 py-2 font-mono text-sm select-all [overflow-wrap:anywhere]">
          {created.token}
        </code>
        <Button variant="outline" onClick={copy} autoFocus>
          {copied === 'yes' ? <Check aria-hidden /> : <Copy aria-hidden />}
          {copied === 'yes' ? 'Copied' : 'Copy'}
        </Button>
      </div>
      <p role="status" className="sr-only">
        {copied === 'yes' ? 'Token copied to the clipboard.' : ''}
      </p>
      {copied === 'failed' ? <Alert variant="warning">Could not copy automatically. Select the token and copy it by hand.</Alert> : null}
      <Alert variant="warning" role="note">
        Copy it now: it won’t be shown again. Store it in your CI’s secret store, never in code.
      </Alert>
      <Button variant="secondary" size="sm" className="self-start" onClick={onDone}>
        I have stored it
      </Button>
    </section>
  );
}

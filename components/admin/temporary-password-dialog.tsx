'use client';
// Shows a generated password once. It lives only in this component's state: closing the dialog
// drops it, and it is never stored or shown again.
import { Check, Copy } from 'lucide-react';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';

type Created = { name: string; email: string; temporaryPassword: string };

export function TemporaryPasswordDialog({ created, onClose }: { created: Created | null; onClose: () => void }) {
  return (
    <Dialog
      open={!!created}
      onClose={onClose}
      title="Temporary password"
      description={created ? `${created.name} (${created.email}) was added. Give them this password through a secure channel.` : undefined}
      footer={<Button onClick={onClose}>Done</Button>}
    >
      {created ? <PasswordValue value={created.temporaryPassword} /> : null}
    </Dialog>
  );
}

function PasswordValue({ value }: { value: string }) {
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
    <div className="flex flex-col gap-4">
      <div className="flex items-center gap-2">
        <code
          data-testid="temporary-password"
          className="flex-1 rounded-md border border-border bg-muted px-3 py-2 font-mono text-sm tracking-wide select-all [overflow-wrap:anywhere]"
        >
          {value}
        </code>
        <Button variant="outline" onClick={copy} data-autofocus>
          {copied === 'yes' ? <Check aria-hidden /> : <Copy aria-hidden />}
          {copied === 'yes' ? 'Copied' : 'Copy'}
        </Button>
      </div>
      <p role="status" className="sr-only">
        {copied === 'yes' ? 'Password copied to the clipboard.' : ''}
      </p>
      {copied === 'failed' ? <Alert variant="warning">Could not copy automatically. Select the password and copy it by hand.</Alert> : null}
      <Alert variant="warning" role="note">
        This password is shown only once. Ask them to change it in Settings after they first sign in.
      </Alert>
    </div>
  );
}

'use client';
// Shows a generated password once. It lives only in this component's state: closing the dialog
// drops it, and it is never stored or shown again.
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { SecretValue } from '@/components/ui/secret-value';

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
  return (
    <div className="flex flex-col gap-4">
      <SecretValue value={value} noun="password" testId="temporary-password" />
      <Alert variant="warning" role="note">
        This password is shown only once. Ask them to change it in Settings after they first sign in.
      </Alert>
    </div>
  );
}

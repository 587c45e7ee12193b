'use client';
// Shows a new webhook's signing secret once. It lives only in this component's state: closing the
// dialog drops it, and the server never returns it again.
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { SecretValue } from '@/components/ui/secret-value';

export type CreatedWebhook = { name: string; secret: string };

export function WebhookSecretDialog({ created, onClose }: { created: CreatedWebhook | null; onClose: () => void }) {
  return (
    <Dialog
      open={!!created}
      onClose={onClose}
      title="Signing secret"
      description={created ? `“${created.name}” was added. Give its receiver this secret to verify each delivery.` : undefined}
      footer={<Button onClick={onClose}>Done</Button>}
      size="lg"
    >
      {created ? (
        <div className="flex flex-col gap-4">
          <SecretValue value={created.secret} noun="secret" testId="webhook-secret" />
          <Alert variant="info" role="note">
            Each delivery carries <code className="font-mono">Modelgate-Signature: t=&lt;unix time&gt;,v1=&lt;hex&gt;</code>, where v1 is HMAC-SHA256 of{' '}
            <code className="font-mono">&lt;t&gt;.&lt;raw body&gt;</code> with this secret. Compare in constant time and refuse old timestamps.
          </Alert>
          <Alert variant="warning" role="note">
            This secret is shown only once. To change it, delete the webhook and add it again.
          </Alert>
        </div>
      ) : null}
    </Dialog>
  );
}

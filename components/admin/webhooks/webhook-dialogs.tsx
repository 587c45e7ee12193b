'use client';
// Editing a webhook (name, URL, events; the secret stays) and confirming its deletion.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { errorMessage } from '@/lib/trpc/error-message';
import { WEBHOOK_EVENT_TYPES } from '@/lib/validation/webhooks';
import { WebhookForm } from './webhook-form';
import type { WebhookRow } from './types';

export function EditWebhookDialog({ webhook, onClose }: { webhook: WebhookRow; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const update = useMutation(
    trpc.webhooks.update.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.webhooks.pathKey() });
        onClose();
      },
    }),
  );
  return (
    <Dialog open onClose={onClose} title={`Edit ${webhook.name}`} description="Its signing secret stays the same. Deliveries already queued go to the new URL." size="lg" dismissible={!update.isPending}>
      <WebhookForm
        initial={{ name: webhook.name, url: webhook.url, eventTypes: WEBHOOK_EVENT_TYPES.filter((t) => webhook.eventTypes.includes(t)) }}
        error={update.error ? errorMessage(update.error) : null}
        pending={update.isPending}
        submitLabel="Save changes"
        pendingLabel="Saving…"
        onCancel={onClose}
        onSubmit={(values) => update.mutate({ webhookId: webhook.id, ...values })}
      />
    </Dialog>
  );
}

export function DeleteWebhookDialog({ webhook, onClose }: { webhook: WebhookRow; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remove = useMutation(
    trpc.webhooks.delete.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.webhooks.pathKey() });
        onClose();
      },
    }),
  );
  return (
    <Dialog
      open
      onClose={onClose}
      title={`Delete ${webhook.name}?`}
      description="Its deliveries are deleted with it and nothing more is sent to it, including retries still waiting. The audit trail keeps the record."
      dismissible={!remove.isPending}
      footer={
        <>
          <Button variant="outline" onClick={onClose} disabled={remove.isPending}>
            Cancel
          </Button>
          <Button variant="destructive" onClick={() => remove.mutate({ webhookId: webhook.id })} disabled={remove.isPending}>
            {remove.isPending ? 'Deleting…' : 'Delete webhook'}
          </Button>
        </>
      }
    >
      {remove.error ? <Alert variant="error">{errorMessage(remove.error)}</Alert> : null}
    </Dialog>
  );
}

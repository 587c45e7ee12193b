'use client';
// "Add webhook": name, URL and event types. The signing secret the server generates is shown once
// afterwards, for the receiver to verify Modelgate-Signature with.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Plus } from 'lucide-react';
import { useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { errorMessage } from '@/lib/trpc/error-message';
import { WebhookForm } from './webhook-form';
import { WebhookSecretDialog, type CreatedWebhook } from './webhook-secret-dialog';

export function AddWebhookButton() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<CreatedWebhook | null>(null);
  const create = useMutation(
    trpc.webhooks.create.mutationOptions({
      onSuccess: async ({ webhook, secret }) => {
        await queryClient.invalidateQueries({ queryKey: trpc.webhooks.pathKey() });
        setOpen(false);
        setCreated({ name: webhook.name, secret });
      },
    }),
  );
  return (
    <>
      <Button
        onClick={() => {
          create.reset();
          setOpen(true);
        }}
      >
        <Plus aria-hidden />
        Add webhook
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title="Add webhook" description="Modelgate sends the events you pick to this URL, signed, and retries when it fails." size="lg" dismissible={!create.isPending}>
        {open ? (
          <WebhookForm
            initial={{ name: '', url: '', eventTypes: [] }}
            error={create.error ? errorMessage(create.error) : null}
            pending={create.isPending}
            submitLabel="Create webhook"
            pendingLabel="Creating…"
            onCancel={() => setOpen(false)}
            onSubmit={(values) => create.mutate({ ...values, enabled: true })}
          />
        ) : null}
      </Dialog>
      <WebhookSecretDialog created={created} onClose={() => setCreated(null)} />
    </>
  );
}

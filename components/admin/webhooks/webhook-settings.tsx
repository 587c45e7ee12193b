'use client';
// The one webhook setting: whether webhooks may target private, loopback and link-local addresses
// (for on-premise receivers on the internal network). Changing it is confirmed and audited.
import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Dialog } from '@/components/ui/dialog';
import { Textarea } from '@/components/ui/input';
import { FieldHint, Label } from '@/components/ui/label';
import { Skeleton } from '@/components/ui/skeleton';
import { errorMessage } from '@/lib/trpc/error-message';

export function WebhookSettings() {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.webhooks.settings.queryOptions());
  const [confirming, setConfirming] = useState(false);
  const allowed = data.allowPrivateTargets;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Private targets</CardTitle>
        <CardDescription>
          Every delivery resolves the receiver’s address itself, and again on each redirect. By default it refuses loopback, private (10/8, 172.16/12, 192.168/16), link-local and cloud metadata (169.254.169.254), carrier-grade NAT, unique-local IPv6 and multicast addresses.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm" data-testid="private-targets" data-allowed={allowed}>
          {allowed ? 'Allowed: webhooks may reach addresses on the internal network.' : 'Refused: webhooks reach public addresses only.'}
        </p>
        <Button variant={allowed ? 'outline' : 'secondary'} onClick={() => setConfirming(true)}>
          {allowed ? 'Refuse private targets' : 'Allow private targets'}
        </Button>
      </CardContent>
      {confirming ? <ConfirmDialog allow={!allowed} onClose={() => setConfirming(false)} /> : null}
    </Card>
  );
}

function ConfirmDialog({ allow, onClose }: { allow: boolean; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [reason, setReason] = useState('');
  const save = useMutation(
    trpc.webhooks.setSettings.mutationOptions({
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
      title={allow ? 'Allow private targets?' : 'Refuse private targets?'}
      description={
        allow
          ? 'For on-premise installs whose receivers live on the internal network. Any admin-registered webhook can then reach internal services, including loopback and cloud metadata addresses.'
          : 'Deliveries to private, loopback and link-local addresses fail from now on, with the reason recorded on each.'
      }
      dismissible={!save.isPending}
      footer={
        <>
          <Button variant="outline" onClick={onClose} disabled={save.isPending}>
            Cancel
          </Button>
          <Button variant={allow ? 'destructive' : 'primary'} disabled={save.isPending} onClick={() => save.mutate({ allowPrivateTargets: allow, reason: reason.trim() || undefined })}>
            {save.isPending ? 'Saving…' : allow ? 'Allow private targets' : 'Refuse private targets'}
          </Button>
        </>
      }
    >
      <div className="flex flex-col gap-4">
        {save.error ? <Alert variant="error">{errorMessage(save.error)}</Alert> : null}
        <div className="flex flex-col gap-2">
          <Label htmlFor={`${id}-reason`}>Reason</Label>
          <Textarea id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={500} aria-describedby={`${id}-hint`} />
          <FieldHint id={`${id}-hint`}>Optional. Recorded in the audit trail with the change.</FieldHint>
        </div>
      </div>
    </Dialog>
  );
}

export function WebhookSettingsSkeleton() {
  return <Skeleton className="h-36 w-full rounded-xl" />;
}

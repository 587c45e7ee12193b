'use client';
// Revokes an ingestion key: batches sent with it are refused from then on (401).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { serverMessage } from '@/components/approvals/actions/server-message';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import type { IngestionKeyRow } from '../types';

export function RevokeKeyDialog({ keyRow, onClose }: { keyRow: IngestionKeyRow | null; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const revoke = useMutation(
    trpc.monitoring.revokeKey.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.monitoring.keys.pathKey() });
        onClose();
      },
    }),
  );
  const close = () => {
    revoke.reset();
    onClose();
  };
  return (
    <Dialog
      open={keyRow !== null}
      onClose={close}
      dismissible={!revoke.isPending}
      title={`Revoke “${keyRow?.name ?? ''}”?`}
      description={`Events sent with ${keyRow?.prefix ?? ''}… are refused from now on. This cannot be undone; create a new key for the serving code first.`}
      footer={
        <>
          <Button variant="outline" onClick={close} disabled={revoke.isPending}>
            Cancel
          </Button>
          <Button variant="destructive" onClick={() => keyRow && revoke.mutate({ keyId: keyRow.id })} disabled={revoke.isPending}>
            {revoke.isPending ? 'Revoking…' : 'Revoke key'}
          </Button>
        </>
      }
    >
      {revoke.error ? <Alert variant="error">{serverMessage(revoke.error)}</Alert> : null}
    </Dialog>
  );
}

'use client';
// The requester takes the request back, saying why; it cannot be reopened afterwards.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert } from '@/components/ui/alert';
import { Dialog } from '@/components/ui/dialog';
import { FormActions } from '@/components/ui/form-actions';
import { Textarea } from '@/components/ui/input';
import { FieldHint, Label } from '@/components/ui/label';
import { serverMessage } from './server-message';

export function WithdrawDialog({ requestId, reference, open, onClose }: { requestId: string; reference: string; open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} onClose={onClose} title={`Withdraw ${reference}?`} description="Nobody can sign it after this. To release the version later, ask again.">
      <WithdrawForm requestId={requestId} onDone={onClose} />
    </Dialog>
  );
}

function WithdrawForm({ requestId, onDone }: { requestId: string; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [reason, setReason] = useState('');
  const mutation = useMutation(
    trpc.releases.withdraw.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.releases.pathKey() });
        onDone();
      },
    }),
  );
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    mutation.mutate({ requestId, reason: reason.trim() });
  }
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-5">
      {mutation.error ? <Alert variant="error">{serverMessage(mutation.error)}</Alert> : null}
      <div className="flex flex-col gap-2">
        <Label htmlFor={`${id}-reason`}>Reason</Label>
        <Textarea id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={2000} required aria-describedby={`${id}-hint`} />
        <FieldHint id={`${id}-hint`}>Required. Shown in the timeline and recorded in the audit trail.</FieldHint>
      </div>
      <FormActions onCancel={onDone} pending={mutation.isPending} submitLabel="Withdraw request" pendingLabel="Withdrawing…" submitDisabled={!reason.trim()} />
    </form>
  );
}

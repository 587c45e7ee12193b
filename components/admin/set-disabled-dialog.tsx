'use client';
// Confirms disabling (signs the person out everywhere) or enabling an account, with an optional reason.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Textarea } from '@/components/ui/input';
import { FieldHint, Label } from '@/components/ui/label';
import { errorMessage } from '@/lib/trpc/error-message';
import type { UserRow } from './types';

export function SetDisabledDialog({ user, open, onClose }: { user: UserRow; open: boolean; onClose: () => void }) {
  const disabling = !user.disabled;
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={disabling ? `Disable ${user.name}?` : `Enable ${user.name}?`}
      description={
        disabling
          ? 'They are signed out everywhere at once and cannot sign in until an admin enables the account again. Their history stays in the audit trail.'
          : 'They can sign in again with their existing password or single sign-on, with the roles they had.'
      }
    >
      <SetDisabledForm user={user} onDone={onClose} />
    </Dialog>
  );
}

function SetDisabledForm({ user, onDone }: { user: UserRow; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [reason, setReason] = useState('');
  const disabling = !user.disabled;
  const mutation = useMutation(
    trpc.users.setDisabled.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.users.pathKey() });
        onDone();
      },
    }),
  );

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    mutation.mutate({ userId: user.id, disabled: disabling, reason: reason.trim() || undefined });
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-5">
      {mutation.error ? <Alert variant="error">{errorMessage(mutation.error)}</Alert> : null}
      <div className="flex flex-col gap-2">
        <Label htmlFor={`${id}-reason`}>Reason</Label>
        <Textarea id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={500} aria-describedby={`${id}-hint`} />
        <FieldHint id={`${id}-hint`}>Optional. Recorded in the audit trail with the change.</FieldHint>
      </div>
      <div className="-mx-6 -mb-3 flex justify-end gap-2 border-t border-border bg-muted/30 px-6 py-3">
        <Button variant="outline" onClick={onDone} disabled={mutation.isPending}>
          Cancel
        </Button>
        <Button type="submit" variant={disabling ? 'destructive' : 'primary'} disabled={mutation.isPending}>
          {mutation.isPending ? 'Saving…' : disabling ? 'Disable person' : 'Enable person'}
        </Button>
      </div>
    </form>
  );
}

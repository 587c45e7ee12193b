'use client';
// Resolves an alert with a note saying what was done; the note goes on the timeline and into the
// audit trail. If the condition returns, the worker re-opens the same alert.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { serverMessage } from '@/components/approvals/actions/server-message';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert } from '@/components/ui/alert';
import { Dialog } from '@/components/ui/dialog';
import { FormActions } from '@/components/ui/form-actions';
import { Textarea } from '@/components/ui/input';
import { FieldHint, Label } from '@/components/ui/label';

export function ResolveDialog({ alertId, reference, open, onClose }: { alertId: string; reference: string; open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} onClose={onClose} title={`Resolve ${reference}`} description="Say what was done. If the condition returns, the alert re-opens.">
      <ResolveForm alertId={alertId} onDone={onClose} />
    </Dialog>
  );
}

function ResolveForm({ alertId, onDone }: { alertId: string; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [note, setNote] = useState('');
  const resolve = useMutation(
    trpc.monitoring.resolve.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.monitoring.pathKey() });
        onDone();
      },
    }),
  );
  function submit(event: FormEvent) {
    event.preventDefault();
    resolve.mutate({ alertId, note: note.trim() });
  }
  return (
    <form onSubmit={submit} className="flex flex-col gap-5">
      {resolve.error ? <Alert variant="error">{serverMessage(resolve.error)}</Alert> : null}
      <div className="flex flex-col gap-2">
        <Label htmlFor={`${id}-note`}>Resolution note</Label>
        <Textarea id={`${id}-note`} value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={4000} required aria-describedby={`${id}-hint`} data-autofocus />
        <FieldHint id={`${id}-hint`}>Required. Shown in the timeline and recorded in the audit trail.</FieldHint>
      </div>
      <FormActions onCancel={onDone} pending={resolve.isPending} submitLabel="Resolve alert" pendingLabel="Resolving…" submitDisabled={!note.trim()} />
    </form>
  );
}

'use client';
// "Roll back" a protected alias (ops and admins): moves it at once to the version it held before its
// last release, and opens a follow-up review of that move. The server decides whether there is
// anything to roll back to; its CONFLICT message is shown as it comes.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useId, useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert } from '@/components/ui/alert';
import { Dialog } from '@/components/ui/dialog';
import { FormActions } from '@/components/ui/form-actions';
import { Textarea } from '@/components/ui/input';
import { FieldHint, Label } from '@/components/ui/label';
import { errorMessage } from '@/lib/trpc/error-message';

export type RollbackResult = { rolledBack: string; alias: string; version: number; review: { id: string; number: number } };
type Target = { modelId: string; modelName: string; alias: 'staging' | 'production'; version: number };

export function RollbackDialog({ target, onClose, onRolledBack }: { target: Target | null; onClose: () => void; onRolledBack: (result: RollbackResult) => void }) {
  return (
    <Dialog
      open={target !== null}
      onClose={onClose}
      title={target ? `Roll back ${target.alias}?` : 'Roll back'}
      description={
        target
          ? `${target.alias} of ${target.modelName} moves now, without waiting for approvals, from v${target.version} to the version it held before its last release. A follow-up review request for that version opens for the usual approvers, and the rollback is flagged in the audit trail.`
          : undefined
      }
    >
      {target ? <RollbackForm target={target} onCancel={onClose} onRolledBack={onRolledBack} /> : null}
    </Dialog>
  );
}

function RollbackForm({ target, onCancel, onRolledBack }: { target: Target; onCancel: () => void; onRolledBack: (result: RollbackResult) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [reason, setReason] = useState('');
  const mutation = useMutation(
    trpc.releases.rollback.mutationOptions({
      onSuccess: async (result) => {
        await Promise.all([queryClient.invalidateQueries({ queryKey: trpc.catalog.pathKey() }), queryClient.invalidateQueries({ queryKey: trpc.releases.pathKey() })]);
        onRolledBack(result);
      },
    }),
  );

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    mutation.mutate({ modelId: target.modelId, alias: target.alias, reason: reason.trim() });
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-5">
      {mutation.error ? <Alert variant="error">{errorMessage(mutation.error)}</Alert> : null}
      <div className="flex flex-col gap-2">
        <Label htmlFor={`${id}-reason`}>Reason</Label>
        <Textarea
          id={`${id}-reason`}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          required
          maxLength={2000}
          rows={3}
          placeholder="e.g. Error rate doubled after the release"
          aria-describedby={`${id}-hint`}
          data-autofocus
        />
        <FieldHint id={`${id}-hint`}>Required. Recorded in the alias history, the audit trail and the follow-up review.</FieldHint>
      </div>
      <FormActions onCancel={onCancel} pending={mutation.isPending} submitLabel={`Roll back ${target.alias}`} pendingLabel="Rolling back…" submitDisabled={!reason.trim()} />
    </form>
  );
}

/** What the rollback did, with the way to the follow-up review; stays until dismissed. */
export function RollbackDone({ result, onDismiss }: { result: RollbackResult; onDismiss: () => void }) {
  return (
    <Alert variant="success" title={`${result.alias} rolled back to v${result.version}`} data-testid="rollback-done">
      <p>
        {result.rolledBack} is marked as rolled back. Follow-up review:{' '}
        <Link href={`/approvals/${result.review.id}`} className="font-medium text-primary hover:underline" data-testid="rollback-review-link">
          REL-{result.review.number}
        </Link>
        .
      </p>
      <button type="button" onClick={onDismiss} className="mt-1 text-xs text-muted-foreground underline-offset-2 hover:underline">
        Dismiss
      </button>
    </Alert>
  );
}

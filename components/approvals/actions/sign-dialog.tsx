'use client';
// The electronic signature: the exact statement being signed in a prominent box, a reason, and the
// signer's password re-entered (or, for single sign-on accounts, their recent sign-in). The meaning
// goes back to the server verbatim; a wrong password leaves the dialog open and nothing signed.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { KeyRound } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert } from '@/components/ui/alert';
import { Dialog } from '@/components/ui/dialog';
import { FormActions } from '@/components/ui/form-actions';
import { Input, Textarea } from '@/components/ui/input';
import { FieldError, FieldHint, Label } from '@/components/ui/label';
import type { Decision } from '@/lib/validation/releases';
import type { ReleaseDetail } from '../types';
import { fieldIssue, serverMessage } from './server-message';

const DECISION_ACTIONS: Record<Decision, { verb: string; pending: string }> = {
  approve: { verb: 'Approve', pending: 'Signing approval…' },
  request_changes: { verb: 'Request changes', pending: 'Signing request for changes…' },
  reject: { verb: 'Reject', pending: 'Signing rejection…' },
};

type Props = { detail: ReleaseDetail; decision: Decision | null; onClose: () => void };

export function SignDialog({ detail, decision, onClose }: Props) {
  const action = decision ? DECISION_ACTIONS[decision] : null;
  return (
    <Dialog
      open={decision !== null}
      onClose={onClose}
      title={action ? `${action.verb} ${detail.request.reference}` : ''}
      description="Your signature is recorded with your printed name, roles, the time, this statement, your reason and the version’s content digest. It cannot be changed afterwards."
      size="lg"
    >
      {decision ? <SignForm detail={detail} decision={decision} onDone={onClose} /> : null}
    </Dialog>
  );
}

function SignForm({ detail, decision, onDone }: { detail: ReleaseDetail; decision: Decision; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [reason, setReason] = useState('');
  const [password, setPassword] = useState('');
  const meaning = detail.viewer.meanings[decision];
  const usesPassword = detail.viewer.reauth === 'password';
  const mutation = useMutation(
    trpc.releases.sign.mutationOptions({
      onSuccess: async () => {
        await Promise.all([queryClient.invalidateQueries({ queryKey: trpc.releases.pathKey() }), queryClient.invalidateQueries({ queryKey: trpc.catalog.pathKey() })]);
        onDone();
      },
      // A refused signature keeps what was typed, except the password.
      onError: () => setPassword(''),
    }),
  );
  const passwordIssue = fieldIssue(mutation.error, 'password');

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    mutation.mutate({ requestId: detail.request.id, decision, reason: reason.trim(), meaning, ...(usesPassword ? { password } : {}) });
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-5" aria-label="Sign">
      {mutation.error ? (
        <Alert variant="error" data-testid="sign-error">
          {serverMessage(mutation.error)}
        </Alert>
      ) : null}
      <div className="rounded-lg border-2 border-primary/50 bg-accent/40 px-4 py-3">
        <p className="mb-1 text-xs font-medium tracking-wide text-muted-foreground uppercase">You are signing</p>
        <p className="text-base font-semibold" data-testid="sign-meaning">
          {meaning}
        </p>
      </div>
      <div className="flex flex-col gap-2">
        <Label htmlFor={`${id}-reason`}>Reason</Label>
        <Textarea id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={2000} rows={3} required aria-describedby={`${id}-reason-hint`} data-autofocus />
        <FieldHint id={`${id}-reason-hint`}>Required. Stored with your signature and shown to everyone who reads the request.</FieldHint>
      </div>
      {usesPassword ? (
        <div className="flex flex-col gap-2">
          <Label htmlFor={`${id}-password`}>Password</Label>
          <Input
            id={`${id}-password`}
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            required
            aria-invalid={passwordIssue ? true : undefined}
            aria-describedby={`${id}-password-hint`}
          />
          <FieldError>{passwordIssue}</FieldError>
          <FieldHint id={`${id}-password-hint`}>Re-enter your password: it confirms that you, and no one at your desk, are signing.</FieldHint>
        </div>
      ) : (
        <p className="flex items-start gap-2 rounded-md border border-border bg-muted/40 px-3 py-2 text-sm" data-testid="sso-reauth">
          <KeyRound aria-hidden className="mt-0.5 size-4 shrink-0 text-muted-foreground" />
          You sign in with single sign-on, so there is no password to re-enter: your recent sign-in confirms it is you. If it is too old, Modelgate will ask you to sign out and sign in again before signing.
        </p>
      )}
      <FormActions onCancel={onDone} pending={mutation.isPending} submitLabel={`Sign: ${DECISION_ACTIONS[decision].verb}`} pendingLabel={DECISION_ACTIONS[decision].pending} submitDisabled={!reason.trim() || (usesPassword && !password)} />
    </form>
  );
}

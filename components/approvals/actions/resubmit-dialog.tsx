'use client';
// Submits a draft, or resubmits after changes were requested: the texts can be edited first, and a
// note tells the reviewers what changed. Signatures of earlier rounds stop counting.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert } from '@/components/ui/alert';
import { Dialog } from '@/components/ui/dialog';
import { FormActions } from '@/components/ui/form-actions';
import { Textarea } from '@/components/ui/input';
import { FieldHint, Label } from '@/components/ui/label';
import type { ReleaseDetail } from '../types';
import { serverMessage } from './server-message';

const FIELDS = [
  ['changeSummary', 'Change summary'],
  ['expectedImpact', 'Expected impact'],
  ['rollbackPlan', 'Rollback plan'],
] as const;

export function ResubmitDialog({ detail, open, onClose }: { detail: ReleaseDetail; open: boolean; onClose: () => void }) {
  const resubmit = detail.request.state === 'changes_requested';
  return (
    <Dialog
      open={open}
      onClose={onClose}
      size="lg"
      title={`${resubmit ? 'Resubmit' : 'Submit'} ${detail.request.reference} for approval`}
      description={resubmit ? 'A new round starts: signatures given before the changes no longer count.' : 'The version’s files and digest are frozen from submission on.'}
    >
      <ResubmitForm detail={detail} resubmit={resubmit} onDone={onClose} />
    </Dialog>
  );
}

function ResubmitForm({ detail, resubmit, onDone }: { detail: ReleaseDetail; resubmit: boolean; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [texts, setTexts] = useState({ changeSummary: detail.request.changeSummary, expectedImpact: detail.request.expectedImpact, rollbackPlan: detail.request.rollbackPlan });
  const [note, setNote] = useState('');
  const mutation = useMutation(
    trpc.releases.submit.mutationOptions({
      onSuccess: async () => {
        await Promise.all([queryClient.invalidateQueries({ queryKey: trpc.releases.pathKey() }), queryClient.invalidateQueries({ queryKey: trpc.catalog.pathKey() })]);
        onDone();
      },
    }),
  );
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const trimmed = Object.fromEntries(FIELDS.map(([k]) => [k, texts[k].trim()])) as typeof texts;
    mutation.mutate({ requestId: detail.request.id, ...trimmed, note: note.trim() || undefined });
  }
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4">
      {mutation.error ? <Alert variant="error">{serverMessage(mutation.error)}</Alert> : null}
      {FIELDS.map(([key, label]) => (
        <div key={key} className="flex flex-col gap-2">
          <Label htmlFor={`${id}-${key}`}>{label}</Label>
          <Textarea id={`${id}-${key}`} value={texts[key]} onChange={(e) => setTexts({ ...texts, [key]: e.currentTarget.value })} maxLength={4000} rows={3} required />
        </div>
      ))}
      <div className="flex flex-col gap-2">
        <Label htmlFor={`${id}-note`}>{resubmit ? 'What changed' : 'Note'}</Label>
        <Textarea id={`${id}-note`} value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={2000} rows={2} aria-describedby={`${id}-note-hint`} />
        <FieldHint id={`${id}-note-hint`}>Optional. Shown in the timeline with the {resubmit ? 'resubmission' : 'submission'}.</FieldHint>
      </div>
      <FormActions
        onCancel={onDone}
        pending={mutation.isPending}
        submitLabel={resubmit ? 'Resubmit for approval' : 'Submit for approval'}
        pendingLabel="Submitting…"
        submitDisabled={FIELDS.some(([k]) => !texts[k].trim())}
      />
    </form>
  );
}

'use client';
// The alert's history in time order: opened and re-opened by the worker, acknowledged, assigned,
// commented and resolved by people. Ops and admins add comments below it.
import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { serverMessage } from '@/components/approvals/actions/server-message';
import { formatDateTime } from '@/components/catalog/format';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Textarea } from '@/components/ui/input';
import { Label } from '@/components/ui/label';

const VERB: Record<string, string> = { opened: 'opened the alert', reopened: 're-opened the alert', acknowledged: 'acknowledged it', assigned: 'changed the assignee', commented: 'commented', resolved: 'resolved it' };

export function AlertTimeline({ alertId, canComment }: { alertId: string; canComment: boolean }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.monitoring.alert.queryOptions({ alertId }));
  return (
    <section aria-labelledby="alert-timeline" className="flex flex-col gap-4" data-testid="alert-timeline">
      <h2 id="alert-timeline" className="text-xl font-semibold tracking-tight">
        Timeline
      </h2>
      <ol className="flex flex-col gap-3 border-l-2 border-border pl-5">
        {data.timeline.map((e) => (
          <li key={e.id} data-testid="alert-timeline-entry" data-kind={e.kind} className="relative flex flex-col gap-1 text-sm">
            <span aria-hidden className="absolute top-2 -left-[1.7rem] size-3 rounded-full border-2 border-card bg-border" />
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-medium">{e.actorName}</span>
              <span className="text-muted-foreground">{VERB[e.kind] ?? e.kind}</span>
              <time dateTime={new Date(e.at).toISOString()} className="text-xs whitespace-nowrap text-muted-foreground tabular-nums">
                {formatDateTime(e.at)}
              </time>
            </div>
            {e.note ? <p className="whitespace-pre-wrap text-foreground/85 [overflow-wrap:anywhere]">{e.kind === 'commented' || e.kind === 'resolved' ? `“${e.note}”` : e.note}</p> : null}
          </li>
        ))}
      </ol>
      {canComment ? <AlertCommentBox alertId={alertId} /> : null}
    </section>
  );
}

function AlertCommentBox({ alertId }: { alertId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [note, setNote] = useState('');
  const comment = useMutation(
    trpc.monitoring.comment.mutationOptions({
      onSuccess: async () => {
        setNote('');
        await queryClient.invalidateQueries({ queryKey: trpc.monitoring.pathKey() });
      },
    }),
  );
  function submit(event: FormEvent) {
    event.preventDefault();
    comment.mutate({ alertId, note: note.trim() });
  }
  return (
    <form onSubmit={submit} className="flex flex-col gap-2" aria-label="Add a comment">
      {comment.error ? <Alert variant="error">{serverMessage(comment.error)}</Alert> : null}
      <Label htmlFor={`${id}-note`}>Comment</Label>
      <Textarea id={`${id}-note`} value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={4000} rows={3} placeholder="What you found, what you changed, who you asked" />
      <Button type="submit" size="sm" className="self-end" disabled={comment.isPending || !note.trim()}>
        {comment.isPending ? 'Posting…' : 'Post comment'}
      </Button>
    </form>
  );
}

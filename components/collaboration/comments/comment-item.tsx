'use client';
// One comment: author, time and the "edited" trace, the Markdown body (or "comment deleted"),
// reactions, and the author's Edit (within the edit window) and Delete. Replies render inside it.
import { clsx } from 'clsx';
import { useState, type ReactNode } from 'react';
import { formatDateTime } from '@/components/catalog/format';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Markdown } from '@/components/ui/markdown';
import { errorMessage } from '@/lib/trpc/error-message';
import { CommentComposer } from './comment-composer';
import { ReactionsBar } from './reactions-bar';
import type { CommentSubjectInput, ThreadReply } from './types';
import { useCommentActions } from './use-comment-actions';
import { useNow } from '@/components/ui/use-now';

type CommentItemProps = {
  comment: ThreadReply;
  subject: CommentSubjectInput;
  canWrite: boolean;
  highlighted: boolean;
  onReply?: () => void;
  children?: ReactNode;
};

export function CommentItem({ comment: c, subject, canWrite, highlighted, onReply, children }: CommentItemProps) {
  const actions = useCommentActions();
  const now = useNow();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const deleted = !!c.deletedAt;
  const canEdit = c.canEdit && (now === null || now < new Date(c.editableUntil).getTime());
  const failure = actions.remove.error ?? actions.react.error;

  return (
    <article
      id={`comment-${c.id}`}
      data-testid="comment"
      data-comment-id={c.id}
      data-deleted={deleted || undefined}
      aria-labelledby={`comment-${c.id}-author`}
      className={clsx('flex scroll-mt-24 flex-col gap-2 rounded-lg border p-3 transition-colors', highlighted ? 'border-primary/60 bg-primary/5' : 'border-border bg-card')}
    >
      <header className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5 text-sm">
        <span id={`comment-${c.id}-author`} className="font-medium">
          {c.authorName}
        </span>
        <a href={`#comment-${c.id}`} className="text-xs text-muted-foreground tabular-nums hover:underline">
          <time dateTime={new Date(c.createdAt).toISOString()}>{formatDateTime(c.createdAt)}</time>
        </a>
        {c.editedAt && !deleted ? (
          <span className="text-xs text-muted-foreground italic" title={`Edited ${formatDateTime(c.editedAt)}`} data-testid="comment-edited">
            (edited)
          </span>
        ) : null}
      </header>

      {deleted ? (
        <p className="text-sm text-muted-foreground italic" data-testid="comment-deleted">
          Comment deleted{c.deletedAt ? ` ${formatDateTime(c.deletedAt)}` : ''}.
        </p>
      ) : editing ? (
        <CommentComposer
          subject={subject}
          label="Edit comment"
          submitLabel="Save"
          initial={c.body}
          autoFocus
          testId="comment-edit"
          onCancel={() => setEditing(false)}
          onSubmit={async (body) => {
            await actions.edit.mutateAsync({ commentId: c.id, body });
            setEditing(false);
          }}
        />
      ) : (
        <div data-testid="comment-body">
          <Markdown mentions>{c.body}</Markdown>
        </div>
      )}

      {!deleted && !editing ? (
        <div className="flex flex-wrap items-center justify-between gap-2">
          <ReactionsBar reactions={c.reactions} canReact={canWrite} pending={actions.react.isPending} onToggle={(emoji) => actions.react.mutate({ commentId: c.id, emoji })} />
          <div className="flex items-center gap-1">
            {canWrite && onReply ? (
              <Button size="sm" variant="ghost" onClick={onReply}>
                Reply
              </Button>
            ) : null}
            {canEdit ? (
              <Button size="sm" variant="ghost" onClick={() => setEditing(true)} title="You can edit a comment for 15 minutes after posting it">
                Edit
              </Button>
            ) : null}
            {c.canDelete && !confirming ? (
              <Button size="sm" variant="destructive-ghost" onClick={() => setConfirming(true)}>
                Delete
              </Button>
            ) : null}
            {confirming ? (
              <span role="group" aria-label="Confirm deletion" className="flex items-center gap-1 text-xs">
                <span>Delete this comment?</span>
                <Button size="sm" variant="destructive" disabled={actions.remove.isPending} onClick={() => actions.remove.mutate({ commentId: c.id }, { onSettled: () => setConfirming(false) })}>
                  Delete
                </Button>
                <Button size="sm" variant="ghost" onClick={() => setConfirming(false)}>
                  Keep
                </Button>
              </span>
            ) : null}
          </div>
        </div>
      ) : null}
      {failure ? <Alert variant="error">{errorMessage(failure)}</Alert> : null}
      {children}
    </article>
  );
}

'use client';
// The Discussion widget: a subject's comments oldest first with their replies, a reply box under
// the comment being answered, and a composer for a new comment. Other people's comments, edits and
// reactions appear live (the 'comments' topic of the live bus). A link to #comment-<id> scrolls
// to that comment and highlights it once the thread has loaded.
import { useSuspenseQuery } from '@tanstack/react-query';
import { MessagesSquare } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Skeleton } from '@/components/ui/skeleton';
import { CommentComposer } from './comment-composer';
import { CommentItem } from './comment-item';
import type { CommentSubjectInput } from './types';
import { useCommentActions } from './use-comment-actions';

/** The comment the address points at, following later hash changes too. */
function useTargetComment() {
  const [target, setTarget] = useState<string | null>(null);
  useEffect(() => {
    const read = () => {
      const match = /^#comment-([0-9a-f-]{36})$/i.exec(window.location.hash);
      const id = match?.[1] ?? null;
      setTarget(id);
      if (id) document.getElementById(`comment-${id}`)?.scrollIntoView({ block: 'center' });
    };
    read();
    window.addEventListener('hashchange', read);
    return () => window.removeEventListener('hashchange', read);
  }, []);
  return target;
}

export function CommentThread({ subjectType, subjectId }: CommentSubjectInput) {
  const trpc = useTRPC();
  const subject = { subjectType, subjectId };
  const { data } = useSuspenseQuery(trpc.comments.thread.queryOptions(subject));
  const actions = useCommentActions();
  const [replyingTo, setReplyingTo] = useState<{ topId: string; parentId: string } | null>(null);
  const target = useTargetComment();
  const canWrite = data.viewer.canWrite;

  const post = (body: string, parentId?: string) => actions.create.mutateAsync({ ...subject, body, parentId });

  return (
    <div className="flex flex-col gap-4" data-testid="comment-thread" data-count={data.count}>
      {data.comments.length === 0 ? (
        <div className="flex items-center gap-3 rounded-lg border border-dashed border-border p-4 text-sm text-muted-foreground">
          <MessagesSquare aria-hidden className="size-4 shrink-0" />
          <p>{canWrite ? 'No comments yet. Ask a question or share context; @ mentions notify people.' : 'No comments yet.'}</p>
        </div>
      ) : (
        <ol className="flex flex-col gap-3" aria-label={`${data.count} comment${data.count === 1 ? '' : 's'}`}>
          {data.comments.map((c) => (
            <li key={c.id}>
              <CommentItem comment={c} subject={subject} canWrite={canWrite} highlighted={target === c.id} onReply={() => setReplyingTo({ topId: c.id, parentId: c.id })}>
                {c.replies.length > 0 || replyingTo?.topId === c.id ? (
                  <ol className="mt-1 flex flex-col gap-2 border-l-2 border-border pl-3" aria-label="Replies">
                    {c.replies.map((r) => (
                      <li key={r.id}>
                        <CommentItem comment={r} subject={subject} canWrite={canWrite} highlighted={target === r.id} onReply={() => setReplyingTo({ topId: c.id, parentId: r.id })} />
                      </li>
                    ))}
                    {replyingTo?.topId === c.id ? (
                      <li>
                        <CommentComposer
                          subject={subject}
                          label={`Reply to ${c.authorName}`}
                          submitLabel="Reply"
                          autoFocus
                          testId="reply-composer"
                          onCancel={() => setReplyingTo(null)}
                          onSubmit={async (body) => {
                            await post(body, replyingTo.parentId);
                            setReplyingTo(null);
                          }}
                        />
                      </li>
                    ) : null}
                  </ol>
                ) : null}
              </CommentItem>
            </li>
          ))}
        </ol>
      )}
      {canWrite ? (
        <CommentComposer subject={subject} label="New comment" submitLabel="Comment" onSubmit={(body) => post(body)} />
      ) : (
        <p className="text-sm text-muted-foreground">You can read this discussion; your roles do not let you comment.</p>
      )}
    </div>
  );
}

export function CommentThreadSkeleton() {
  return (
    <div role="status" className="flex flex-col gap-3">
      <span className="sr-only">Loading the discussion…</span>
      <Skeleton className="h-20 w-full rounded-lg" />
      <Skeleton className="h-20 w-full rounded-lg" />
      <Skeleton className="h-24 w-full rounded-md" />
    </div>
  );
}

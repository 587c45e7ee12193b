// A page's "Discussion" section: a heading and the comment thread behind its own Suspense
// boundary, so the rest of the page does not wait for it. Server pages prefetch the thread.
import { Suspense } from 'react';
import { CommentThread, CommentThreadSkeleton } from './comment-thread';
import type { CommentSubjectInput } from './types';

export function DiscussionSection({ subjectType, subjectId, heading = true }: CommentSubjectInput & { heading?: boolean }) {
  const headingId = `discussion-${subjectId}`;
  return (
    <section aria-labelledby={heading ? headingId : undefined} aria-label={heading ? undefined : 'Discussion'} className="flex flex-col gap-4" data-testid="discussion">
      {heading ? (
        <h2 id={headingId} className="text-xl font-semibold tracking-tight">
          Discussion
        </h2>
      ) : null}
      <Suspense fallback={<CommentThreadSkeleton />}>
        <CommentThread subjectType={subjectType} subjectId={subjectId} />
      </Suspense>
    </section>
  );
}

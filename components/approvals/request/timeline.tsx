'use client';
// The request's history in time order: state changes, signatures and comments merged into one
// list. It reads releases.get, which the live bus refreshes as others sign or comment.
import { useSuspenseQuery } from '@tanstack/react-query';
import { ArrowRight, MessageSquare } from 'lucide-react';
import { formatDateTime } from '@/components/catalog/format';
import { useTRPC } from '@/components/providers/trpc-provider';
import { RELEASE_STATE_LABELS, type ReleaseState } from '@/lib/validation/releases';
import type { ReleaseDetail, ReleaseSignature } from '../types';
import { ReleaseStateBadge } from '../badges';
import { CommentBox } from './comment-box';
import { SignatureCard } from './signature-card';

type Entry =
  | { kind: 'transition'; at: Date; key: string; t: ReleaseDetail['transitions'][number] }
  | { kind: 'signature'; at: Date; key: string; s: ReleaseSignature }
  | { kind: 'comment'; at: Date; key: string; c: ReleaseDetail['comments'][number] };

function entriesOf(d: ReleaseDetail): Entry[] {
  const all: Entry[] = [
    ...d.transitions.map((t): Entry => ({ kind: 'transition', at: new Date(t.at), key: `t-${t.id}`, t })),
    ...d.decisions.map((s): Entry => ({ kind: 'signature', at: new Date(s.signedAt), key: `s-${s.id}`, s })),
    ...d.comments.map((c): Entry => ({ kind: 'comment', at: new Date(c.createdAt), key: `c-${c.id}`, c })),
  ];
  return all.sort((a, b) => a.at.getTime() - b.at.getTime());
}

function verb(from: ReleaseState | null, to: ReleaseState): string {
  if (from === null) return 'drafted the request';
  if (to === 'pending') return from === 'changes_requested' ? 'resubmitted it for approval' : 'submitted it for approval';
  return `moved it to ${RELEASE_STATE_LABELS[to].toLowerCase()}`;
}

function When({ at }: { at: Date }) {
  return (
    <time dateTime={at.toISOString()} className="text-xs whitespace-nowrap text-muted-foreground tabular-nums">
      {formatDateTime(at)}
    </time>
  );
}

export function Timeline({ requestId }: { requestId: string }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.releases.get.queryOptions({ requestId }));
  const entries = entriesOf(data);
  return (
    <section aria-labelledby="timeline" className="flex flex-col gap-4" data-testid="timeline">
      <h2 id="timeline" className="text-xl font-semibold tracking-tight">
        Timeline
      </h2>
      <ol className="flex flex-col gap-3 border-l-2 border-border pl-5">
        {entries.map((e) => (
          <li key={e.key} data-testid="timeline-entry" data-kind={e.kind} className="relative">
            <span aria-hidden className="absolute top-2 -left-[1.7rem] size-3 rounded-full border-2 border-card bg-border" />
            {e.kind === 'transition' ? (
              <div className="flex flex-col gap-1 text-sm">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-medium">{e.t.actorName}</span>
                  <span className="text-muted-foreground">{verb(e.t.fromState, e.t.toState)}</span>
                  {e.t.fromState ? <ReleaseStateBadge state={e.t.fromState} /> : null}
                  {e.t.fromState ? <ArrowRight aria-label="to" className="size-3.5 text-muted-foreground" /> : null}
                  <ReleaseStateBadge state={e.t.toState} />
                  <When at={e.at} />
                </div>
                {e.t.note ? <p className="text-sm whitespace-pre-wrap text-foreground/85">“{e.t.note}”</p> : null}
              </div>
            ) : e.kind === 'signature' ? (
              <SignatureCard s={e.s} currentRound={data.request.round} />
            ) : (
              <div className="flex flex-col gap-1 rounded-lg border border-border bg-muted/30 p-3 text-sm" data-testid="comment">
                <div className="flex flex-wrap items-center gap-2">
                  <MessageSquare aria-hidden className="size-3.5 text-muted-foreground" />
                  <span className="font-medium">{e.c.authorName}</span>
                  <span className="text-muted-foreground">commented</span>
                  <When at={e.at} />
                </div>
                <p className="whitespace-pre-wrap [overflow-wrap:anywhere]">{e.c.body}</p>
              </div>
            )}
          </li>
        ))}
      </ol>
      {data.viewer.canComment ? <CommentBox requestId={requestId} /> : null}
    </section>
  );
}

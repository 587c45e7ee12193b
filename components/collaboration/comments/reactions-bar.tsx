'use client';
// A comment's reactions: each emoji with its count, pressed when I reacted (click to take it
// back), and a picker of the closed set for a new one. Readers who may not write see the counts only.
import { clsx } from 'clsx';
import { SmilePlus } from 'lucide-react';
import { useId, useState } from 'react';
import { COMMENT_EMOJI, COMMENT_EMOJI_LABELS, type CommentEmoji } from '@/lib/validation/comments';
import type { ThreadReply } from './types';

type ReactionsBarProps = { reactions: ThreadReply['reactions']; canReact: boolean; onToggle: (emoji: CommentEmoji) => void; pending: boolean };

const chip = 'inline-flex h-7 items-center gap-1 rounded-full border px-2 text-xs tabular-nums transition-colors disabled:cursor-default';

export function ReactionsBar({ reactions, canReact, onToggle, pending }: ReactionsBarProps) {
  const pickerId = useId();
  const [picking, setPicking] = useState(false);
  if (reactions.length === 0 && !canReact) return null;
  return (
    <div role="group" aria-label="Reactions" className="flex flex-wrap items-center gap-1.5" data-testid="reactions">
      {reactions.map((r) => (
        <button
          key={r.emoji}
          type="button"
          aria-pressed={r.mine}
          aria-label={`${COMMENT_EMOJI_LABELS[r.emoji]}: ${r.count}${r.mine ? ', including you' : ''}`}
          disabled={!canReact || pending}
          onClick={() => onToggle(r.emoji)}
          data-testid="reaction"
          data-emoji={r.emoji}
          className={clsx(chip, r.mine ? 'border-primary/50 bg-primary/10 text-foreground' : 'border-border bg-card text-muted-foreground', canReact && 'hover:bg-muted')}
        >
          <span aria-hidden>{r.emoji}</span>
          <span aria-hidden>{r.count}</span>
        </button>
      ))}
      {canReact ? (
        <>
          <button
            type="button"
            aria-label="Add a reaction"
            aria-expanded={picking}
            aria-controls={pickerId}
            onClick={() => setPicking((p) => !p)}
            className={clsx(chip, 'border-transparent text-muted-foreground hover:bg-muted hover:text-foreground [&_svg]:size-3.5')}
          >
            <SmilePlus aria-hidden />
          </button>
          {picking ? (
            <div id={pickerId} role="group" aria-label="Pick a reaction" className="flex gap-0.5 rounded-full border border-border bg-card px-1 shadow-sm" onKeyDown={(e) => e.key === 'Escape' && setPicking(false)}>
              {COMMENT_EMOJI.map((emoji) => (
                <button
                  key={emoji}
                  type="button"
                  aria-label={`React with ${COMMENT_EMOJI_LABELS[emoji]}`}
                  disabled={pending}
                  onClick={() => {
                    setPicking(false);
                    if (!reactions.some((r) => r.emoji === emoji && r.mine)) onToggle(emoji);
                  }}
                  className="size-7 rounded-full text-base hover:bg-muted"
                >
                  {emoji}
                </button>
              ))}
            </div>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

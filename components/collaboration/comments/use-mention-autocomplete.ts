'use client';
// @-autocomplete for a textarea: finds the "@prefix" being typed at the caret, asks the server
// for people who may see the subject, and handles the keys (arrows move, Enter or Tab picks,
// Escape closes). The textarea stays focused throughout; the active option is announced through
// aria-activedescendant.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, useState, type KeyboardEvent, type RefObject } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { mentionAt } from '@/lib/validation/comments';
import type { CommentSubjectInput, MentionCandidate } from './types';

type Options = { subject: CommentSubjectInput; value: string; setValue: (next: string) => void; textarea: RefObject<HTMLTextAreaElement | null>; focused: boolean };

export function useMentionAutocomplete({ subject, value, setValue, textarea, focused }: Options) {
  const trpc = useTRPC();
  const baseId = useId();
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const [lastQuery, setLastQuery] = useState<string | null>(null);
  const token = mentionAt(value, caret);
  // Derived state, adjusted while rendering: a new query starts at its first option, and leaving
  // a mention forgets that it was dismissed.
  const query = token?.query ?? null;
  if (query !== lastQuery) {
    setLastQuery(query);
    setActive(0);
    if (query === null) setDismissedAt(null);
  }
  const wanted = focused && token !== null && dismissedAt !== token.start;
  const candidates = useQuery(
    trpc.comments.mentionCandidates.queryOptions({ ...subject, prefix: token?.query ?? '' }, { enabled: wanted, placeholderData: keepPreviousData, staleTime: 30_000 }),
  );
  const options: MentionCandidate[] = wanted ? (candidates.data ?? []) : [];
  const open = options.length > 0;
  const listboxId = `${baseId}-mentions`;
  const optionId = (i: number) => `${baseId}-mention-${i}`;
  const current = Math.min(active, Math.max(options.length - 1, 0));

  function track() {
    const el = textarea.current;
    if (el) setCaret(el.selectionStart ?? el.value.length);
  }

  function choose(candidate: MentionCandidate) {
    if (!token) return;
    const inserted = `@${candidate.handle} `;
    const next = value.slice(0, token.start) + inserted + value.slice(caret);
    const at = token.start + inserted.length;
    setValue(next);
    setCaret(at);
    setActive(0);
    requestAnimationFrame(() => {
      textarea.current?.focus();
      textarea.current?.setSelectionRange(at, at);
    });
  }

  /** Returns true when the key was the autocomplete's. */
  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): boolean {
    if (!open) return false;
    const move = { ArrowDown: 1, ArrowUp: -1 }[event.key];
    if (move !== undefined) {
      setActive((current + move + options.length) % options.length);
    } else if ((event.key === 'Enter' && !event.shiftKey && !event.metaKey && !event.ctrlKey) || event.key === 'Tab') {
      const picked = options[current];
      if (picked) choose(picked);
    } else if (event.key === 'Escape') {
      setDismissedAt(token?.start ?? null);
    } else {
      return false;
    }
    event.preventDefault();
    return true;
  }

  return {
    open,
    options,
    active: current,
    listboxId,
    optionId,
    choose,
    setActive,
    onKeyDown,
    track,
    /** Spread onto the textarea. */
    inputProps: {
      'aria-autocomplete': 'list' as const,
      'aria-controls': open ? listboxId : undefined,
      'aria-activedescendant': open ? optionId(current) : undefined,
    },
  };
}

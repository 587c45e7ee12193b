'use client';
// Writing a comment, a reply or an edit: Markdown in a textarea with @-autocomplete of people who
// may see the subject. Ctrl/Cmd+Enter posts. A refusal (e.g. mentioning someone who cannot see
// this) is shown as the server words it, and the text is kept.
import { clsx } from 'clsx';
import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Textarea } from '@/components/ui/input';
import { FieldHint, Label } from '@/components/ui/label';
import { COMMENT_BODY_MAX } from '@/lib/validation/comments';
import { errorMessage } from '@/lib/trpc/error-message';
import type { CommentSubjectInput } from './types';
import { useMentionAutocomplete } from './use-mention-autocomplete';

type ComposerProps = {
  subject: CommentSubjectInput;
  label: string;
  submitLabel: string;
  initial?: string;
  placeholder?: string;
  autoFocus?: boolean;
  /** Resolves when saved (the composer then empties); rejects with the server's error. */
  onSubmit: (body: string) => Promise<unknown>;
  onCancel?: () => void;
  testId?: string;
};

export function CommentComposer({ subject, label, submitLabel, initial = '', placeholder, autoFocus, onSubmit, onCancel, testId = 'comment-composer' }: ComposerProps) {
  const id = useId();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [body, setBody] = useState(initial);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [focused, setFocused] = useState(false);
  const mentions = useMentionAutocomplete({ subject, value: body, setValue: setBody, textarea, focused });

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    if (!body.trim() || pending) return;
    setPending(true);
    setError(null);
    try {
      await onSubmit(body);
      setBody('');
    } catch (err) {
      setError(err);
    } finally {
      setPending(false);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (mentions.onKeyDown(event)) return;
    if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) {
      event.preventDefault();
      void submit();
    } else if (event.key === 'Escape' && onCancel) {
      event.preventDefault();
      onCancel();
    }
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-2" aria-label={label} data-testid={testId}>
      <Label htmlFor={`${id}-body`} className="sr-only">
        {label}
      </Label>
      <div className="relative">
        <Textarea
          ref={textarea}
          id={`${id}-body`}
          value={body}
          rows={3}
          maxLength={COMMENT_BODY_MAX}
          placeholder={placeholder ?? 'Write in Markdown; @ to mention someone'}
          autoFocus={autoFocus}
          aria-describedby={`${id}-hint`}
          aria-invalid={error ? true : undefined}
          onChange={(e) => {
            setBody(e.currentTarget.value);
            setError(null);
            mentions.track();
          }}
          onSelect={mentions.track}
          onKeyDown={onKeyDown}
          onFocus={() => setFocused(true)}
          onBlur={() => setFocused(false)}
          {...mentions.inputProps}
        />
        {mentions.open ? (
          <ul id={mentions.listboxId} role="listbox" aria-label="People to mention" className="absolute top-full left-0 z-20 mt-1 w-72 overflow-hidden rounded-md border border-border bg-card py-1 text-sm shadow-lg">
            {mentions.options.map((c, i) => (
              <li
                key={c.id}
                id={mentions.optionId(i)}
                role="option"
                aria-selected={i === mentions.active}
                data-testid="mention-option"
                onMouseDown={(e) => e.preventDefault()}
                onMouseEnter={() => mentions.setActive(i)}
                onClick={() => mentions.choose(c)}
                className={clsx('flex cursor-pointer flex-col px-3 py-1.5', i === mentions.active && 'bg-muted')}
              >
                <span className="font-medium">{c.name}</span>
                <span className="text-xs text-muted-foreground">@{c.handle}</span>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      {error ? (
        <Alert variant="error" data-testid="comment-error">
          {errorMessage(error)}
        </Alert>
      ) : null}
      <div className="flex items-center justify-between gap-3">
        <FieldHint id={`${id}-hint`}>Markdown; @ mentions people who can see this. Ctrl+Enter posts.</FieldHint>
        <div className="flex gap-2">
          {onCancel ? (
            <Button size="sm" variant="ghost" onClick={onCancel}>
              Cancel
            </Button>
          ) : null}
          <Button type="submit" size="sm" disabled={pending || !body.trim()}>
            {pending ? 'Saving…' : submitLabel}
          </Button>
        </div>
      </div>
    </form>
  );
}

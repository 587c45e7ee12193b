'use client';
// Adds a comment to the request's timeline; everyone watching the request sees it appear.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Textarea } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { errorMessage } from '@/lib/trpc/error-message';

export function CommentBox({ requestId }: { requestId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [body, setBody] = useState('');
  const mutation = useMutation(
    trpc.releases.comment.mutationOptions({
      onSuccess: async () => {
        setBody('');
        await queryClient.invalidateQueries({ queryKey: trpc.releases.pathKey() });
      },
    }),
  );
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    mutation.mutate({ requestId, body: body.trim() });
  }
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-2" aria-label="Add a comment">
      {mutation.error ? <Alert variant="error">{errorMessage(mutation.error)}</Alert> : null}
      <Label htmlFor={`${id}-body`}>Comment</Label>
      <Textarea id={`${id}-body`} value={body} onChange={(e) => setBody(e.currentTarget.value)} maxLength={4000} rows={3} placeholder="Ask a question or add context for the reviewers" />
      <Button type="submit" size="sm" className="self-end" disabled={mutation.isPending || !body.trim()}>
        {mutation.isPending ? 'Posting…' : 'Post comment'}
      </Button>
    </form>
  );
}

'use client';
// The thread's writes. Each refreshes every comments query here at once; other people's pages
// refresh from the live bus ('comments' topic).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/components/providers/trpc-provider';

export function useCommentActions() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: trpc.comments.pathKey() });
  return {
    create: useMutation(trpc.comments.create.mutationOptions({ onSuccess })),
    edit: useMutation(trpc.comments.edit.mutationOptions({ onSuccess })),
    remove: useMutation(trpc.comments.delete.mutationOptions({ onSuccess })),
    react: useMutation(trpc.comments.react.mutationOptions({ onSuccess })),
  };
}

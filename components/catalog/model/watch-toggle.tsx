'use client';
// Watch / Unwatch a model, with how many people watch it. Watchers hear of its new versions and,
// if they may read monitoring, of alerts opened on it.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Eye, EyeOff } from 'lucide-react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { errorMessage } from '@/lib/trpc/error-message';

export function WatchToggle({ modelId }: { modelId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // The page prefetches this once it has resolved the model's id (its address may carry the name);
  // useQuery shows that at once, and a skeleton in the rare case it could not.
  const { data } = useQuery(trpc.notifications.watchState.queryOptions({ modelId }));
  const options = {
    onSuccess: (next: { watching: boolean; watchers: number }) => queryClient.setQueryData(trpc.notifications.watchState.queryKey({ modelId }), { watching: next.watching, watchers: next.watchers }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.notifications.watchState.queryKey({ modelId }) }),
  };
  const watch = useMutation(trpc.notifications.watch.mutationOptions(options));
  const unwatch = useMutation(trpc.notifications.unwatch.mutationOptions(options));
  const pending = watch.isPending || unwatch.isPending;
  const error = watch.error ?? unwatch.error;
  if (!data) return <WatchToggleSkeleton />;
  const count = `${data.watchers} ${data.watchers === 1 ? 'watcher' : 'watchers'}`;
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        variant="outline"
        data-testid="watch-toggle"
        data-watching={data.watching}
        aria-pressed={data.watching}
        disabled={pending}
        title={error ? errorMessage(error) : data.watching ? 'Stop hearing about new versions and alerts of this model' : 'Hear about new versions and alerts of this model'}
        onClick={() => (data.watching ? unwatch.mutate({ modelId }) : watch.mutate({ modelId }))}
      >
        {data.watching ? <EyeOff aria-hidden /> : <Eye aria-hidden />}
        {data.watching ? 'Unwatch' : 'Watch'}
        <span data-testid="watcher-count" data-count={data.watchers} className="rounded-full bg-muted px-1.5 py-0.5 text-[11px] leading-none font-semibold text-muted-foreground tabular-nums">
          {data.watchers}
          <span className="sr-only"> {count}</span>
        </span>
      </Button>
      {error ? (
        <span role="alert" className="text-xs text-destructive">
          {errorMessage(error)}
        </span>
      ) : null}
    </span>
  );
}

function WatchToggleSkeleton() {
  return <Skeleton className="h-9 w-28" />;
}

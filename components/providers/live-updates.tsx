'use client';
// Subscribes to the live bus once per page and invalidates the queries of each event's topics,
// so a change made by anyone shows here without a reload.
import { useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useState } from 'react';
import { useTRPC } from './trpc-provider';

export function LiveUpdates() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [connected, setConnected] = useState(false);
  useSubscription(
    trpc.events.stream.subscriptionOptions(undefined, {
      onStarted: () => setConnected(true),
      onError: () => setConnected(false),
      onData: (event) => {
        for (const topic of event.topics) {
          void queryClient.invalidateQueries({
            predicate: (q) => Array.isArray(q.queryKey[0]) && q.queryKey[0][0] === topic,
          });
        }
      },
    }),
  );
  return (
    <span
      data-testid="live-status"
      data-connected={connected}
      title={connected ? 'Live updates on' : 'Reconnecting…'}
      className={`inline-block size-2 rounded-full ${connected ? 'bg-emerald-500' : 'bg-amber-500'}`}
    />
  );
}

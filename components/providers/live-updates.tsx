'use client';
// Subscribes to the live bus once per page and invalidates the queries of each event's topics,
// so a change made by anyone shows here without a reload. A busy topic (ingestion publishes per
// batch, many a second) refreshes at most every THROTTLE_MS: the first event at once, the rest
// folded into one trailing refresh. While a topic's queries are fetching, its refresh waits for
// them to settle and then fetches again: invalidating would cancel a refetch under way (a query
// slower than the events, like a week at full detail, would never finish) or, for a first fetch,
// join it and miss the event.
import { useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useEffect, useRef, useState } from 'react';
import { useTRPC } from './trpc-provider';

const THROTTLE_MS = 500;
/** How often a refresh waiting on a fetch in flight checks again. */
const SETTLE_CHECK_MS = 50;

export function LiveUpdates() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [connected, setConnected] = useState(false);
  const topics = useRef(new Map<string, { last: number; timer: ReturnType<typeof setTimeout> | null }>());

  useEffect(() => {
    const state = topics.current;
    return () => {
      for (const t of state.values()) if (t.timer) clearTimeout(t.timer);
    };
  }, []);

  function refresh(topic: string) {
    const entry = topics.current.get(topic) ?? { last: 0, timer: null };
    topics.current.set(topic, entry);
    const filters = { predicate: (q: { queryKey: readonly unknown[] }) => Array.isArray(q.queryKey[0]) && q.queryKey[0][0] === topic };
    const run = () => {
      if (queryClient.isFetching(filters) > 0) {
        entry.timer = setTimeout(run, SETTLE_CHECK_MS);
        return;
      }
      entry.last = Date.now();
      entry.timer = null;
      void queryClient.invalidateQueries(filters);
    };
    if (entry.timer) return; // a refresh is due already; it fetches after this event too
    const since = Date.now() - entry.last;
    if (since >= THROTTLE_MS) run();
    else entry.timer = setTimeout(run, THROTTLE_MS - since);
  }

  useSubscription(
    trpc.events.stream.subscriptionOptions(undefined, {
      onStarted: () => setConnected(true),
      onError: () => setConnected(false),
      onData: (event) => {
        for (const topic of event.topics) refresh(topic);
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

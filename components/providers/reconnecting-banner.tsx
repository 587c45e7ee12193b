'use client';
// Shown while any query is being retried because the server's database is away (SERVICE_UNAVAILABLE):
// the page keeps its content or skeletons and says it is reconnecting, instead of an error page.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { isReconnecting } from '@/lib/trpc/error-message';

export function ReconnectingBanner() {
  const queryClient = useQueryClient();
  const [reconnecting, setReconnecting] = useState(false);
  useEffect(() => {
    const cache = queryClient.getQueryCache();
    const check = () => setReconnecting(cache.getAll().some((q) => q.state.fetchStatus === 'fetching' && isReconnecting(q.state.fetchFailureReason)));
    check();
    return cache.subscribe(check);
  }, [queryClient]);
  if (!reconnecting) return null;
  return (
    <div role="status" className="fixed inset-x-0 top-0 z-50 bg-amber-100 px-4 py-2 text-center text-sm text-amber-900 shadow dark:bg-amber-900 dark:text-amber-100">
      Reconnecting to the database… the page updates as soon as it is back.
    </div>
  );
}

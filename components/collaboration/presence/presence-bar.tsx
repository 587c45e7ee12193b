'use client';
// Who else has this release request or alert open right now. The page says "still here" every
// 15 s and "gone" when it is hidden or closed; the server passes that on over the live bus to every
// app instance, and a change of who is here refreshes this list on everyone's page.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import superjson from 'superjson';
import { useTRPC } from '@/components/providers/trpc-provider';
import { PRESENCE_HEARTBEAT_MS } from '@/lib/validation/presence';
import { PersonAvatar } from './person-avatar';

/** Survives the page being closed (a keepalive request), where a normal fetch would be cancelled. */
function sendLeave(page: string) {
  void fetch('/api/trpc/presence.leave', {
    method: 'POST',
    keepalive: true,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(superjson.serialize({ page })),
  }).catch(() => {});
}

export function PresenceBar({ page }: { page: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const here = useQuery(trpc.presence.here.queryOptions({ page }));
  const { mutate: heartbeat } = useMutation(
    trpc.presence.heartbeat.mutationOptions({ onSuccess: (view) => queryClient.setQueryData(trpc.presence.here.queryKey({ page }), view) }),
  );

  useEffect(() => {
    const beat = () => {
      if (document.visibilityState === 'visible') heartbeat({ page });
    };
    const onVisibility = () => (document.visibilityState === 'hidden' ? sendLeave(page) : beat());
    const onPageHide = () => sendLeave(page);
    const onPageShow = (e: PageTransitionEvent) => e.persisted && beat(); // back from the back/forward cache
    beat();
    const timer = setInterval(beat, PRESENCE_HEARTBEAT_MS);
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', onPageHide);
    window.addEventListener('pageshow', onPageShow);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', onPageHide);
      window.removeEventListener('pageshow', onPageShow);
      sendLeave(page); // navigated away inside the app
    };
  }, [page, heartbeat]);

  if (here.isError) return null; // refused or gone: the page itself says why
  const people = here.data?.people ?? [];
  const others = people.filter((p) => !p.isYou).length;
  return (
    <div data-testid="presence" data-count={people.length} aria-live="polite" className="flex flex-wrap items-center gap-2 text-sm">
      <span className="text-xs font-medium text-muted-foreground">
        {!here.data ? 'Checking who is here…' : others === 0 ? 'Only you here' : `${others} other${others === 1 ? '' : 's'} here`}
      </span>
      <ul aria-label="People on this page now" className="flex flex-wrap items-center gap-1.5">
        {people.map((p) => (
          <li
            key={p.userId}
            data-testid="presence-person"
            data-user-id={p.userId}
            data-self={p.isYou || undefined}
            className="inline-flex items-center gap-1.5 rounded-full border border-border bg-card py-0.5 pr-2.5 pl-0.5"
          >
            <PersonAvatar name={p.name} size="sm" className="ring-0" />
            <span className="text-xs">
              {p.name}
              {p.isYou ? <span className="text-muted-foreground"> (you)</span> : null}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

import type { ReactNode } from 'react';
import { AppShell } from '@/components/shell/app-shell';
import { DatabaseUnavailable } from '@/components/shell/database-unavailable';
import { requireUserUnlessUnavailable } from '@/components/shell/session';
import { canUseSection } from '@/lib/navigation';
import { HydrateClient, prefetch, trpc } from '@/server/trpc/rsc';

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  // Reloaded from the database on every request: a revoked session or a disabled account lands on sign-in.
  const user = await requireUserUnlessUnavailable();
  if (user === 'database-unavailable') return <DatabaseUnavailable />;
  // The shell reads `me`, the unread count and (with Approvals in the navigation) the requests awaiting this person
  // with useQuery, outside any Suspense: each is settled here, before this layout dehydrates. Left to a page's own
  // prefetch, the layout could dehydrate it still pending, the browser find it resolved, and its first render
  // differ from the server's HTML (React error #418 on /approvals, whose page prefetches the counts).
  await Promise.all([
    prefetch(trpc.me.get.queryOptions()),
    prefetch(trpc.notifications.unreadCount.queryOptions()),
    canUseSection('/approvals', user.roles) ? prefetch(trpc.releases.counts.queryOptions()) : null,
  ]);
  return (
    <HydrateClient>
      <AppShell roles={user.roles}>{children}</AppShell>
    </HydrateClient>
  );
}

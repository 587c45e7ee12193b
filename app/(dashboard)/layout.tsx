import type { ReactNode } from 'react';
import { AppShell } from '@/components/shell/app-shell';
import { DatabaseUnavailable } from '@/components/shell/database-unavailable';
import { requireUserUnlessUnavailable } from '@/components/shell/session';
import { HydrateClient, prefetch, trpc } from '@/server/trpc/rsc';

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  // Reloaded from the database on every request: a revoked session or a disabled account lands on sign-in.
  const user = await requireUserUnlessUnavailable();
  if (user === 'database-unavailable') return <DatabaseUnavailable />;
  // The navigation reads `me` with useQuery (it renders before any page's Suspense), so it is settled first.
  await Promise.all([prefetch(trpc.me.get.queryOptions()), prefetch(trpc.notifications.unreadCount.queryOptions())]);
  return (
    <HydrateClient>
      <AppShell roles={user.roles}>{children}</AppShell>
    </HydrateClient>
  );
}

import type { ReactNode } from 'react';
import { AppShell } from '@/components/shell/app-shell';
import { requireUser } from '@/components/shell/session';
import { HydrateClient, prefetch, trpc } from '@/server/trpc/rsc';

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  // Reloaded from the database on every request: a revoked session or a disabled account lands on sign-in.
  const user = await requireUser();
  prefetch(trpc.me.get.queryOptions());
  prefetch(trpc.notifications.unreadCount.queryOptions());
  return (
    <HydrateClient>
      <AppShell roles={user.roles}>{children}</AppShell>
    </HydrateClient>
  );
}

// The signed-in frame: header (wordmark, live status, notifications, theme, user menu), the main navigation
// (a sidebar from md up, a scrolling bar above the content below it) and the page.
import Link from 'next/link';
import { Suspense, type ReactNode } from 'react';
import { NotificationBell } from '@/components/notifications/notification-bell';
import { LiveUpdates } from '@/components/providers/live-updates';
import { Skeleton } from '@/components/ui/skeleton';
import type { Role } from '@/lib/roles';
import { MainNav } from './main-nav';
import { SessionGuard } from './session-guard';
import { ThemeToggle } from './theme-toggle';
import { UserMenu } from './user-menu';

export function AppShell({ roles, children }: { roles: Role[]; children: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only rounded-md bg-card px-3 py-2 text-sm font-medium shadow-lg focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-50"
      >
        Skip to content
      </a>
      <header className="sticky top-0 z-30 flex h-14 items-center gap-3 border-b border-border bg-card/90 px-4 backdrop-blur md:px-6">
        <Link href="/" className="flex items-center gap-2 rounded-md text-[15px] font-semibold tracking-tight">
          <span aria-hidden className="grid size-7 place-items-center rounded-md bg-primary text-sm text-primary-foreground">
            M
          </span>
          Modelgate
        </Link>
        <div className="ml-auto flex items-center gap-3">
          <LiveUpdates />
          <Suspense fallback={<Skeleton className="size-9" />}>
            <NotificationBell />
          </Suspense>
          <ThemeToggle />
          <Suspense fallback={<Skeleton className="h-9 w-36" />}>
            <UserMenu />
          </Suspense>
        </div>
      </header>
      <SessionGuard />
      <div className="flex flex-1 flex-col md:flex-row">
        <aside className="border-b border-border bg-card/50 md:w-56 md:shrink-0 md:border-r md:border-b-0">
          <div className="md:sticky md:top-14">
            <MainNav serverRoles={roles} />
          </div>
        </aside>
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-4 py-6 outline-none md:px-8 md:py-8">
          <div className="mx-auto w-full max-w-7xl">{children}</div>
        </main>
      </div>
    </div>
  );
}

'use client';
// The bell in the top bar: my unread count, live (the bus refreshes `notifications` queries when
// something arrives for me), and a panel with the latest few, "Mark all read" and the inbox.
import { useSuspenseQuery } from '@tanstack/react-query';
import { Bell } from 'lucide-react';
import Link from 'next/link';
import { Suspense } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { useDisclosure } from '@/components/ui/use-disclosure';
import { SkeletonRows } from '@/components/ui/skeleton';
import { MarkAllReadButton, NotificationRow } from './notification-row';

const RECENT = 6;

export function NotificationBell() {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.notifications.unreadCount.queryOptions());
  const n = data.unread;
  const { open, setOpen, panelId, rootRef, buttonRef } = useDisclosure();

  return (
    <div ref={rootRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        data-testid="notification-bell"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={n > 0 ? `Notifications, ${n} unread` : 'Notifications'}
        onClick={() => setOpen((o) => !o)}
        className="relative grid size-9 place-items-center rounded-md text-muted-foreground hover:bg-muted hover:text-foreground"
      >
        <Bell aria-hidden className="size-5" />
        <span
          data-testid="notification-count"
          data-count={n}
          hidden={n === 0}
          aria-hidden
          className="absolute -top-0.5 -right-0.5 min-w-4.5 rounded-full bg-primary px-1 py-0.5 text-center text-[10px] leading-none font-semibold text-primary-foreground tabular-nums"
        >
          {n > 99 ? '99+' : n}
        </span>
      </button>

      <div id={panelId} hidden={!open} className="absolute top-full right-0 z-40 mt-2 w-96 max-w-[calc(100vw-2rem)] rounded-xl border border-border bg-card p-1.5 text-card-foreground shadow-lg">
        <div className="flex items-center justify-between gap-2 px-3 pt-2 pb-2">
          <p className="text-sm font-medium">Notifications</p>
          <MarkAllReadButton disabled={n === 0} />
        </div>
        {open ? (
          <Suspense fallback={<SkeletonRows rows={3} label="Loading notifications…" />}>
            <Recent onFollow={() => setOpen(false)} />
          </Suspense>
        ) : null}
        <div className="border-t border-border pt-1.5">
          <Link href="/notifications" onClick={() => setOpen(false)} className="block rounded-md px-3 py-2 text-sm font-medium hover:bg-muted">
            All notifications
          </Link>
        </div>
      </div>
    </div>
  );
}

function Recent({ onFollow }: { onFollow: () => void }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.notifications.list.queryOptions({ filter: 'all', limit: RECENT }));
  if (data.items.length === 0) return <p className="px-3 py-6 text-center text-sm text-muted-foreground">Nothing yet. Watch a model to hear about its new versions and alerts.</p>;
  return (
    <ul className="flex max-h-96 flex-col gap-0.5 overflow-y-auto pb-1.5">
      {data.items.map((item) => (
        <NotificationRow key={item.id} item={item} compact onFollow={onFollow} />
      ))}
    </ul>
  );
}

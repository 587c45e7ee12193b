'use client';
// One notification: what happened, who did it, when, and a link to the thing. Following the link
// marks it read (the navigation does not wait for that).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { clsx } from 'clsx';
import Link from 'next/link';
import { formatDateTime } from '@/components/catalog/format';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import { inAppHref, NOTIFICATION_KIND_LABELS, type NotificationItem } from './types';

function useMarkRead() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.notifications.markRead.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.notifications.pathKey() }),
    }),
  );
}

export function NotificationRow({ item, compact = false, onFollow }: { item: NotificationItem; compact?: boolean; onFollow?: () => void }) {
  const markRead = useMarkRead();
  const unread = !item.readAt && !(markRead.isSuccess || markRead.isPending);
  const follow = () => {
    if (!item.readAt) markRead.mutate({ notificationId: item.id });
    onFollow?.();
  };
  return (
    <li data-testid="notification" data-unread={unread} className={clsx('flex items-start gap-3 rounded-md px-3 py-2.5', unread ? 'bg-accent/40' : null)}>
      <span aria-hidden className={clsx('mt-1.5 size-2 shrink-0 rounded-full', unread ? 'bg-primary' : 'bg-transparent')} />
      <div className="flex min-w-0 flex-1 flex-col gap-0.5">
        <Link href={inAppHref(item.href)} onClick={follow} className={clsx('text-sm hover:underline', unread ? 'font-medium' : 'text-foreground/90', compact ? 'line-clamp-2' : null)}>
          {item.title}
          {unread ? <span className="sr-only"> (unread)</span> : null}
        </Link>
        <p className="text-xs text-muted-foreground">
          {NOTIFICATION_KIND_LABELS[item.kind] ?? item.kind}
          {item.actorName ? ` · ${item.actorName}` : ''} · <time dateTime={new Date(item.createdAt).toISOString()}>{formatDateTime(item.createdAt)}</time>
        </p>
      </div>
      {!compact && unread ? (
        <Button variant="ghost" size="sm" onClick={() => markRead.mutate({ notificationId: item.id })} disabled={markRead.isPending}>
          Mark read
        </Button>
      ) : null}
    </li>
  );
}

export function MarkAllReadButton({ disabled }: { disabled?: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const markAll = useMutation(
    trpc.notifications.markAllRead.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.notifications.pathKey() }),
    }),
  );
  return (
    <Button variant="outline" size="sm" data-testid="mark-all-read" onClick={() => markAll.mutate()} disabled={disabled || markAll.isPending}>
      {markAll.isPending ? 'Marking…' : 'Mark all read'}
    </Button>
  );
}

// Shapes of the notification queries as the browser receives them.
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/trpc/routers/_app';

/** Notifications per page of the inbox (the server prefetches the same first page). */
export const INBOX_PAGE = 20;

type Notifications = inferRouterOutputs<AppRouter>['notifications'];

export type NotificationItem = Notifications['list']['items'][number];

/** Notifications link inside the app only; anything else (never written by the server) goes to the inbox. */
export function inAppHref(href: string): string {
  return href.startsWith('/') && !href.startsWith('//') && !href.startsWith('/\\') ? href : '/notifications';
}

export const NOTIFICATION_KIND_LABELS: Record<NotificationItem['kind'], string> = {
  mention: 'Mention',
  comment_reply: 'Reply',
  signature_requested: 'Signature requested',
  decision_on_my_request: 'Decision on your request',
  alert_assigned: 'Alert assigned to you',
  alert_opened_watched: 'Alert on a watched model',
  version_created_watched: 'New version of a watched model',
};

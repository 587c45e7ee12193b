// The inbox's lists, shared by the page (which prefetches the one it opens on) and the tabs.
import { can } from '@/lib/permissions';
import type { InboxView } from '../types';

export const INBOX_TABS: { id: InboxView; label: string; caption: string }[] = [
  { id: 'awaiting_me', label: 'Waiting for my signature', caption: 'Pending release requests your signature would count towards' },
  { id: 'mine', label: 'My requests', caption: 'Release requests you asked for, newest activity first' },
  { id: 'open', label: 'Open', caption: 'Release requests that are drafted, pending, waiting for changes or approved' },
  { id: 'decided', label: 'Recently decided', caption: 'Release requests released, rejected, withdrawn, expired or superseded' },
];

export const isInboxView = (value: unknown): value is InboxView => INBOX_TABS.some((t) => t.id === value);

/** The tab a visit opens on: the one in the URL, else what waits for the person's signature. */
export function initialInboxView(fromUrl: unknown, roles: readonly string[]): InboxView {
  if (isInboxView(fromUrl)) return fromUrl;
  return can({ roles }, 'release.sign') ? 'awaiting_me' : 'open';
}

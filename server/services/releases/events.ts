import type { NewDomainEvent } from '@/server/events/types';

/** A release request, its decisions or comments changed: the inbox, counts and request pages refresh. */
export const RELEASES_CHANGED = (requestId: string): NewDomainEvent => ({
  type: 'releases.changed',
  entityId: requestId,
  topics: ['releases'],
  audience: 'all',
});

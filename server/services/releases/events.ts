import type { NewDomainEvent } from '@/server/events/types';

/** A release request, its decisions or comments changed: the inbox, counts and request pages refresh, and
 * so do catalog pages (the model page's versions table shows each version's latest request). */
export const RELEASES_CHANGED = (requestId: string): NewDomainEvent => ({
  type: 'releases.changed',
  entityId: requestId,
  topics: ['releases', 'catalog'],
  audience: 'all',
});

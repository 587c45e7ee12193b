import { rolesWith } from '@/lib/permissions';
import type { NewDomainEvent } from '@/server/events/types';

/** A person changed: admin and auditor lists refresh, and that person's own session view too. */
export const USERS_CHANGED = (userId: string): NewDomainEvent => ({
  type: 'user.changed',
  entityId: userId,
  topics: ['users', 'me'],
  audience: { roles: rolesWith('user.read'), userIds: [userId] },
});

import { rolesWith } from '@/lib/permissions';
import type { NewDomainEvent } from '@/server/events/types';

/** A webhook, its settings or one of its deliveries changed: the admin webhooks page refreshes. */
export const WEBHOOKS_CHANGED: NewDomainEvent = { type: 'webhooks.changed', topics: ['webhooks'], audience: { roles: rolesWith('webhook.manage'), userIds: [] } };

/** Deliveries were queued: the page refreshes, and every instance's worker looks for work at once. */
export const WEBHOOK_DELIVERIES_QUEUED: NewDomainEvent = { ...WEBHOOKS_CHANGED, type: 'webhooks.queued' };

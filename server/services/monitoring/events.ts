import { rolesWith } from '@/lib/permissions';
import type { NewDomainEvent } from '@/server/events/types';

/** A deployment, its keys or its data changed: monitoring pages refresh. */
export const MONITORING_CHANGED = (deploymentId: string): NewDomainEvent => ({
  type: 'monitoring.changed',
  entityId: deploymentId,
  topics: ['monitoring'],
  audience: { roles: rolesWith('monitoring.read'), userIds: [] },
});

// The live event that refreshes open activity feeds when an entry is appended. Sent from the writer
// of every audit row (server/services/mutate.ts), so no emitter has to remember it, and addressed to
// exactly the people who may see that entry: the audit row itself reaches admins and auditors only.
import type { AuditInput } from '@/server/audit/emit';
import type { NewDomainEvent } from '@/server/events/types';
import { rolesWith } from '@/lib/permissions';
import { ALERT_ACTIONS, CATALOG_ACTIONS, COMMENT_CREATED, RELEASE_ACTIONS } from './actions';

const event = (audience: NewDomainEvent['audience']): NewDomainEvent => ({ type: 'activity.appended', topics: ['activity'], audience });

// Constants, so one transaction that writes several entries publishes each audience once.
const FOR_EVERYONE = event('all');
const RELEASE_READERS = rolesWith('release.read');
const MONITORING_READERS = rolesWith('monitoring.read');
const FOR_RELEASE_READERS = event({ roles: [...RELEASE_READERS], userIds: [] });
const FOR_MONITORING_READERS = event({ roles: [...MONITORING_READERS], userIds: [] });
const FOR_BOTH = event({ roles: RELEASE_READERS.filter((r) => MONITORING_READERS.includes(r)), userIds: [] });

function commentSubject(input: AuditInput): string | undefined {
  const after = input.after as { subjectType?: unknown } | null | undefined;
  if (typeof after?.subjectType === 'string') return after.subjectType;
  return { registered_model: 'model', model_version: 'version', release_request: 'release', alert: 'alert' }[input.entityType];
}

/** The feed refresh an audit row calls for, or null when it shows in no feed. */
export function activityEventFor(input: AuditInput): NewDomainEvent | null {
  const action: string = input.action;
  if ((CATALOG_ACTIONS as readonly string[]).includes(action)) return FOR_EVERYONE;
  if ((RELEASE_ACTIONS as readonly string[]).includes(action)) return FOR_RELEASE_READERS;
  if ((ALERT_ACTIONS as readonly string[]).includes(action)) return FOR_MONITORING_READERS;
  if (action === COMMENT_CREATED) {
    const subject = commentSubject(input);
    if (subject === 'model' || subject === 'version') return FOR_EVERYONE;
    if (subject === 'release') return FOR_RELEASE_READERS;
    if (subject === 'alert') return FOR_MONITORING_READERS;
    return FOR_BOTH; // subject unknown: only people who may see any subject
  }
  return null;
}

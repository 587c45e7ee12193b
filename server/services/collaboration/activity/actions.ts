// Which audit actions make up the activity feeds, what each is about, and who may see it. The feeds,
// their live refresh and the tests read this one list. Each list is checked against the closed audit
// action list, so a renamed or removed action fails the type check instead of vanishing from the feed.
import type { AuditAction } from '@/lib/audit-actions';
import type { Role } from '@/lib/roles';
import type { CommentSubject } from '@/lib/validation/comments';
import { can } from '@/lib/permissions';

/** A new comment: its subject decides who sees the entry. */
export const COMMENT_CREATED = 'comment.created' satisfies AuditAction;

/** Models, versions and aliases: any signed-in person may see these. */
export const CATALOG_ACTIONS = [
  'model.registered',
  'model.updated',
  'version.created',
  'version.metadata_updated',
  'version.reference_dataset_attached',
  'alias.moved',
  'alias.removed',
] as const satisfies readonly AuditAction[];

export const RELEASE_ACTIONS = [
  'release.drafted',
  'release.requested',
  'release.resubmitted',
  'release.withdrawn',
  'decision.signed',
  'release.approved',
  'release.rejected',
  'release.changes_requested',
  'release.released',
  'release.superseded',
  'release.expired',
  'release.rolled_back',
  'release.commented',
] as const satisfies readonly AuditAction[];

export const ALERT_ACTIONS = ['alert.opened', 'alert.reopened', 'alert.acknowledged', 'alert.assigned', 'alert.commented', 'alert.resolved'] as const satisfies readonly AuditAction[];

export type CommentSubjectType = CommentSubject;

export type Viewer = { roles: readonly Role[] };

export const seesReleases = (viewer: Viewer) => can(viewer, 'release.read');
export const seesAlerts = (viewer: Viewer) => can(viewer, 'monitoring.read');

/** The audit actions whose entries this person may see (comments are filtered by their subject too). */
export function visibleActions(viewer: Viewer): string[] {
  return [...CATALOG_ACTIONS, ...(seesReleases(viewer) ? RELEASE_ACTIONS : []), ...(seesAlerts(viewer) ? ALERT_ACTIONS : []), COMMENT_CREATED];
}

/** The subjects of comments this person may see. */
export function visibleCommentSubjects(viewer: Viewer): CommentSubjectType[] {
  return ['model', 'version', ...(seesReleases(viewer) ? (['release'] as const) : []), ...(seesAlerts(viewer) ? (['alert'] as const) : [])];
}


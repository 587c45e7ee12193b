// The closed list of audit actions (shared with the audit page's filters). Adding an emit site means adding its name here.
import { z } from 'zod';

export const AUDIT_ACTIONS = [
  'auth.signed_in',
  'auth.sign_in_failed',
  'auth.signed_out',
  'user.created',
  'user.roles_changed',
  'user.disabled',
  'user.enabled',
  'user.password_changed',
  'audit.exported',
  'model.registered',
  'model.updated',
  'version.created',
  'version.metadata_updated',
  'version.reference_dataset_attached',
  'alias.moved',
  'alias.removed',
  'api_token.created',
  'api_token.revoked',
  'evaluation.saved',
  'release.drafted',
  'release.requested',
  'release.resubmitted',
  'release.withdrawn',
  'decision.signed',
  'signature.failed',
  'release.approved',
  'release.rejected',
  'release.changes_requested',
  'release.released',
  'release.superseded',
  'release.expired',
  'release.rolled_back',
  'release.commented',
  'release.evidence_exported',
  'release_policy.updated',
  'model_release_rules.updated',
  'deployment.created',
  'ingestion_key.created',
  'ingestion_key.revoked',
  'alert_rule.created',
  'alert_rule.updated',
  'alert.opened',
  'alert.reopened',
  'alert.acknowledged',
  'alert.assigned',
  'alert.commented',
  'alert.resolved',
] as const;

export const auditActionSchema = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof auditActionSchema>;

export const ACTOR_TYPES = ['user', 'api_key', 'system'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

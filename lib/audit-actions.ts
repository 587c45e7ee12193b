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
] as const;

export const auditActionSchema = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof auditActionSchema>;

export const ACTOR_TYPES = ['user', 'api_key', 'system'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

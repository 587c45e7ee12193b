import { z } from 'zod';

/** What an ingestion key may do: send events and labels, or read the deployment's statistics. */
const INGESTION_SCOPES = ['write', 'read'] as const;
export type IngestionScope = (typeof INGESTION_SCOPES)[number];

export const createDeploymentSchema = z.object({
  modelId: z.string().uuid(),
  environment: z
    .string()
    .trim()
    .min(2, 'An environment name has at least 2 characters.')
    .max(64)
    .regex(/^[a-z0-9][a-z0-9._-]*$/i, 'Use letters, digits, dots, dashes and underscores, e.g. prod-eu.'),
  alias: z.string().trim().min(1).max(64).default('production'),
  description: z.string().max(2000).default(''),
});

export const deploymentIdSchema = z.object({ deploymentId: z.string().uuid() });

export const createIngestionKeySchema = deploymentIdSchema.extend({
  name: z.string().trim().min(1, 'Name the key after where it is used.').max(100),
  scopes: z.array(z.enum(INGESTION_SCOPES)).min(1).default(['write']),
});

export const revokeIngestionKeySchema = z.object({ keyId: z.string().uuid() });

export const ALERT_KIND_LIST = ['feature_drift', 'dataset_drift', 'missing_rate', 'out_of_range_rate', 'unknown_category_rate', 'type_error_rate', 'latency_p95', 'performance', 'traffic_drop'] as const;
export const SEVERITY_LIST = ['info', 'warning', 'critical'] as const;
export const DRIFT_METHOD_LIST = ['ks', 'chisquare', 'z', 'wasserstein', 'jensenshannon', 'psi'] as const;

const alertRuleSchema = z.object({
  kind: z.enum(ALERT_KIND_LIST),
  feature: z.string().trim().min(1).max(128).nullable().default(null),
  method: z.enum(DRIFT_METHOD_LIST).nullable().default(null),
  metric: z.string().trim().min(1).max(64).nullable().default(null),
  threshold: z.number().finite().nullable().default(null),
  windowMinutes: z.number().int().min(5).max(43_200),
  severity: z.enum(SEVERITY_LIST),
  enabled: z.boolean().default(true),
});
export const createAlertRuleSchema = deploymentIdSchema.extend({ rule: alertRuleSchema });
/** Only the fields of the rule given change (no defaults here: a missing field keeps its value). */
const alertRulePatchSchema = z
  .object({
    kind: alertRuleSchema.shape.kind.optional(),
    feature: alertRuleSchema.shape.feature.unwrap().optional(),
    method: alertRuleSchema.shape.method.unwrap().optional(),
    metric: alertRuleSchema.shape.metric.unwrap().optional(),
    threshold: alertRuleSchema.shape.threshold.unwrap().optional(),
    windowMinutes: alertRuleSchema.shape.windowMinutes.optional(),
    severity: alertRuleSchema.shape.severity.optional(),
    enabled: alertRuleSchema.shape.enabled.unwrap().optional(),
  })
  .strict();
export const updateAlertRuleSchema = z.object({ ruleId: z.string().uuid(), rule: alertRulePatchSchema });

export const alertIdSchema = z.object({ alertId: z.string().uuid() });
export const alertNoteSchema = alertIdSchema.extend({ note: z.string().trim().min(1, 'Write a note.').max(4000) });
export const assignAlertSchema = alertIdSchema.extend({ assigneeId: z.string().uuid().nullable() });
export const listAlertsSchema = z.object({ deploymentId: z.string().uuid().optional(), state: z.enum(['unresolved', 'open', 'acknowledged', 'resolved', 'all']).default('unresolved'), limit: z.number().int().min(1).max(500).default(100) });

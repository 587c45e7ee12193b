// Release requests, policies and decisions: the shapes shared by the server and the approval pages.
import { z } from 'zod';
import { boundedDate, versionNumber } from '@/lib/validation/primitives';
import { ROLES, type Role } from '@/lib/roles';
import { RISK_TIERS } from './catalog';

export const RELEASE_STATES = ['draft', 'pending', 'changes_requested', 'approved', 'released', 'rejected', 'withdrawn', 'expired', 'superseded'] as const;
export type ReleaseState = (typeof RELEASE_STATES)[number];

export const RELEASE_STATE_LABELS: Record<ReleaseState, string> = {
  draft: 'Draft',
  pending: 'Pending',
  changes_requested: 'Changes requested',
  approved: 'Approved',
  released: 'Released',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn',
  expired: 'Expired',
  superseded: 'Superseded',
};

/** States from which nothing more happens to a request. */
export const FINAL_STATES: readonly ReleaseState[] = ['released', 'rejected', 'withdrawn', 'expired', 'superseded'];

const RELEASE_KINDS = ['release', 'rollback_review', 're_review'] as const;
export type ReleaseKind = (typeof RELEASE_KINDS)[number];

export const DECISIONS = ['approve', 'reject', 'request_changes'] as const;
export type Decision = (typeof DECISIONS)[number];

export const DECISION_LABELS: Record<Decision, string> = { approve: 'Approved', reject: 'Rejected', request_changes: 'Changes requested' };

/** Roles whose signatures can count towards a release. */
export const SIGNING_ROLES = ['approver', 'risk_reviewer', 'admin', 'ops', 'data_scientist'] as const satisfies readonly Role[];

const role = z.enum(ROLES);

const approvalRequirementSchema = z.object({ role, count: z.number().int().min(1).max(10) });
export type ApprovalRequirement = z.infer<typeof approvalRequirementSchema>;

const requirements = z
  .array(approvalRequirementSchema)
  .max(6)
  .refine((list) => new Set(list.map((r) => r.role)).size === list.length, 'Each role is listed at most once.');

const metricThresholdSchema = z.object({
  metric: z.string().trim().min(1).max(64),
  op: z.enum(['gte', 'lte']),
  value: z.number().finite(),
});
export type MetricThreshold = z.infer<typeof metricThresholdSchema>;

/** The policy an admin sets for a risk tier. */
export const tierPolicySchema = z.object({
  approvals: requirements.min(1, 'A policy needs at least one approval.'),
  requireModelCard: z.boolean(),
  requireEvaluation: z.boolean(),
  /** Whether an evaluation on local data (not verified by the server) can pass the evaluation gate. */
  acceptUnverifiedEvaluations: z.boolean(),
  requireNoCriticalDrift: z.boolean(),
  /** Days a pending request stays open before it expires. */
  expiryDays: z.number().int().min(1).max(365),
  /** When false, an approved request waits for someone to release it (ops, admin or the requester). */
  releaseOnApproval: z.boolean(),
});
export type TierPolicy = z.infer<typeof tierPolicySchema>;

/** Only the fields of the policy given change; the others keep the tier's current values. */
export const setTierPolicySchema = z.object({ riskTier: z.enum(RISK_TIERS), policy: tierPolicySchema.partial().strict() });

/** What a model adds on top of its tier's policy. It can only tighten it. */
export const modelReleaseRulesSchema = z.object({
  approvals: requirements,
  requireModelCard: z.boolean(),
  requireEvaluation: z.boolean(),
  /** Dataset the gating evaluation must use; null means the version's reference dataset. */
  evaluationDatasetName: z.string().trim().min(1).max(256).nullable(),
  thresholds: z.array(metricThresholdSchema).max(20),
  rejectUnverifiedEvaluations: z.boolean(),
  /** Require no open critical drift alert on the version even where the tier does not. Defaults to off for callers that predate it. */
  requireNoCriticalDrift: z.boolean().default(false),
});
export type ModelReleaseRules = z.infer<typeof modelReleaseRulesSchema>;
/** Only the rules given change; the others keep the model's current ones (off where it has none). */
export const setModelReleaseRulesSchema = z.object({
  modelId: z.string().uuid(),
  rules: modelReleaseRulesSchema.extend({ requireNoCriticalDrift: modelReleaseRulesSchema.shape.requireNoCriticalDrift.unwrap() }).partial().strict(),
});

/** A tier policy merged with a model's rules: what a request is actually held to. */
export type EffectivePolicy = TierPolicy & {
  riskTier: (typeof RISK_TIERS)[number];
  evaluationDatasetName: string | null;
  thresholds: MetricThreshold[];
};

const text = (label: string, max = 4000) => z.string().trim().min(1, `${label} is required.`).max(max);

export const createReleaseRequestSchema = z.object({
  modelId: z.string().uuid(),
  version: versionNumber(),
  alias: z.enum(['staging', 'production']),
  changeSummary: text('A change summary'),
  expectedImpact: text('The expected impact'),
  rollbackPlan: text('A rollback plan'),
  /** Submit for approval at once (draft → pending) instead of keeping a draft. */
  submit: z.boolean().default(true),
});

export const requestIdSchema = z.object({ requestId: z.string().uuid() });

export const submitReleaseRequestSchema = requestIdSchema.extend({
  changeSummary: text('A change summary').optional(),
  expectedImpact: text('The expected impact').optional(),
  rollbackPlan: text('A rollback plan').optional(),
  /** Said when resubmitting after changes were requested. */
  note: z.string().trim().max(2000).optional(),
});

export const withdrawReleaseRequestSchema = requestIdSchema.extend({ reason: text('A reason', 2000) });

/** An electronic signature on a release request. */
export const signDecisionSchema = requestIdSchema.extend({
  decision: z.enum(DECISIONS),
  reason: text('A reason', 2000),
  /** The meaning the signer was shown; refused if the request changed and the meaning with it. */
  meaning: z.string().trim().min(1).max(500),
  /** Re-entered at the moment of signing (accounts with a password). */
  password: z.string().max(1024).optional(),
});

export const rollbackSchema = z.object({
  modelId: z.string().uuid(),
  alias: z.enum(['staging', 'production']),
  reason: text('A reason', 2000),
});

export const commentSchema = requestIdSchema.extend({ body: text('A comment', 4000) });

export const listReleaseRequestsSchema = z.object({
  view: z.enum(['awaiting_me', 'mine', 'decided', 'open', 'all']).default('open'),
  modelId: z.string().uuid().optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

export const evidenceRangeSchema = z.object({
  modelId: z.string().uuid(),
  from: boundedDate().optional(),
  to: boundedDate().optional(),
});

export type GateStatus = 'pass' | 'fail' | 'not_configured' | 'not_available';
export type Gate = {
  key: 'model_card' | 'evaluation' | 'drift';
  label: string;
  /** Whether the policy makes this gate block approval until it passes. */
  required: boolean;
  status: GateStatus;
  detail: string;
  evidence?: Record<string, unknown>;
};

// Default policies per risk tier, and how a model's own rules tighten its tier's policy.
import type { RiskTier } from '@/lib/validation/catalog';
import type { ApprovalRequirement, EffectivePolicy, ModelReleaseRules, TierPolicy } from '@/lib/validation/releases';

export const DEFAULT_TIER_POLICIES: Record<RiskTier, TierPolicy> = {
  low: {
    approvals: [{ role: 'approver', count: 1 }],
    requireModelCard: false,
    requireEvaluation: false,
    acceptUnverifiedEvaluations: true,
    requireNoCriticalDrift: false,
    expiryDays: 30,
    releaseOnApproval: true,
  },
  medium: {
    approvals: [{ role: 'approver', count: 1 }],
    requireModelCard: true,
    requireEvaluation: true,
    acceptUnverifiedEvaluations: true,
    requireNoCriticalDrift: false,
    expiryDays: 14,
    releaseOnApproval: true,
  },
  high: {
    approvals: [
      { role: 'approver', count: 1 },
      { role: 'risk_reviewer', count: 1 },
    ],
    requireModelCard: true,
    requireEvaluation: true,
    acceptUnverifiedEvaluations: false,
    requireNoCriticalDrift: false,
    expiryDays: 14,
    releaseOnApproval: true,
  },
};

export const NO_MODEL_RULES: ModelReleaseRules = {
  approvals: [],
  requireModelCard: false,
  requireEvaluation: false,
  evaluationDatasetName: null,
  thresholds: [],
  rejectUnverifiedEvaluations: false,
  requireNoCriticalDrift: false,
};

function mergeApprovals(tier: readonly ApprovalRequirement[], model: readonly ApprovalRequirement[]): ApprovalRequirement[] {
  const merged = new Map(tier.map((r) => [r.role, r.count]));
  for (const r of model) merged.set(r.role, Math.max(merged.get(r.role) ?? 0, r.count));
  return [...merged].map(([role, count]) => ({ role, count }));
}

/** Rules stored before a field existed lack it; the missing ones take their off value. */
export const withRuleDefaults = (rules: Partial<ModelReleaseRules> | null | undefined): ModelReleaseRules => ({ ...NO_MODEL_RULES, ...rules });

/** A model's rules never loosen the tier: counts take the larger, gates the stricter. */
export function effectivePolicy(riskTier: RiskTier, tier: TierPolicy, model: ModelReleaseRules): EffectivePolicy {
  return {
    riskTier,
    approvals: mergeApprovals(tier.approvals, model.approvals),
    requireModelCard: tier.requireModelCard || model.requireModelCard,
    // Thresholds mean nothing without an evaluation to check them against.
    requireEvaluation: tier.requireEvaluation || model.requireEvaluation || model.thresholds.length > 0,
    acceptUnverifiedEvaluations: tier.acceptUnverifiedEvaluations && !model.rejectUnverifiedEvaluations,
    requireNoCriticalDrift: tier.requireNoCriticalDrift || model.requireNoCriticalDrift,
    expiryDays: tier.expiryDays,
    releaseOnApproval: tier.releaseOnApproval,
    evaluationDatasetName: model.evaluationDatasetName,
    thresholds: model.thresholds,
  };
}

export const describeRequirement = (r: ApprovalRequirement, label: (role: ApprovalRequirement['role']) => string) =>
  `${r.count} ${label(r.role).toLowerCase()}${r.count === 1 ? '' : 's'}`;

// Default policies per risk tier, and how a model's own rules tighten its tier's policy.
import type { RiskTier } from '@/lib/validation/catalog';
import type { ApprovalRequirement, EffectivePolicy, MetricThreshold, ModelReleaseRules, TierPolicy } from '@/lib/validation/releases';

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

const TIER_RANK: Record<RiskTier, number> = { low: 0, medium: 1, high: 2 };

function stricterThresholds(a: readonly MetricThreshold[], b: readonly MetricThreshold[]): MetricThreshold[] {
  const merged = new Map<string, MetricThreshold>();
  for (const t of [...a, ...b]) {
    const key = `${t.metric}\u0000${t.op}`;
    const seen = merged.get(key);
    // ≥ x is stricter the larger x is; ≤ x the smaller.
    if (!seen || (t.op === 'gte' ? t.value > seen.value : t.value < seen.value)) merged.set(key, { ...t });
  }
  return [...merged.values()];
}

/**
 * The policy an open request is judged by: the one it was submitted under, tightened (never
 * loosened) by the model's current one, field by field. Stricter means: the higher risk tier; every
 * role either requires, at the larger count; a gate on if either has it on; unverified evaluations
 * accepted only if both accept them; every threshold of either, at the stricter value where both set
 * the same metric and direction; held for release after approval if either holds it. The expiry
 * and the evaluation dataset are the submitted ones: the deadline was set at submission, and another
 * dataset is a different requirement, not a stricter one, so it waits for the next submission.
 */
export function stricterPolicy(submitted: EffectivePolicy, current: EffectivePolicy): EffectivePolicy {
  return {
    riskTier: TIER_RANK[current.riskTier] > TIER_RANK[submitted.riskTier] ? current.riskTier : submitted.riskTier,
    approvals: mergeApprovals(submitted.approvals, current.approvals),
    requireModelCard: submitted.requireModelCard || current.requireModelCard,
    requireEvaluation: submitted.requireEvaluation || current.requireEvaluation,
    acceptUnverifiedEvaluations: submitted.acceptUnverifiedEvaluations && current.acceptUnverifiedEvaluations,
    requireNoCriticalDrift: submitted.requireNoCriticalDrift || current.requireNoCriticalDrift,
    expiryDays: submitted.expiryDays,
    releaseOnApproval: submitted.releaseOnApproval && current.releaseOnApproval,
    evaluationDatasetName: submitted.evaluationDatasetName,
    thresholds: stricterThresholds(submitted.thresholds, current.thresholds),
  };
}

/** What the current policy adds to the submitted one (empty when it is no stricter), in words. */
export function tighteningsSince(submitted: EffectivePolicy, judged: EffectivePolicy, roleLabel: (role: ApprovalRequirement['role']) => string): string[] {
  const out: string[] = [];
  if (judged.riskTier !== submitted.riskTier) out.push(`risk tier raised to ${judged.riskTier}`);
  for (const r of judged.approvals) {
    const before = submitted.approvals.find((s) => s.role === r.role)?.count ?? 0;
    if (r.count > before) out.push(`${describeRequirement(r, roleLabel)} (was ${before})`);
  }
  if (judged.requireModelCard && !submitted.requireModelCard) out.push('a complete model card');
  if (judged.requireEvaluation && !submitted.requireEvaluation) out.push('an evaluation');
  if (!judged.acceptUnverifiedEvaluations && submitted.acceptUnverifiedEvaluations) out.push('server-verified evaluations only');
  if (judged.requireNoCriticalDrift && !submitted.requireNoCriticalDrift) out.push('no open critical drift alert');
  if (!judged.releaseOnApproval && submitted.releaseOnApproval) out.push('release by ops after approval');
  for (const t of judged.thresholds) {
    const before = submitted.thresholds.find((s) => s.metric === t.metric && s.op === t.op);
    if (!before || before.value !== t.value) out.push(`${t.metric} ${t.op === 'gte' ? '≥' : '≤'} ${t.value}${before ? ` (was ${before.value})` : ''}`);
  }
  return out;
}

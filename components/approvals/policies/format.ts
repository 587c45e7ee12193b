// Words and symbols shared by the policy editors and the model's effective policy panel.
import { describeRequirement } from '@/lib/releases/policy';
import { ROLE_LABELS } from '@/lib/roles';
import type { ApprovalRequirement, MetricThreshold } from '@/lib/validation/releases';
import type { RiskTier } from '@/lib/validation/catalog';

export const TIER_LABELS: Record<RiskTier, string> = { low: 'Low risk', medium: 'Medium risk', high: 'High risk' };

export const OP_SYMBOLS: Record<MetricThreshold['op'], string> = { gte: '≥', lte: '≤' };
export const OP_WORDS: Record<MetricThreshold['op'], string> = { gte: 'at least', lte: 'at most' };

// Losses and calibration error are better when smaller; everything else in SUMMARY_METRICS is better when larger.
const LOWER_IS_BETTER = new Set(['log_loss', 'ece', 'mae', 'rmse']);
export const defaultOp = (metric: string): MetricThreshold['op'] => (LOWER_IS_BETTER.has(metric) ? 'lte' : 'gte');

export const describeApproval = (r: ApprovalRequirement) => describeRequirement(r, (role) => ROLE_LABELS[role]);

export const describeThreshold = (t: MetricThreshold) => `${t.metric} ${OP_SYMBOLS[t.op]} ${t.value}`;

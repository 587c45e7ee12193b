// The policy an open request is judged by: submitted policy tightened, never loosened, by the
// current one. Expected values are written out by hand from the README's rule, field by field.
import { describe, expect, it } from 'vitest';
import type { EffectivePolicy } from '@/lib/validation/releases';
import { stricterPolicy, tighteningsSince } from './policy';

const high: EffectivePolicy = {
  riskTier: 'high',
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
  evaluationDatasetName: null,
  thresholds: [{ metric: 'roc_auc', op: 'gte', value: 0.8 }],
};

const low: EffectivePolicy = {
  riskTier: 'low',
  approvals: [{ role: 'approver', count: 1 }],
  requireModelCard: false,
  requireEvaluation: false,
  acceptUnverifiedEvaluations: true,
  requireNoCriticalDrift: false,
  expiryDays: 30,
  releaseOnApproval: true,
  evaluationDatasetName: 'holdout.csv',
  thresholds: [],
};

const label = (r: string) => r.replace('_', ' ');

describe('stricter policy', () => {
  it('never loosens: a high-tier request whose model was lowered to low is judged as high', () => {
    expect(stricterPolicy(high, low)).toEqual(high);
    expect(tighteningsSince(high, stricterPolicy(high, low), label)).toEqual([]);
  });

  it('applies a tightening field by field', () => {
    const judged = stricterPolicy(low, high);
    expect(judged).toEqual({
      riskTier: 'high',
      approvals: [
        { role: 'approver', count: 1 },
        { role: 'risk_reviewer', count: 1 },
      ],
      requireModelCard: true,
      requireEvaluation: true,
      acceptUnverifiedEvaluations: false,
      requireNoCriticalDrift: false,
      // The deadline and the evaluation dataset are the submitted ones.
      expiryDays: 30,
      releaseOnApproval: true,
      evaluationDatasetName: 'holdout.csv',
      thresholds: [{ metric: 'roc_auc', op: 'gte', value: 0.8 }],
    });
    expect(tighteningsSince(low, judged, label)).toEqual([
      'risk tier raised to high',
      '1 risk reviewer (was 0)',
      'a complete model card',
      'an evaluation',
      'server-verified evaluations only',
      'roc_auc ≥ 0.8',
    ]);
  });

  it('takes the larger count per role, the stricter value per threshold, and holds release if either holds it', () => {
    const submitted: EffectivePolicy = {
      ...low,
      approvals: [{ role: 'approver', count: 2 }],
      thresholds: [
        { metric: 'roc_auc', op: 'gte', value: 0.8 },
        { metric: 'log_loss', op: 'lte', value: 0.5 },
      ],
    };
    const current: EffectivePolicy = {
      ...low,
      approvals: [
        { role: 'approver', count: 1 },
        { role: 'ops', count: 1 },
      ],
      requireNoCriticalDrift: true,
      releaseOnApproval: false,
      thresholds: [
        { metric: 'roc_auc', op: 'gte', value: 0.75 },
        { metric: 'log_loss', op: 'lte', value: 0.4 },
        { metric: 'accuracy', op: 'gte', value: 0.7 },
      ],
    };
    const judged = stricterPolicy(submitted, current);
    expect(judged.approvals).toEqual([
      { role: 'approver', count: 2 },
      { role: 'ops', count: 1 },
    ]);
    expect(judged.thresholds).toEqual([
      { metric: 'roc_auc', op: 'gte', value: 0.8 },
      { metric: 'log_loss', op: 'lte', value: 0.4 },
      { metric: 'accuracy', op: 'gte', value: 0.7 },
    ]);
    expect(judged.requireNoCriticalDrift).toBe(true);
    expect(judged.releaseOnApproval).toBe(false);
    expect(tighteningsSince(submitted, judged, label)).toEqual(['1 ops (was 0)', 'no open critical drift alert', 'release by ops after approval', 'log_loss ≤ 0.4 (was 0.5)', 'accuracy ≥ 0.7']);
  });

  it('is the same whichever way round for everything but the submitted deadline and dataset', () => {
    const { expiryDays: _a, evaluationDatasetName: _b, ...ab } = stricterPolicy(high, low);
    const { expiryDays: _c, evaluationDatasetName: _d, ...ba } = stricterPolicy(low, high);
    expect(ab).toEqual(ba);
  });
});

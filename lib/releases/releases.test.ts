import { describe, expect, it } from 'vitest';
import { MODEL_CARD_FIELDS } from '@/lib/validation/catalog';
import { RELEASE_STATES, type ReleaseState } from '@/lib/validation/releases';
import { blockingGates, evaluateGates, meetsThreshold, type GateEvaluation } from './gates';
import { DEFAULT_TIER_POLICIES, effectivePolicy, NO_MODEL_RULES } from './policy';
import { countQuorum, wouldCount } from './quorum';
import { canTransition } from './state-machine';

describe('release state machine', () => {
  const legal: [ReleaseState, ReleaseState][] = [
    ['draft', 'pending'],
    ['draft', 'withdrawn'],
    ['pending', 'approved'],
    ['pending', 'changes_requested'],
    ['pending', 'rejected'],
    ['pending', 'withdrawn'],
    ['pending', 'expired'],
    ['changes_requested', 'pending'],
    ['changes_requested', 'withdrawn'],
    ['approved', 'released'],
    ['approved', 'withdrawn'],
    ['approved', 'superseded'],
  ];
  it('allows exactly the listed moves and nothing else (no skipping, nothing out of a final state)', () => {
    for (const from of RELEASE_STATES) {
      for (const to of RELEASE_STATES) {
        const expected = legal.some(([f, t]) => f === from && t === to);
        expect(canTransition(from, to), `${from} → ${to}`).toBe(expected);
      }
    }
  });
});

describe('quorum', () => {
  const high = [
    { role: 'approver' as const, count: 1 },
    { role: 'risk_reviewer' as const, count: 1 },
  ];
  it('counts a person holding both roles once', () => {
    const q = countQuorum(high, [{ id: 'drew', roles: ['approver', 'risk_reviewer'] }]);
    expect(q.satisfied).toBe(false);
    expect(q.missing).toHaveLength(1);
    expect(countQuorum(high, [{ id: 'drew', roles: ['approver', 'risk_reviewer'] }, { id: 'drew', roles: ['approver', 'risk_reviewer'] }]).satisfied).toBe(false);
  });
  it('moves a dual-role signer to the slot only they can fill', () => {
    const q = countQuorum(high, [
      { id: 'drew', roles: ['approver', 'risk_reviewer'] },
      { id: 'abe', roles: ['approver'] },
    ]);
    expect(q.satisfied).toBe(true);
    expect(q.slots).toEqual([
      { role: 'approver', required: 1, filledBy: ['abe'] },
      { role: 'risk_reviewer', required: 1, filledBy: ['drew'] },
    ]);
  });
  it('says whether one more signer would count', () => {
    expect(wouldCount(high, [{ id: 'abe', roles: ['approver'] }], { id: 'amy', roles: ['approver'] })).toBe(false);
    expect(wouldCount(high, [{ id: 'abe', roles: ['approver'] }], { id: 'rita', roles: ['risk_reviewer'] })).toBe(true);
    expect(wouldCount([{ role: 'approver', count: 3 }], [{ id: 'a', roles: ['approver'] }], { id: 'b', roles: ['approver', 'ops'] })).toBe(true);
  });
});

describe('effective policy', () => {
  it('only tightens the tier', () => {
    const p = effectivePolicy('low', DEFAULT_TIER_POLICIES.low, {
      ...NO_MODEL_RULES,
      approvals: [
        { role: 'approver', count: 2 },
        { role: 'risk_reviewer', count: 1 },
      ],
      thresholds: [{ metric: 'roc_auc', op: 'gte', value: 0.8 }],
      rejectUnverifiedEvaluations: true,
    });
    expect(p.approvals).toEqual([
      { role: 'approver', count: 2 },
      { role: 'risk_reviewer', count: 1 },
    ]);
    expect(p.requireEvaluation).toBe(true);
    expect(p.acceptUnverifiedEvaluations).toBe(false);
    const loosen = effectivePolicy('high', DEFAULT_TIER_POLICIES.high, { ...NO_MODEL_RULES, approvals: [{ role: 'approver', count: 1 }] });
    expect(loosen.approvals).toEqual(DEFAULT_TIER_POLICIES.high.approvals);
    expect(loosen.requireModelCard).toBe(true);
    expect(effectivePolicy('low', DEFAULT_TIER_POLICIES.low, { ...NO_MODEL_RULES, requireNoCriticalDrift: true }).requireNoCriticalDrift).toBe(true);
    expect(effectivePolicy('low', { ...DEFAULT_TIER_POLICIES.low, requireNoCriticalDrift: true }, NO_MODEL_RULES).requireNoCriticalDrift).toBe(true);
  });
});

describe('gates', () => {
  const card = { filled: MODEL_CARD_FIELDS.length, total: MODEL_CARD_FIELDS.length, missing: [] };
  const reference = { name: 'ref.csv', sha256: 'r'.repeat(64) };
  const ev = (over: Partial<GateEvaluation> = {}): GateEvaluation => ({
    id: 'e1',
    contentDigest: 'd',
    datasetSource: 'reference',
    datasetName: 'ref.csv',
    datasetSha256: reference.sha256,
    verified: true,
    metrics: { roc_auc: 0.85, rmse: 1.2 },
    createdAt: '2026-11-20T10:00:00Z',
    createdByName: 'Rita',
    ...over,
  });
  const policy = (over: Partial<ReturnType<typeof effectivePolicy>> = {}) => ({
    ...effectivePolicy('high', DEFAULT_TIER_POLICIES.high, { ...NO_MODEL_RULES, thresholds: [{ metric: 'roc_auc', op: 'gte', value: 0.8 }] }),
    ...over,
  });

  it('compares thresholds in both directions and never passes a missing or NaN metric', () => {
    expect(meetsThreshold({ metric: 'roc_auc', op: 'gte', value: 0.8 }, 0.8)).toBe(true);
    expect(meetsThreshold({ metric: 'rmse', op: 'lte', value: 1 }, 1.2)).toBe(false);
    expect(meetsThreshold({ metric: 'x', op: 'gte', value: 0 }, null)).toBe(false);
    expect(meetsThreshold({ metric: 'x', op: 'gte', value: 0 }, NaN)).toBe(false);
  });

  it('passes on the newest eligible evaluation of this digest on the reference dataset', () => {
    const gates = evaluateGates({ policy: policy(), contentDigest: 'd', card, referenceDataset: reference, evaluations: [ev({ id: 'other-digest', contentDigest: 'x', metrics: { roc_auc: 0.99 } }), ev()] });
    expect(gates.map((g) => g.status)).toEqual(['pass', 'pass', 'not_available']);
    const monitored = evaluateGates({ policy: policy({ requireNoCriticalDrift: true }), contentDigest: 'd', card, referenceDataset: reference, evaluations: [ev()], driftAlerts: { deployments: 1, alerts: [] } });
    expect(monitored[2]).toMatchObject({ status: 'pass', detail: expect.stringMatching(/No open critical drift alert/) });
    const alerting = evaluateGates({ policy: policy({ requireNoCriticalDrift: true }), contentDigest: 'd', card, referenceDataset: reference, evaluations: [ev()], driftAlerts: { deployments: 1, alerts: [{ reference: 'ALR-3', title: 'Drift in “age”' }] } });
    expect(alerting[2]).toMatchObject({ status: 'fail', detail: expect.stringMatching(/ALR-3 Drift in “age”/) });
    expect(blockingGates(alerting).map((g) => g.key)).toEqual(['drift']);
    expect(gates[1]?.evidence).toMatchObject({ evaluationId: 'e1' });
    expect(blockingGates(gates)).toEqual([]);
  });

  it('refuses unverified evidence when the policy wants verified, and names a missing evaluation', () => {
    const unverified = evaluateGates({ policy: policy(), contentDigest: 'd', card, referenceDataset: reference, evaluations: [ev({ verified: false, datasetSource: 'local' })] });
    expect(unverified[1]).toMatchObject({ status: 'fail', detail: expect.stringMatching(/local data/) });
    const none = evaluateGates({ policy: policy(), contentDigest: 'd', card, referenceDataset: null, evaluations: [] });
    expect(none[1]).toMatchObject({ status: 'fail', detail: expect.stringMatching(/no reference dataset/) });
    const named = evaluateGates({ policy: policy({ evaluationDatasetName: 'holdout.csv' }), contentDigest: 'd', card, referenceDataset: reference, evaluations: [ev()] });
    expect(named[1]?.detail).toMatch(/dataset “holdout.csv”/);
  });

  it('shows gates the policy does not require as not configured, and the drift gate as not available without monitoring', () => {
    const loose = policy({ requireModelCard: false, requireEvaluation: false });
    const gates = evaluateGates({ policy: loose, contentDigest: 'd', card: { filled: 3, total: 10, missing: ['ethicalConsiderations'] }, referenceDataset: reference, evaluations: [] });
    expect(gates.map((g) => g.status)).toEqual(['not_configured', 'not_configured', 'not_available']);
    expect(blockingGates(gates)).toEqual([]);
    expect(blockingGates(evaluateGates({ policy: { ...loose, requireNoCriticalDrift: true }, contentDigest: 'd', card, referenceDataset: reference, evaluations: [] })).map((g) => g.key)).toEqual(['drift']);
  });
});

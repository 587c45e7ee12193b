// A release request is judged by the policy it was submitted under: lowering the model's tier or
// loosening its rules mid-request changes nothing for it; a tightening (of the tier, the model's
// rules or the tier policy) applies to it as well. Adversarial: each test is what a requester in a
// hurry would try, through the same verbs the UI and API call.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TIER_POLICIES } from '@/lib/releases/policy';
import { MODEL_CARD_FIELDS } from '@/lib/validation/catalog';
import type { Decision, TierPolicy } from '@/lib/validation/releases';
import { aliases, modelVersions, releaseRequests } from '@/server/db/schema';
import { PreconditionFailedError } from '@/server/errors';
import { freshDatabase, type TestDatabase } from '@/server/testing/database';
import { contextFor, createUserWithSession } from '@/server/testing/fixtures';
import { tfjsModelFiles } from '@/server/testing/tfjs-fixture';
import { createVersion } from '../catalog/create-version';
import { registerModel } from '../catalog/register-model';
import { updateModel } from '../catalog/update-model';
import type { SessionUser } from '../context';
import { getReleaseRequest } from './get-release-request';
import { listReleaseRequests } from './list-release-requests';
import { setModelReleaseRules, setTierPolicy } from './policies';
import { releaseApproved } from './release';
import { createReleaseRequest } from './request-release';
import { signDecision } from './sign-decision';

const PASSWORD = 'correct horse battery staple';
let t: TestDatabase;
let admin: SessionUser;
let scientist: SessionUser;
let approver: SessionUser;
let approver2: SessionUser;
let reviewer: SessionUser;
let ops: SessionUser;
const ctx = (user: SessionUser) => contextFor(t.db, user);
const completeCard = Object.fromEntries(MODEL_CARD_FIELDS.map(([key]) => [key, `About ${key}.`]));
const NO_RULES = { approvals: [], requireModelCard: false, requireEvaluation: false, evaluationDatasetName: null, thresholds: [], rejectUnverifiedEvaluations: false, requireNoCriticalDrift: false };

// Gates that need evaluations are left out: this file is about which policy counts, not the gates.
const HIGH: TierPolicy = { ...DEFAULT_TIER_POLICIES.high, requireEvaluation: false };
const LOW: TierPolicy = { ...DEFAULT_TIER_POLICIES.low };
const tier = (riskTier: 'low' | 'medium' | 'high', policy: TierPolicy) => setTierPolicy({ ctx: ctx(admin), input: { riskTier, policy } });

let n = 0;
async function modelWith(riskTier: 'low' | 'high') {
  n += 1;
  const model = await registerModel({ ctx: ctx(scientist), input: { name: `Judged ${n}`, ownerTeam: 'Risk', taskType: 'binary_classification', riskTier, description: 'Scores credit risk.', tags: [{ key: 'domain', value: 'credit' }] } });
  await createVersion({ ctx: ctx(scientist), input: { modelId: model.id, files: tfjsModelFiles({ seed: 500 + n }).files, metadata: { outputSchema: { target: 'defaulted', classLabels: ['no', 'yes'], positiveClass: 'yes' }, modelCard: completeCard } } });
  return model;
}

const ask = (modelId: string) =>
  createReleaseRequest({ ctx: ctx(scientist), input: { modelId, version: 1, alias: 'production', changeSummary: 'Ship v1', expectedImpact: 'Fewer false declines.', rollbackPlan: 'Remove the alias.' } });

async function sign(user: SessionUser, requestId: string, decision: Decision = 'approve') {
  const view = await getReleaseRequest({ ctx: ctx(user), input: { requestId } });
  return signDecision({ ctx: ctx(user), input: { requestId, decision, reason: `Reviewed by ${user.name}`, meaning: view.viewer.meanings[decision], password: PASSWORD } });
}

const stateOf = async (id: string) => (await t.db.select({ state: releaseRequests.state }).from(releaseRequests).where(eq(releaseRequests.id, id)))[0]?.state;
const production = async (modelId: string) =>
  (await t.db.select({ version: modelVersions.version }).from(aliases).innerJoin(modelVersions, eq(modelVersions.id, aliases.versionId)).where(and(eq(aliases.modelId, modelId), eq(aliases.name, 'production'))))[0]?.version ?? null;

beforeAll(async () => {
  t = await freshDatabase();
  const make = (roles: Parameters<typeof createUserWithSession>[1], name: string) => createUserWithSession(t.db, roles, { name, password: PASSWORD });
  admin = await make(['admin'], 'Ada Admin');
  scientist = await make(['data_scientist'], 'Dana Scientist');
  approver = await make(['approver'], 'Abe Approver');
  approver2 = await make(['approver'], 'Amy Approver');
  reviewer = await make(['risk_reviewer'], 'Rita Reviewer');
  ops = await make(['ops'], 'Olga Ops');
  await tier('high', HIGH);
  await tier('low', LOW);
});
afterAll(async () => t.close());

describe('a request is judged by the policy it was submitted under', () => {
  it('a high-tier request is not released on one approval after its requester lowers the tier to low', async () => {
    const model = await modelWith('high');
    const request = await ask(model.id);
    expect(request.snapshot?.policy).toMatchObject({ riskTier: 'high', approvals: [{ role: 'approver', count: 1 }, { role: 'risk_reviewer', count: 1 }] });

    await updateModel({ ctx: ctx(scientist), input: { modelId: model.id, riskTier: 'low' } });
    const signed = await sign(approver, request.id);
    expect(signed.request.state).toBe('pending');
    expect(await production(model.id)).toBeNull();

    // The page and the inbox say the same: the risk reviewer is still needed.
    const view = await getReleaseRequest({ ctx: ctx(reviewer), input: { requestId: request.id } });
    expect(view.model.riskTier).toBe('low');
    expect(view.policy).toMatchObject({ riskTier: 'high', requireModelCard: true });
    expect(view.quorum.missing).toEqual([{ role: 'risk_reviewer', count: 1 }]);
    expect(view.tightenedSince).toEqual([]);
    expect(view.viewer.canSign).toBe(true);
    expect((await listReleaseRequests({ ctx: ctx(reviewer), input: { view: 'awaiting_me' } })).map((r) => r.id)).toContain(request.id);

    expect((await sign(reviewer, request.id)).request.state).toBe('released');
    expect(await production(model.id)).toBe(1);
  });

  it('loosening the model rules after submission does not apply (two approvers were asked for, two are needed)', async () => {
    const model = await modelWith('low');
    await setModelReleaseRules({ ctx: ctx(reviewer), input: { modelId: model.id, rules: { ...NO_RULES, approvals: [{ role: 'approver', count: 2 }] } } });
    const request = await ask(model.id);
    await setModelReleaseRules({ ctx: ctx(reviewer), input: { modelId: model.id, rules: NO_RULES } });
    expect((await sign(approver, request.id)).request.state).toBe('pending');
    expect((await sign(approver2, request.id)).request.state).toBe('released');
  });

  it('raising the tier after submission applies to the open request, and the page says so', async () => {
    const model = await modelWith('low');
    const request = await ask(model.id);
    await updateModel({ ctx: ctx(scientist), input: { modelId: model.id, riskTier: 'high' } });
    const view = await getReleaseRequest({ ctx: ctx(approver), input: { requestId: request.id } });
    expect(view.submittedPolicy).toMatchObject({ riskTier: 'low' });
    expect(view.policy.riskTier).toBe('high');
    expect(view.tightenedSince).toEqual(['risk tier raised to high', '1 risk reviewer (was 0)', 'a complete model card', 'server-verified evaluations only']);
    expect((await sign(approver, request.id)).request.state).toBe('pending');
    expect((await sign(reviewer, request.id)).request.state).toBe('released');
  });

  it('a tightened tier policy applies to open requests of that tier; loosening it back does not', async () => {
    const model = await modelWith('low');
    const request = await ask(model.id);
    try {
      await tier('low', { ...LOW, approvals: [{ role: 'approver', count: 2 }] });
      await tier('low', LOW);
      // Tightened and loosened again: the stricter of submitted and current is the submitted (1).
      expect((await sign(approver, request.id)).request.state).toBe('released');

      const second = await modelWith('low');
      const other = await ask(second.id);
      await tier('low', { ...LOW, approvals: [{ role: 'approver', count: 2 }] });
      expect((await sign(approver, other.id)).request.state).toBe('pending');
      expect((await sign(approver2, other.id)).request.state).toBe('released');
    } finally {
      await tier('low', LOW);
    }
  });

  it('an approved request held for ops is not released after a tightening it no longer meets', async () => {
    await tier('low', { ...LOW, releaseOnApproval: false });
    try {
      const model = await modelWith('low');
      const request = await ask(model.id);
      expect((await sign(approver, request.id)).request.state).toBe('approved');
      await updateModel({ ctx: ctx(scientist), input: { modelId: model.id, riskTier: 'high' } });
      const attempt = releaseApproved({ ctx: ctx(ops), input: { requestId: request.id } });
      await expect(attempt).rejects.toThrow(PreconditionFailedError);
      await expect(attempt).rejects.toThrow(/tightened after REL-\d+ was approved; it now also needs: 1 more risk reviewer approval.*Withdraw the request and submit again/);
      expect(await stateOf(request.id)).toBe('approved');
      expect(await production(model.id)).toBeNull();
      // Lowered back: the approval it got under its submitted policy is enough again.
      await updateModel({ ctx: ctx(scientist), input: { modelId: model.id, riskTier: 'low' } });
      expect((await releaseApproved({ ctx: ctx(ops), input: { requestId: request.id } })).state).toBe('released');
    } finally {
      await tier('low', LOW);
    }
  });
});

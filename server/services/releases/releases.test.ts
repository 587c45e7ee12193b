// Release approvals end to end through the service verbs: every transition, separation of duties,
// quorum per policy, gates, signatures with re-authentication, digest checks, expiry, rollback and
// concurrent signers, each asserting what was written (and not written) and the audit rows.
import { createHash } from 'node:crypto';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '@/lib/datasets/csv';
import { encodePredictions, summarise } from '@/lib/evaluation/summary';
import { evaluateGates } from '@/lib/releases/gates';
import { DEFAULT_TIER_POLICIES } from '@/lib/releases/policy';
import { MODEL_CARD_FIELDS } from '@/lib/validation/catalog';
import type { Decision, TierPolicy } from '@/lib/validation/releases';
import { verifyAuditChain } from '@/server/audit/verify';
import { alertRules, alerts, aliases, auditEvents, deployments, modelReleaseRules, modelVersions, releaseDecisions, releaseRequests, releaseTransitions, versionFiles } from '@/server/db/schema';
import { ConflictError, ForbiddenError, PreconditionFailedError, ValidationError } from '@/server/errors';
import { freshDatabase, type TestDatabase } from '@/server/testing/database';
import { contextFor, createUserWithSession } from '@/server/testing/fixtures';
import { predictWith, sha256Of } from '@/server/testing/honest-predictions';
import { creditCsv, tfjsModelFiles } from '@/server/testing/tfjs-fixture';
import { createVersion } from '../catalog/create-version';
import { registerModel } from '../catalog/register-model';
import { updateVersionMetadata } from '../catalog/update-version-metadata';
import type { SessionUser } from '../context';
import { saveEvaluation } from '../evaluations/save-evaluation';
import { addReleaseComment } from './comments';
import { expireOverdueReleases } from './expire';
import { getReleaseRequest } from './get-release-request';
import { listReleaseRequests, releaseCounts } from './list-release-requests';
import { getModelReleaseRules, loadEffectivePolicy, setModelReleaseRules, setTierPolicy } from './policies';
import { digestProblem, digestProblemOf, findRequest, gatesFor, signingEvidence } from './request-state';
import { requesterToTell } from '../collaboration/notifications/release-decisions';
import { releaseApproved } from './release';
import { createReleaseRequest, submitReleaseRequest, withdrawReleaseRequest } from './request-release';
import { rollbackAlias } from './rollback';
import { signDecision } from './sign-decision';

const PASSWORD = 'correct horse battery staple';
let t: TestDatabase;
let admin: SessionUser;
let scientist: SessionUser;
let otherScientist: SessionUser;
let approver: SessionUser;
let approver2: SessionUser;
let reviewer: SessionUser;
let dual: SessionUser;
let ops: SessionUser;
let auditor: SessionUser;

const ctx = (user: SessionUser | null) => contextFor(t.db, user);
const csvBytes = creditCsv(40);
const completeCard = Object.fromEntries(MODEL_CARD_FIELDS.map(([key]) => [key, `About ${key}.`]));

const preprocessing = {
  steps: [
    { feature: 'age', kind: 'standardize' as const, mean: 40, std: 12 },
    { feature: 'income', kind: 'standardize' as const, mean: 50000, std: 15000 },
    { feature: 'region', kind: 'one_hot' as const, categories: ['north', 'south', 'east'] },
  ],
  missingNumeric: { strategy: 'mean' as const },
};

let modelCounter = 0;
/** Each version's model files, so an evaluation can upload that model's own outputs (the server re-runs it). */
const filesOf = new Map<string, ReturnType<typeof tfjsModelFiles>['files']>();
/** A model of the given tier with `versions` versions, all made by `scientist`. */
async function modelWith(riskTier: 'low' | 'medium' | 'high', versions = 2, options: { card?: boolean; dataset?: boolean } = {}) {
  modelCounter += 1;
  const model = await registerModel({ ctx: ctx(scientist), input: { name: `Release Target ${modelCounter}`, ownerTeam: 'Risk', taskType: 'binary_classification', riskTier } });
  for (let v = 1; v <= versions; v++) {
    // Five inputs: what the preprocessing below encodes (age, income, three regions).
    const files = tfjsModelFiles({ seed: modelCounter * 10 + v, inputs: 5 }).files;
    filesOf.set(`${model.id}/${v}`, files);
    await createVersion({
      ctx: ctx(scientist),
      input: {
        modelId: model.id,
        files,
        metadata: {
          outputSchema: { target: 'defaulted', classLabels: ['no', 'yes'], positiveClass: 'yes' },
          metrics: { auc: 0.8 + v / 100 },
          ...(options.card ? { modelCard: completeCard } : {}),
          ...(options.dataset ? { preprocessing } : {}),
        },
        ...(options.dataset ? { referenceDataset: { name: 'reference.csv', bytes: csvBytes } } : {}),
      },
    });
  }
  return model;
}

const ask = (modelId: string, version: number, alias: 'staging' | 'production' = 'production', extra: Record<string, unknown> = {}) =>
  createReleaseRequest({
    ctx: ctx(scientist),
    input: { modelId, version, alias, changeSummary: `Ship v${version}`, expectedImpact: 'Fewer false declines.', rollbackPlan: 'Roll back to the previous version.', ...extra },
  });

async function sign(user: SessionUser, requestId: string, decision: Decision = 'approve', extra: Record<string, unknown> = {}) {
  const view = await getReleaseRequest({ ctx: ctx(admin), input: { requestId } });
  return signDecision({ ctx: ctx(user), input: { requestId, decision, reason: `Reviewed by ${user.name}`, meaning: view.viewer.meanings[decision], password: PASSWORD, ...extra } });
}

/**
 * A signature reads its evidence in one statement (signingEvidence); the request page reads it
 * through the policy, gate and digest helpers. Both must see the same thing.
 */
async function expectSigningReadsWhatThePageReads(requestId: string) {
  const { request, model, version } = await findRequest(t.db, requestId);
  const policy = await loadEffectivePolicy(t.db, model);
  const { gates } = await gatesFor(t.db, version, policy);
  const signing = await signingEvidence(t.db, version, { model, requesterId: request.requestedBy });
  expect(signing.policy).toEqual(policy);
  const { card, referenceDataset, evaluations, driftAlerts } = signing;
  expect(evaluateGates({ policy: signing.policy, contentDigest: version.contentDigest, card, referenceDataset, evaluations, driftAlerts })).toEqual(gates);
  expect(digestProblemOf(request, version, signing.files)).toBe(await digestProblem(t.db, request, version));
  expect(signing.requester).toEqual(await requesterToTell(t.db, request, { id: null }));
}

const stateOf = async (id: string) => (await t.db.select({ state: releaseRequests.state }).from(releaseRequests).where(eq(releaseRequests.id, id)))[0]?.state;
const aliasVersion = async (modelId: string, alias = 'production') =>
  (
    await t.db
      .select({ version: modelVersions.version })
      .from(aliases)
      .innerJoin(modelVersions, eq(modelVersions.id, aliases.versionId))
      .where(and(eq(aliases.modelId, modelId), eq(aliases.name, alias)))
  )[0]?.version ?? null;
const actionsFor = async (entityId: string) => (await t.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.entityId, entityId)).orderBy(asc(auditEvents.seq))).map((r) => r.action);
const decisionCount = async (requestId: string) => (await t.db.select({ n: sql<number>`count(*)::int` }).from(releaseDecisions).where(eq(releaseDecisions.requestId, requestId)))[0]?.n ?? 0;
const policy = (tier: 'low' | 'medium' | 'high', overrides: Partial<TierPolicy>) => setTierPolicy({ ctx: ctx(admin), input: { riskTier: tier, policy: { ...DEFAULT_TIER_POLICIES[tier], ...overrides } } });

beforeAll(async () => {
  t = await freshDatabase();
  const make = (roles: Parameters<typeof createUserWithSession>[1], name: string) => createUserWithSession(t.db, roles, { name, password: PASSWORD });
  admin = await make(['admin'], 'Ada Admin');
  scientist = await make(['data_scientist'], 'Dana Scientist');
  otherScientist = await make(['data_scientist'], 'Sam Scientist');
  approver = await make(['approver'], 'Abe Approver');
  approver2 = await make(['approver'], 'Amy Approver');
  reviewer = await make(['risk_reviewer'], 'Rita Reviewer');
  dual = await make(['approver', 'risk_reviewer'], 'Drew Dual');
  ops = await make(['ops'], 'Olga Ops');
  auditor = await make(['auditor'], 'Aldo Auditor');
  // Low tier without gates, so most tests are about the workflow itself.
  await policy('low', { requireModelCard: false, requireEvaluation: false });
});
afterAll(async () => t.close());

describe('asking for a release', () => {
  it('submits a request with a snapshot of digest, card, evaluations, current holder and policy, and freezes the version', async () => {
    const model = await modelWith('low');
    const request = await ask(model.id, 1);
    expect(request).toMatchObject({ state: 'pending', round: 1, version: 1, alias: 'production', requestedByName: 'Dana Scientist' });
    const [version] = await t.db.select().from(modelVersions).where(and(eq(modelVersions.modelId, model.id), eq(modelVersions.version, 1)));
    expect(request.snapshot).toMatchObject({ contentDigest: version?.contentDigest, currentHolder: null, evaluations: [], policy: { riskTier: 'low', approvals: [{ role: 'approver', count: 1 }] } });
    expect(version?.submittedAt).not.toBeNull();
    expect(request.expiresAt?.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    expect(await actionsFor(request.id)).toEqual(['release.drafted', 'release.requested']);
    const transitions = await t.db.select().from(releaseTransitions).where(eq(releaseTransitions.requestId, request.id)).orderBy(asc(releaseTransitions.at));
    expect(transitions.map((x) => [x.fromState, x.toState])).toEqual([
      [null, 'draft'],
      ['draft', 'pending'],
    ]);
  });

  it('refuses a second open request for the same version and alias, a version already there, missing texts and the wrong role', async () => {
    const model = await modelWith('low');
    const first = await ask(model.id, 1);
    await expect(ask(model.id, 1)).rejects.toThrow(ConflictError);
    await expect(ask(model.id, 1)).rejects.toThrow(/REL-\d+ already asks to release v1 to production/);
    await expect(ask(model.id, 2, 'production', { rollbackPlan: '  ' })).rejects.toThrow(ValidationError);
    await expect(createReleaseRequest({ ctx: ctx(approver), input: { modelId: model.id, version: 2, alias: 'production', changeSummary: 'x', expectedImpact: 'y', rollbackPlan: 'z' } })).rejects.toThrow(ForbiddenError);
    const rows = await t.db.select().from(releaseRequests).where(eq(releaseRequests.modelId, model.id));
    expect(rows.map((r) => r.id)).toEqual([first.id]);
    await sign(approver, first.id);
    await expect(ask(model.id, 1)).rejects.toThrow(/already holds production/);
  });

  it('keeps a draft until its requester submits it, and only the requester can submit or withdraw', async () => {
    const model = await modelWith('low');
    const draft = await ask(model.id, 1, 'staging', { submit: false });
    expect(draft.state).toBe('draft');
    await expect(submitReleaseRequest({ ctx: ctx(otherScientist), input: { requestId: draft.id } })).rejects.toThrow(ForbiddenError);
    await expect(sign(approver, draft.id)).rejects.toThrow(/only a pending request can be signed/);
    const submitted = await submitReleaseRequest({ ctx: ctx(scientist), input: { requestId: draft.id, changeSummary: 'Now with a better summary' } });
    expect(submitted).toMatchObject({ state: 'pending', changeSummary: 'Now with a better summary' });
    // pending → pending is not a transition
    await expect(submitReleaseRequest({ ctx: ctx(scientist), input: { requestId: draft.id } })).rejects.toThrow(ConflictError);
    await expect(withdrawReleaseRequest({ ctx: ctx(otherScientist), input: { requestId: draft.id, reason: 'mine now' } })).rejects.toThrow(ForbiddenError);
    const withdrawn = await withdrawReleaseRequest({ ctx: ctx(scientist), input: { requestId: draft.id, reason: 'Found a bug' } });
    expect(withdrawn.state).toBe('withdrawn');
    await expect(withdrawReleaseRequest({ ctx: ctx(scientist), input: { requestId: draft.id, reason: 'again' } })).rejects.toThrow(/withdrawn; it cannot become withdrawn/);
    await expect(sign(approver, draft.id)).rejects.toThrow(ConflictError);
    expect(await actionsFor(draft.id)).toEqual(['release.drafted', 'release.requested', 'release.withdrawn']);
  });

  it('lets the requester withdraw a draft that was never submitted, and a request sent back for changes', async () => {
    const model = await modelWith('low');
    const draft = await ask(model.id, 1, 'staging', { submit: false });
    const withdrawnDraft = await withdrawReleaseRequest({ ctx: ctx(scientist), input: { requestId: draft.id, reason: 'Not needed after all' } });
    expect(withdrawnDraft).toMatchObject({ state: 'withdrawn', submittedAt: null });
    expect(withdrawnDraft.decidedAt).toBeInstanceOf(Date);
    expect(await actionsFor(draft.id)).toEqual(['release.drafted', 'release.withdrawn']);
    const draftSteps = await t.db.select().from(releaseTransitions).where(eq(releaseTransitions.requestId, draft.id)).orderBy(asc(releaseTransitions.at));
    expect(draftSteps.map((x) => [x.fromState, x.toState, x.note])).toEqual([
      [null, 'draft', null],
      ['draft', 'withdrawn', 'Not needed after all'],
    ]);
    // A withdrawn draft can no longer be submitted.
    await expect(submitReleaseRequest({ ctx: ctx(scientist), input: { requestId: draft.id } })).rejects.toThrow(/withdrawn; it cannot become pending/);

    const request = await ask(model.id, 2);
    expect((await sign(approver, request.id, 'request_changes', { reason: 'Explain the new feature.' })).request.state).toBe('changes_requested');
    await expect(withdrawReleaseRequest({ ctx: ctx(approver), input: { requestId: request.id, reason: 'x' } })).rejects.toThrow(ForbiddenError);
    const withdrawn = await withdrawReleaseRequest({ ctx: ctx(scientist), input: { requestId: request.id, reason: 'Reworking v2 first' } });
    expect(withdrawn.state).toBe('withdrawn');
    const [row] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, request.id), eq(auditEvents.action, 'release.withdrawn')));
    expect(row).toMatchObject({ actorName: 'Dana Scientist', reason: 'Reworking v2 first', before: { state: 'changes_requested' }, after: { state: 'withdrawn' } });
    await expect(submitReleaseRequest({ ctx: ctx(scientist), input: { requestId: request.id } })).rejects.toThrow(ConflictError);
    expect(await aliasVersion(model.id, 'production')).toBe(null);
  });

  it('refuses to withdraw a released request with CONFLICT, and writes nothing', async () => {
    const model = await modelWith('low');
    const request = await ask(model.id, 1);
    expect((await sign(approver, request.id)).request.state).toBe('released');
    const before = await actionsFor(request.id);
    const refused = await withdrawReleaseRequest({ ctx: ctx(scientist), input: { requestId: request.id, reason: 'Too late' } }).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(ConflictError);
    expect((refused as Error).message).toMatch(/released; it cannot become withdrawn/);
    expect(await stateOf(request.id)).toBe('released');
    expect(await actionsFor(request.id)).toEqual(before);
    const steps = await t.db.select({ to: releaseTransitions.toState }).from(releaseTransitions).where(eq(releaseTransitions.requestId, request.id));
    expect(steps.map((x) => x.to)).not.toContain('withdrawn');
    expect(await aliasVersion(model.id)).toBe(1);
  });
});

describe('signing', () => {
  it('records a signature with printed name, roles, time, meaning, reason and digest, and releases on quorum', async () => {
    const model = await modelWith('low');
    const request = await ask(model.id, 2);
    const result = await sign(approver, request.id, 'approve', { reason: 'Metrics hold up on the holdout.' });
    expect(result.request.state).toBe('released');
    expect(result.signature).toMatchObject({
      decision: 'approve',
      signerName: 'Abe Approver',
      signerId: approver.id,
      signerRoles: ['approver'],
      countedAs: 'approver',
      meaning: `I approve release of ${model.name} v2 to production`,
      reason: 'Metrics hold up on the holdout.',
      signedDigest: request.snapshot?.contentDigest,
      authMethod: 'password',
    });
    expect(result.signature.signedAt).toBeInstanceOf(Date);
    expect(await aliasVersion(model.id)).toBe(2);
    expect(await actionsFor(request.id)).toEqual(['release.drafted', 'release.requested', 'decision.signed', 'release.approved', 'release.released']);
    const [signed] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, request.id), eq(auditEvents.action, 'decision.signed')));
    expect(signed).toMatchObject({ actorName: 'Abe Approver', reason: 'Metrics hold up on the holdout.', after: { signerName: 'Abe Approver', meaning: `I approve release of ${model.name} v2 to production`, signedDigest: request.snapshot?.contentDigest } });
    const [moved] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, model.id), eq(auditEvents.action, 'alias.moved')));
    expect(moved).toMatchObject({ before: { alias: 'production', version: null }, after: { alias: 'production', version: 2 } });
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it('does not sign with a wrong or missing password, and audits the failed attempt', async () => {
    const model = await modelWith('low');
    const request = await ask(model.id, 1);
    await expect(sign(approver, request.id, 'approve', { password: 'not my password' })).rejects.toThrow(/not correct. Nothing was signed/);
    await expect(sign(approver, request.id, 'approve', { password: undefined })).rejects.toThrow(/Re-enter your password/);
    expect(await decisionCount(request.id)).toBe(0);
    expect(await stateOf(request.id)).toBe('pending');
    expect(await actionsFor(request.id)).toContain('signature.failed');
  });

  it('refuses a meaning that is not what the request means now', async () => {
    const model = await modelWith('low');
    const request = await ask(model.id, 1);
    await expect(sign(approver, request.id, 'approve', { meaning: `I approve release of ${model.name} v9 to production` })).rejects.toThrow(ConflictError);
    expect(await decisionCount(request.id)).toBe(0);
  });

  it('rejects and requests changes as signatures; a resubmission starts a new round', async () => {
    const model = await modelWith('high');
    await policy('high', { requireModelCard: false, requireEvaluation: false });
    try {
      const request = await ask(model.id, 1);
      await sign(approver, request.id);
      expect(await stateOf(request.id)).toBe('pending');
      const changes = await sign(reviewer, request.id, 'request_changes', { reason: 'Add the fairness analysis.' });
      expect(changes.request.state).toBe('changes_requested');
      await expect(sign(approver2, request.id)).rejects.toThrow(ConflictError);
      const again = await submitReleaseRequest({ ctx: ctx(scientist), input: { requestId: request.id, note: 'Fairness analysis added.' } });
      expect(again).toMatchObject({ state: 'pending', round: 2 });
      // The first round's approval does not count any more: the approver signs again.
      await sign(reviewer, request.id);
      expect(await stateOf(request.id)).toBe('pending');
      await sign(approver, request.id);
      expect(await stateOf(request.id)).toBe('released');

      const second = await ask(model.id, 2);
      const rejected = await sign(dual, second.id, 'reject', { reason: 'Too risky this quarter.' });
      expect(rejected.request.state).toBe('rejected');
      await expect(submitReleaseRequest({ ctx: ctx(scientist), input: { requestId: second.id } })).rejects.toThrow(/rejected; it cannot become pending/);
      await expect(withdrawReleaseRequest({ ctx: ctx(scientist), input: { requestId: second.id, reason: 'x' } })).rejects.toThrow(ConflictError);
      expect(await aliasVersion(model.id)).toBe(1);
      expect(await actionsFor(second.id)).toEqual(['release.drafted', 'release.requested', 'decision.signed', 'release.rejected']);
    } finally {
      await policy('high', {});
    }
  });
});

describe('separation of duties and quorum', () => {
  it('refuses the requester, the version author, and people without a role the policy names', async () => {
    const model = await modelWith('low');
    // otherScientist also approves: they hold both roles in this test.
    const versatile = await createUserWithSession(t.db, ['data_scientist', 'approver'], { name: 'Val Versatile', password: PASSWORD });
    await createVersion({ ctx: ctx(versatile), input: { modelId: model.id, files: tfjsModelFiles({ seed: 999 }).files, metadata: {} } });
    const byVersatile = await createReleaseRequest({ ctx: ctx(versatile), input: { modelId: model.id, version: 1, alias: 'staging', changeSummary: 's', expectedImpact: 'i', rollbackPlan: 'r' } });
    await expect(sign(versatile, byVersatile.id)).rejects.toThrow(/the requester cannot sign it/);
    const ofVersatilesVersion = await ask(model.id, 3);
    await expect(sign(versatile, ofVersatilesVersion.id)).rejects.toThrow(/the author of a version cannot sign its release/);
    await expect(sign(ops, ofVersatilesVersion.id)).rejects.toThrow(ForbiddenError);
    await expect(sign(auditor, ofVersatilesVersion.id, 'reject')).rejects.toThrow(/may not sign release decisions/);
    expect(await decisionCount(byVersatile.id)).toBe(0);
    expect(await decisionCount(ofVersatilesVersion.id)).toBe(0);
  });

  it('counts a person once however many roles they hold, and refuses a signature that would count for nothing', async () => {
    const model = await modelWith('high');
    await policy('high', { requireModelCard: false, requireEvaluation: false });
    try {
      const request = await ask(model.id, 1);
      const first = await sign(dual, request.id);
      expect(first.request.state).toBe('pending');
      await expect(sign(dual, request.id)).rejects.toThrow(/already signed/);
      // Drew (approver + risk reviewer) filled one slot; a second approver is welcome only if Drew can move to the other.
      const second = await sign(approver, request.id);
      expect(second.signature.countedAs).toBe('approver');
      expect(second.request.state).toBe('released');
      const view = await getReleaseRequest({ ctx: ctx(admin), input: { requestId: request.id } });
      expect(view.quorum.satisfied).toBe(true);
      expect(view.quorum.slots).toEqual([
        { role: 'approver', required: 1, filledBy: [approver.id] },
        { role: 'risk_reviewer', required: 1, filledBy: [dual.id] },
      ]);

      const next = await ask(model.id, 2);
      await sign(approver, next.id);
      await expect(sign(approver2, next.id)).rejects.toThrow(/now waits for: 1 risk reviewer/);
      expect(await decisionCount(next.id)).toBe(1);
      await sign(reviewer, next.id);
      expect(await aliasVersion(model.id)).toBe(2);
    } finally {
      await policy('high', {});
    }
  });

  it('lets a model tighten its tier (never loosen it) and counts against the merged policy', async () => {
    const model = await modelWith('low');
    await setModelReleaseRules({
      ctx: ctx(reviewer),
      input: { modelId: model.id, rules: { approvals: [{ role: 'approver', count: 2 }, { role: 'risk_reviewer', count: 1 }], requireModelCard: false, requireEvaluation: false, evaluationDatasetName: null, thresholds: [], rejectUnverifiedEvaluations: false } },
    });
    await expect(setModelReleaseRules({ ctx: ctx(scientist), input: { modelId: model.id, rules: { approvals: [], requireModelCard: false, requireEvaluation: false, evaluationDatasetName: null, thresholds: [], rejectUnverifiedEvaluations: false } } })).rejects.toThrow(ForbiddenError);
    const { effective } = await getModelReleaseRules({ ctx: ctx(scientist), input: { modelId: model.id } });
    expect(effective.approvals).toEqual([
      { role: 'approver', count: 2 },
      { role: 'risk_reviewer', count: 1 },
    ]);
    const request = await ask(model.id, 1);
    await sign(approver, request.id);
    await sign(reviewer, request.id);
    expect(await stateOf(request.id)).toBe('pending');
    await sign(approver2, request.id);
    expect(await stateOf(request.id)).toBe('released');
    expect(await actionsFor(model.id)).toContain('model_release_rules.updated');
  });

  it('lets only admins set tier policies, and audits the change', async () => {
    await expect(setTierPolicy({ ctx: ctx(approver), input: { riskTier: 'medium', policy: DEFAULT_TIER_POLICIES.medium } })).rejects.toThrow(ForbiddenError);
    await expect(setTierPolicy({ ctx: ctx(admin), input: { riskTier: 'medium', policy: { ...DEFAULT_TIER_POLICIES.medium, approvals: [] } } })).rejects.toThrow(ValidationError);
    await policy('medium', { expiryDays: 7 });
    const [row] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'release_policy.updated'), eq(auditEvents.entityId, 'medium'))).orderBy(desc(auditEvents.seq)).limit(1);
    expect(row).toMatchObject({ actorName: 'Ada Admin', before: { expiryDays: 14 }, after: { expiryDays: 7 }, changedFields: ['expiryDays'] });
    await policy('medium', {});
  });
});

describe('gates', () => {
  const rows = parseCsv(new TextDecoder().decode(csvBytes)).rows;
  const labels = rows.map((r) => (r[3] === 'yes' ? 1 : 0));
  // The preprocessing above, by hand: age and income standardized, region one-hot.
  const x = Float32Array.from(rows.flatMap((r) => [(Number(r[0]) - 40) / 12, (Number(r[1]) - 50000) / 15000, ...['north', 'south', 'east'].map((c) => (c === r[2] ? 1 : 0))]));
  /** The version's own outputs on the reference rows (TF.js CPU), as an honest browser uploads them, and their metrics. */
  const run = async (modelId: string, version: number) => {
    const scores = (await predictWith('cpu', filesOf.get(`${modelId}/${version}`) ?? [], x, rows.length)).values;
    return { scores, metrics: summarise('binary_classification', scores, labels, { classCount: 2, threshold: 0.5 }) };
  };
  const evaluation = async (modelId: string, version: number, source: 'reference' | 'local' = 'reference') => {
    const { scores, metrics } = await run(modelId, version);
    return saveEvaluation({
      ctx: ctx(reviewer),
      input: {
        modelId,
        version,
        dataset: { source, name: 'reference.csv', sha256: createHash('sha256').update(csvBytes).digest('hex'), rowCount: 40 },
        labelColumn: 'defaulted',
        backend: 'wasm',
        adapter: null,
        tfjsVersion: '4.22.0',
        timings: { loadMs: 1, inferenceMs: 1, totalMs: 2 },
        threshold: 0.5,
        metrics,
        predictions: encodePredictions(scores),
        predictionsSha256: sha256Of(scores),
        evaluatedRows: 40,
        droppedRows: [],
      },
    });
  };

  it('blocks approval until the model card is complete and an evaluation meets the thresholds, and shows why', async () => {
    const model = await modelWith('high', 1, { dataset: true });
    // Half the loss the evaluation will show: a threshold it cannot meet.
    const tooLowLoss = ((await run(model.id, 1)).metrics.log_loss ?? 1) / 2;
    await setModelReleaseRules({ ctx: ctx(reviewer), input: { modelId: model.id, rules: { approvals: [], requireModelCard: false, requireEvaluation: false, evaluationDatasetName: null, thresholds: [{ metric: 'log_loss', op: 'lte', value: tooLowLoss }], rejectUnverifiedEvaluations: false } } });
    let request = await ask(model.id, 1);
    let view = await getReleaseRequest({ ctx: ctx(approver), input: { requestId: request.id } });
    expect(view.gates.map((g) => [g.key, g.status])).toEqual([
      ['model_card', 'fail'],
      ['evaluation', 'fail'],
      ['drift', 'not_configured'],
    ]);
    expect(view.gates[1]?.detail).toMatch(/No evaluation of this version on the reference dataset \(reference.csv\)/);
    await expect(sign(approver, request.id)).rejects.toThrow(PreconditionFailedError);
    await expect(sign(approver, request.id)).rejects.toThrow(/Model card complete/);

    // The version is frozen while the request is pending: the card is completed after withdrawing.
    await expect(updateVersionMetadata({ ctx: ctx(scientist), input: { modelId: model.id, version: 1, modelCard: completeCard } })).rejects.toThrow(/under review for release .* Withdraw REL-\d+, make the change, and submit again/);
    await withdrawReleaseRequest({ ctx: ctx(scientist), input: { requestId: request.id, reason: 'Completing the card' } });
    await updateVersionMetadata({ ctx: ctx(scientist), input: { modelId: model.id, version: 1, modelCard: completeCard, reason: 'Completed the card for review' } });
    request = await ask(model.id, 1);
    // A local-data evaluation does not count for a high-risk model (the policy wants server-verified evidence).
    await evaluation(model.id, 1, 'local');
    view = await getReleaseRequest({ ctx: ctx(approver), input: { requestId: request.id } });
    expect(view.gates[0]?.status).toBe('pass');
    expect(view.gates[1]).toMatchObject({ status: 'fail', detail: expect.stringMatching(/Only evaluations on local data/) });
    await evaluation(model.id, 1);
    view = await getReleaseRequest({ ctx: ctx(approver), input: { requestId: request.id } });
    expect(view.gates[1]).toMatchObject({ status: 'fail', detail: expect.stringMatching(/Not met: log_loss ≤ /) });
    // Edited before this request was submitted: nothing to flag.
    expect(view.version.editedAfterSubmission).toBe(false);
    await expectSigningReadsWhatThePageReads(request.id);
    await expect(sign(approver, request.id)).rejects.toThrow(/log_loss ≤ /);

    // Loosened thresholds do not apply to the request already submitted; a new submission takes them.
    const loosened = { approvals: [], requireModelCard: false, requireEvaluation: false, evaluationDatasetName: null, thresholds: [{ metric: 'roc_auc', op: 'gte' as const, value: 0.5 }, { metric: 'log_loss', op: 'lte' as const, value: 5 }], rejectUnverifiedEvaluations: false };
    await setModelReleaseRules({ ctx: ctx(reviewer), input: { modelId: model.id, rules: loosened } });
    await expect(sign(approver, request.id)).rejects.toThrow(/log_loss ≤ /);
    await withdrawReleaseRequest({ ctx: ctx(scientist), input: { requestId: request.id, reason: 'Resubmitting under the new thresholds' } });
    request = await ask(model.id, 1);
    view = await getReleaseRequest({ ctx: ctx(approver), input: { requestId: request.id } });
    expect(view.gates[1]).toMatchObject({ status: 'pass', evidence: { verified: true, evaluatedBy: 'Rita Reviewer' } });
    expect(view.viewer.approvalBlockedBy).toEqual([]);
    await sign(approver, request.id);
    await sign(reviewer, request.id);
    expect(await aliasVersion(model.id)).toBe(1);
    const [signed] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, request.id), eq(auditEvents.action, 'decision.signed'))).orderBy(desc(auditEvents.seq)).limit(1);
    expect(signed?.after).toMatchObject({ gates: [{ key: 'model_card', status: 'pass' }, { key: 'evaluation', status: 'pass' }, { key: 'drift', status: 'not_configured', required: false }] });
  });

  it('checks the drift gate against monitoring when the policy needs it (no open critical drift alert: pass)', async () => {
    await policy('low', { requireModelCard: false, requireEvaluation: false, requireNoCriticalDrift: true });
    try {
      const model = await modelWith('low');
      const request = await ask(model.id, 1);
      const view = await getReleaseRequest({ ctx: ctx(approver), input: { requestId: request.id } });
      expect(view.gates[2]).toMatchObject({ key: 'drift', required: true, status: 'pass', detail: expect.stringMatching(/no deployment of this model is monitored yet/) });
      expect((await sign(approver, request.id)).request.state).toBe('released');
      // (An open critical drift alert blocking approval is tested with real drifted traffic in monitoring/drift.test.ts.)
    } finally {
      await policy('low', { requireModelCard: false, requireEvaluation: false });
    }
  });

  it('lets a model turn the drift gate on where its tier policy has it off, and an open critical drift alert then blocks approval', async () => {
    // The low tier (set up in beforeAll) leaves the drift gate off.
    const plain = await modelWith('low');
    const strict = await modelWith('low');
    const rules = { approvals: [], requireModelCard: false, requireEvaluation: false, evaluationDatasetName: null, thresholds: [], rejectUnverifiedEvaluations: false };
    // Callers that predate the option leave it off.
    expect(await setModelReleaseRules({ ctx: ctx(reviewer), input: { modelId: plain.id, rules } })).toMatchObject({ requireNoCriticalDrift: false });
    await setModelReleaseRules({ ctx: ctx(reviewer), input: { modelId: strict.id, rules: { ...rules, requireNoCriticalDrift: true } } });
    expect((await getModelReleaseRules({ ctx: ctx(approver), input: { modelId: strict.id } })).effective.requireNoCriticalDrift).toBe(true);
    expect((await getModelReleaseRules({ ctx: ctx(approver), input: { modelId: plain.id } })).effective.requireNoCriticalDrift).toBe(false);
    const [updated] = await t.db.select({ after: auditEvents.after }).from(auditEvents).where(and(eq(auditEvents.entityId, strict.id), eq(auditEvents.action, 'model_release_rules.updated')));
    expect(updated?.after).toMatchObject({ requireNoCriticalDrift: true });

    // An open critical drift alert on v1 of each model, as monitoring would raise it.
    for (const model of [plain, strict]) {
      const [v1] = await t.db.select({ id: modelVersions.id }).from(modelVersions).where(and(eq(modelVersions.modelId, model.id), eq(modelVersions.version, 1)));
      const [deployment] = await t.db.insert(deployments).values({ modelId: model.id, environment: 'prod-eu', createdBy: ops.id }).returning({ id: deployments.id });
      if (!v1 || !deployment) throw new Error('fixture missing');
      const [rule] = await t.db.insert(alertRules).values({ deploymentId: deployment.id, kind: 'feature_drift', feature: 'age', windowMinutes: 60, severity: 'critical' }).returning({ id: alertRules.id });
      if (!rule) throw new Error('fixture missing');
      await t.db.insert(alerts).values({ ruleId: rule.id, deploymentId: deployment.id, versionId: v1.id, subject: 'age', kind: 'feature_drift', severity: 'critical', state: 'open', title: 'Drift in “age”' });
    }

    const held = await ask(strict.id, 1);
    const view = await getReleaseRequest({ ctx: ctx(approver), input: { requestId: held.id } });
    expect(view.gates[2]).toMatchObject({ key: 'drift', required: true, status: 'fail', detail: expect.stringMatching(/Open critical drift alert: ALR-\d+ Drift in “age”/) });
    await expectSigningReadsWhatThePageReads(held.id);
    await expect(sign(approver, held.id)).rejects.toThrow(/No open critical drift alert/);
    expect(await stateOf(held.id)).toBe('pending');
    expect(await decisionCount(held.id)).toBe(0);

    // The same alert on a model of the same tier without the rule does not hold its release.
    const free = await ask(plain.id, 1);
    const freeView = await getReleaseRequest({ ctx: ctx(approver), input: { requestId: free.id } });
    expect(freeView.gates[2]).toMatchObject({ key: 'drift', required: false, status: 'not_configured' });
    expect((await sign(approver, free.id)).request.state).toBe('released');
  });

  it('reads model rules stored before the drift option existed as leaving the gate off', async () => {
    const model = await modelWith('low');
    await setModelReleaseRules({ ctx: ctx(reviewer), input: { modelId: model.id, rules: { approvals: [{ role: 'approver', count: 2 }], requireModelCard: false, requireEvaluation: false, evaluationDatasetName: null, thresholds: [], rejectUnverifiedEvaluations: false } } });
    // The row as an older release of Modelgate wrote it: without the key at all.
    await t.db.execute(sql`update model_release_rules set rules = rules - 'requireNoCriticalDrift' where model_id = ${model.id}`);
    const [stored] = await t.db.select({ rules: modelReleaseRules.rules }).from(modelReleaseRules).where(eq(modelReleaseRules.modelId, model.id));
    expect(stored?.rules).not.toHaveProperty('requireNoCriticalDrift');
    const { rules, effective } = await getModelReleaseRules({ ctx: ctx(approver), input: { modelId: model.id } });
    expect(rules.requireNoCriticalDrift).toBe(false);
    expect(effective).toMatchObject({ requireNoCriticalDrift: false, approvals: [{ role: 'approver', count: 2 }] });
  });
});

describe('the version signed is the version submitted', () => {
  it('freezes a submitted version in the database, and refuses approval when its digest changed anyway', async () => {
    const model = await modelWith('low');
    const request = await ask(model.id, 1);
    const [version] = await t.db.select().from(modelVersions).where(and(eq(modelVersions.modelId, model.id), eq(modelVersions.version, 1)));
    const refused = await t.db.execute(sql`update model_versions set content_digest = 'x' where id = ${version?.id}`).then(
      () => 'updated',
      (err: Error & { cause?: Error }) => `${err.message} ${err.cause?.message ?? ''}`,
    );
    expect(refused).toMatch(/artifacts and digest are frozen/);
    const filesRefused = await t.db.execute(sql`delete from version_files where version_id = ${version?.id}`).then(
      () => 'deleted',
      (err: Error & { cause?: Error }) => `${err.message} ${err.cause?.message ?? ''}`,
    );
    expect(filesRefused).toMatch(/its files are frozen/);

    // Tampering behind the app's back (a superuser with triggers off) is still caught at signing.
    await t.db.transaction(async (tx) => {
      await tx.execute(sql`alter table version_files disable trigger user`);
      await tx.update(versionFiles).set({ sha256: 'f'.repeat(64) }).where(and(eq(versionFiles.versionId, version?.id ?? ''), eq(versionFiles.name, 'model.json')));
      await tx.execute(sql`alter table version_files enable trigger user`);
    });
    const view = await getReleaseRequest({ ctx: ctx(approver), input: { requestId: request.id } });
    expect(view.digestProblem).toMatch(/changed after it was submitted/);
    await expect(sign(approver, request.id)).rejects.toThrow(/changed after it was submitted/);
    expect(await decisionCount(request.id)).toBe(0);
    expect(await aliasVersion(model.id)).toBe(null);
  });
});

describe('expiry, manual release, supersession and rollback', () => {
  it('expires pending requests past their deadline (as the system, audited) and refuses to sign them', async () => {
    const model = await modelWith('low');
    const overdue = await ask(model.id, 1);
    const fresh = await ask(model.id, 2, 'staging');
    await t.db.update(releaseRequests).set({ expiresAt: new Date(Date.now() - 60_000) }).where(eq(releaseRequests.id, overdue.id));
    expect(await expireOverdueReleases({ ctx: ctx(null) })).toEqual({ expired: 1 });
    expect(await stateOf(overdue.id)).toBe('expired');
    expect(await stateOf(fresh.id)).toBe('pending');
    const [row] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, overdue.id), eq(auditEvents.action, 'release.expired')));
    expect(row).toMatchObject({ actorType: 'system', actorName: 'Modelgate' });
    await expect(sign(approver, overdue.id)).rejects.toThrow(ConflictError);

    // A signature racing the scheduler expires the request itself and signs nothing.
    await t.db.update(releaseRequests).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(releaseRequests.id, fresh.id));
    await expect(sign(approver, fresh.id)).rejects.toThrow(/expired before it was decided; nothing was signed/);
    expect(await stateOf(fresh.id)).toBe('expired');
    expect(await decisionCount(fresh.id)).toBe(0);
  });

  it('holds approved requests for a manual release when the policy says so; releasing one supersedes the others', async () => {
    await policy('low', { requireModelCard: false, requireEvaluation: false, releaseOnApproval: false });
    try {
      const model = await modelWith('low', 3);
      const a = await ask(model.id, 2);
      const b = await ask(model.id, 3);
      const c = await ask(model.id, 1);
      for (const r of [a, b, c]) expect((await sign(approver, r.id)).request.state).toBe('approved');
      expect(await aliasVersion(model.id)).toBe(null);
      await expect(releaseApproved({ ctx: ctx(approver), input: { requestId: b.id } })).rejects.toThrow(ForbiddenError);
      const withdrawn = await withdrawReleaseRequest({ ctx: ctx(scientist), input: { requestId: c.id, reason: 'v1 is too old' } });
      expect(withdrawn.state).toBe('withdrawn');
      const released = await releaseApproved({ ctx: ctx(ops), input: { requestId: b.id } });
      expect(released).toMatchObject({ state: 'released', rollbackTargetVersion: null });
      expect(await aliasVersion(model.id)).toBe(3);
      expect(await stateOf(a.id)).toBe('superseded');
      expect(await actionsFor(a.id)).toContain('release.superseded');
      await expect(releaseApproved({ ctx: ctx(ops), input: { requestId: a.id } })).rejects.toThrow(/superseded; it cannot become released/);
      // pending → released skips approval: refused.
      const d = await ask(model.id, 2, 'staging');
      await expect(releaseApproved({ ctx: ctx(ops), input: { requestId: d.id } })).rejects.toThrow(/pending; it cannot become released/);
    } finally {
      await policy('low', { requireModelCard: false, requireEvaluation: false });
    }
  });

  it('rolls production back to the previous approved version at once, flags it, and opens a follow-up review', async () => {
    const model = await modelWith('low', 2);
    await sign(approver, (await ask(model.id, 1)).id);
    const second = await ask(model.id, 2);
    await sign(approver, second.id);
    expect(await aliasVersion(model.id)).toBe(2);

    await expect(rollbackAlias({ ctx: ctx(scientist), input: { modelId: model.id, alias: 'production', reason: 'x' } })).rejects.toThrow(ForbiddenError);
    await expect(rollbackAlias({ ctx: ctx(ops), input: { modelId: model.id, alias: 'production', reason: ' ' } })).rejects.toThrow(ValidationError);
    const result = await rollbackAlias({ ctx: ctx(ops), input: { modelId: model.id, alias: 'production', reason: 'Approval rate dropped 12% after v2.' } });
    expect(result).toMatchObject({ alias: 'production', version: 1, review: { kind: 'rollback_review', state: 'pending', version: 1, requestedByName: 'Olga Ops' } });
    expect(await aliasVersion(model.id)).toBe(1);
    const [flag] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, second.id), eq(auditEvents.action, 'release.rolled_back')));
    expect(flag).toMatchObject({ actorName: 'Olga Ops', reason: 'Approval rate dropped 12% after v2.', after: { rollback: true, version: 1 } });
    // The same release cannot be rolled back twice; v1 arrived with nothing before it.
    await expect(rollbackAlias({ ctx: ctx(ops), input: { modelId: model.id, alias: 'production', reason: 'again' } })).rejects.toThrow(/no earlier approved version/);

    // The review goes through the policy; the ops person who rolled back cannot sign it.
    await expect(sign(ops, result.review.id)).rejects.toThrow(ForbiddenError);
    const review = await sign(approver2, result.review.id, 'approve');
    expect(review.signature.meaning).toBe(`I approve the rollback of ${model.name} production to v1`);
    expect(review.request.state).toBe('released');
    expect(await aliasVersion(model.id)).toBe(1);
  });

  it('rolls back over the alias history after a rollback review was approved', async () => {
    const model = await modelWith('low', 3);
    const rollback = (reason: string) => rollbackAlias({ ctx: ctx(ops), input: { modelId: model.id, alias: 'production', reason } });
    await sign(approver, (await ask(model.id, 1)).id);
    const second = await ask(model.id, 2);
    await sign(approver, second.id);
    const first = await rollback('v2 misroutes refunds.');
    expect(first).toMatchObject({ version: 1, rolledBack: `REL-${second.number}` });
    expect((await sign(approver2, first.review.id)).request.state).toBe('released');

    const third = await ask(model.id, 3);
    await sign(approver, third.id);
    expect(await aliasVersion(model.id)).toBe(3);
    // v3 replaced v1 (restored and confirmed by the review), so v1 is where it goes back to, not v2.
    const again = await rollback('v3 is slow.');
    expect(again).toMatchObject({ version: 1, rolledBack: `REL-${third.number}` });
    expect(await aliasVersion(model.id)).toBe(1);
    expect((await sign(approver2, again.review.id)).request.state).toBe('released');
    // v1 was the first release to production: nothing approved held it before.
    await expect(rollback('once more')).rejects.toThrow(/no earlier approved version/);
    expect(await aliasVersion(model.id)).toBe(1);
  });

  it('rolls back again after an approved rollback review, to the version before the restored release', async () => {
    const model = await modelWith('low', 3);
    const rollback = (reason: string) => rollbackAlias({ ctx: ctx(ops), input: { modelId: model.id, alias: 'production', reason } });
    for (const v of [1, 2, 3]) await sign(approver, (await ask(model.id, v)).id);
    const toTwo = await rollback('v3 drifts.');
    expect(toTwo.version).toBe(2);
    expect((await sign(approver2, toTwo.review.id)).request.state).toBe('released');
    // The approved review confirmed v2 in place; it did not make v2 a fresh release with nothing
    // before it. v2 came from an approved release that replaced v1, so the next rollback goes to v1.
    const toOne = await rollback('v2 drifts too.');
    expect(toOne).toMatchObject({ version: 1, review: { kind: 'rollback_review', version: 1, state: 'pending' } });
    expect(await aliasVersion(model.id)).toBe(1);
    const [flag] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'release.rolled_back'), eq(auditEvents.reason, 'v2 drifts too.')));
    expect(flag).toMatchObject({ before: { alias: 'production', version: 2 }, after: { rollback: true, version: 1 } });
    // A version that was rolled back is never a target: with v2 and v3 rolled back, v1 has nothing before it.
    await expect(rollback('and again')).rejects.toThrow(/no earlier approved version/);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it('refuses a rollback to a version that no standing approved release put on the alias', async () => {
    const model = await modelWith('low', 2);
    const first = await ask(model.id, 1);
    await sign(approver, first.id);
    const second = await ask(model.id, 2);
    await sign(approver, second.id);
    // As if v1's release had been rolled back in an earlier history: v2 replaced it, but it no longer stands.
    await t.db.update(releaseRequests).set({ rolledBackAt: new Date() }).where(eq(releaseRequests.id, first.id));
    await expect(rollbackAlias({ ctx: ctx(ops), input: { modelId: model.id, alias: 'production', reason: 'v2 misbehaves' } })).rejects.toThrow(/v1 is not there through an approved release that still stands/);
    expect(await aliasVersion(model.id)).toBe(2);
    expect(await actionsFor(second.id)).not.toContain('release.rolled_back');
  });
});

describe('working in it', () => {
  it('lists what waits for my signature, what I asked for and what was decided, with live counts', async () => {
    const model = await modelWith('high', 2);
    await policy('high', { requireModelCard: false, requireEvaluation: false });
    try {
      const request = await ask(model.id, 1);
      const forApprover = await listReleaseRequests({ ctx: ctx(approver2), input: { view: 'awaiting_me', modelId: model.id } });
      expect(forApprover.map((r) => r.id)).toEqual([request.id]);
      expect((await releaseCounts({ ctx: ctx(approver2), input: undefined })).awaitingMe).toBeGreaterThanOrEqual(1);
      expect(await listReleaseRequests({ ctx: ctx(scientist), input: { view: 'awaiting_me', modelId: model.id } })).toEqual([]);
      expect((await listReleaseRequests({ ctx: ctx(scientist), input: { view: 'mine', modelId: model.id } })).map((r) => r.reference)).toEqual([`REL-${request.number}`]);
      await sign(approver, request.id);
      // The approver slot is filled: other approvers are no longer waited for, risk reviewers are.
      expect(await listReleaseRequests({ ctx: ctx(approver2), input: { view: 'awaiting_me', modelId: model.id } })).toEqual([]);
      expect((await listReleaseRequests({ ctx: ctx(reviewer), input: { view: 'awaiting_me', modelId: model.id } })).length).toBe(1);
      await sign(reviewer, request.id);
      expect((await listReleaseRequests({ ctx: ctx(auditor), input: { view: 'decided', modelId: model.id } })).map((r) => r.state)).toEqual(['released']);
      await expect(listReleaseRequests({ ctx: ctx(await createUserWithSession(t.db, [])), input: { view: 'all' } })).rejects.toThrow(ForbiddenError);
    } finally {
      await policy('high', {});
    }
  });

  it('shows the viewer what they may do, and keeps comments in the timeline (auditors read only)', async () => {
    const model = await modelWith('low');
    const request = await ask(model.id, 1);
    const asRequester = await getReleaseRequest({ ctx: ctx(scientist), input: { requestId: request.id } });
    expect(asRequester.viewer).toMatchObject({ canSign: false, signRefusal: expect.stringMatching(/requester cannot sign/), canWithdraw: true, canSubmit: false, reauth: 'password' });
    const asApprover = await getReleaseRequest({ ctx: ctx(approver), input: { requestId: request.id } });
    expect(asApprover.viewer).toMatchObject({ canSign: true, canWithdraw: false, meanings: { approve: `I approve release of ${model.name} v1 to production` } });
    await addReleaseComment({ ctx: ctx(approver), input: { requestId: request.id, body: 'Can you share the holdout AUC?' } });
    await expect(addReleaseComment({ ctx: ctx(auditor), input: { requestId: request.id, body: 'hi' } })).rejects.toThrow(ForbiddenError);
    await expect(addReleaseComment({ ctx: ctx(approver), input: { requestId: request.id, body: '' } })).rejects.toThrow(ValidationError);
    const view = await getReleaseRequest({ ctx: ctx(auditor), input: { requestId: request.id } });
    expect(view.comments.map((c) => [c.authorName, c.body])).toEqual([['Abe Approver', 'Can you share the holdout AUC?']]);
    expect(view.viewer.canComment).toBe(false);
  });
});

describe('concurrent decisions', () => {
  it('counts 20 simultaneous signers exactly and releases once', async () => {
    const signers = await Promise.all(Array.from({ length: 20 }, (_, i) => createUserWithSession(t.db, ['approver'], { name: `Parallel Approver ${i}`, password: PASSWORD })));
    const model = await modelWith('low');
    await setModelReleaseRules({ ctx: ctx(admin), input: { modelId: model.id, rules: { approvals: [{ role: 'approver', count: 5 }], requireModelCard: false, requireEvaluation: false, evaluationDatasetName: null, thresholds: [], rejectUnverifiedEvaluations: false } } });
    const request = await ask(model.id, 1);
    const results = await Promise.allSettled(signers.map((s) => sign(s, request.id)));
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok.length).toBe(5);
    expect(refused.every((r) => r.reason instanceof ConflictError)).toBe(true);
    expect(await decisionCount(request.id)).toBe(5);
    expect(await stateOf(request.id)).toBe('released');
    const releases = await t.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, request.id), eq(auditEvents.action, 'release.released')));
    expect(releases.length).toBe(1);
    expect(await aliasVersion(model.id)).toBe(1);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it('reaches one consistent outcome when approvals and a rejection race', async () => {
    const signers = await Promise.all(Array.from({ length: 8 }, (_, i) => createUserWithSession(t.db, ['approver'], { name: `Racer ${i}`, password: PASSWORD })));
    const model = await modelWith('low');
    await setModelReleaseRules({ ctx: ctx(admin), input: { modelId: model.id, rules: { approvals: [{ role: 'approver', count: 4 }], requireModelCard: false, requireEvaluation: false, evaluationDatasetName: null, thresholds: [], rejectUnverifiedEvaluations: false } } });
    const request = await ask(model.id, 1);
    await Promise.allSettled([...signers.map((s) => sign(s, request.id)), sign(reviewer, request.id, 'reject'), sign(approver, request.id, 'reject')]);
    const state = await stateOf(request.id);
    const decisions = await t.db.select().from(releaseDecisions).where(eq(releaseDecisions.requestId, request.id)).orderBy(asc(releaseDecisions.signedAt));
    const approvals = decisions.filter((d) => d.decision === 'approve').length;
    const rejections = decisions.filter((d) => d.decision === 'reject').length;
    if (state === 'released') {
      expect(approvals).toBe(4);
      expect(await aliasVersion(model.id)).toBe(1);
    } else {
      expect(state).toBe('rejected');
      expect(approvals).toBeLessThan(4);
      expect(await aliasVersion(model.id)).toBe(null);
      // Nothing was signed after the rejection.
      expect(decisions.at(-1)?.decision).toBe('reject');
    }
    expect(rejections).toBeLessThanOrEqual(1);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });
});

// PATCH means patch: every update verb changes only the fields it is given. For each verb, each
// field is updated alone and every other field is checked unchanged; and every update procedure of
// the API is listed here, with an input whose parse must add nothing (a `.default()` under an
// optional field would fill a missing field in, and the update would overwrite it).
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_CARD_FIELDS } from '@/lib/validation/catalog';
import { alertRules, modelReleaseRules, modelVersions, registeredModels, releasePolicies, releaseRequests, webhooks } from '@/server/db/schema';
import { freshDatabase, type TestDatabase } from '@/server/testing/database';
import { contextFor, createUserWithSession } from '@/server/testing/fixtures';
import { creditCsv, tfjsModelFiles } from '@/server/testing/tfjs-fixture';
import { appRouter } from '@/server/trpc/routers/_app';
import { createVersion } from './catalog/create-version';
import { registerModel } from './catalog/register-model';
import { updateModel } from './catalog/update-model';
import { updateVersionMetadata } from './catalog/update-version-metadata';
import type { SessionUser } from './context';
import { createAlertRule, updateAlertRule } from './monitoring/alerts/rules';
import { createDeployment } from './monitoring/deployments';
import { setModelReleaseRules, setTierPolicy } from './releases/policies';
import { createReleaseRequest, submitReleaseRequest } from './releases/request-release';
import { createWebhook, updateWebhook } from './webhooks/manage';

let t: TestDatabase;
let admin: SessionUser;
let scientist: SessionUser;
let ops: SessionUser;
const ctx = (user: SessionUser) => contextFor(t.db, user);
const ID = '00000000-0000-4000-8000-000000000001';

/** Updates each field alone and checks that it, and only it, changed. */
async function eachFieldAlone<R extends Record<string, unknown>>(read: () => Promise<R>, fields: Record<string, unknown>, update: (field: string, value: unknown) => Promise<unknown>, stored: (field: string, value: unknown) => Partial<R> = (f, v) => ({ [f]: v }) as Partial<R>) {
  for (const [field, value] of Object.entries(fields)) {
    const before = await read();
    await update(field, value);
    const after = await read();
    const expected = { ...before, ...stored(field, value) };
    const { updatedAt: _a, ...rest } = after as R & { updatedAt?: unknown };
    const { updatedAt: _b, ...wanted } = expected as R & { updatedAt?: unknown };
    expect(rest, `updating ${field} alone`).toEqual(wanted);
    expect(before[field], `${field} really changed`).not.toEqual(after[field]);
  }
}

beforeAll(async () => {
  t = await freshDatabase();
  admin = await createUserWithSession(t.db, ['admin']);
  scientist = await createUserWithSession(t.db, ['data_scientist']);
  ops = await createUserWithSession(t.db, ['ops']);
});
afterAll(async () => t.close());

describe('every update verb changes only the fields it is given', () => {
  it('catalog.update (a model)', async () => {
    const model = await registerModel({ ctx: ctx(scientist), input: { name: 'Patch Model', ownerTeam: 'Risk', taskType: 'binary_classification', riskTier: 'high', description: 'Scores credit risk.', tags: [{ key: 'domain', value: 'credit' }] } });
    const read = async () => {
      const [{ search: _s, ...row }] = (await t.db.select().from(registeredModels).where(eq(registeredModels.id, model.id))) as [typeof registeredModels.$inferSelect];
      return row;
    };
    await eachFieldAlone(read, { riskTier: 'low', ownerTeam: 'Growth', description: 'Now for retention.', tags: [{ key: 'team', value: 'growth' }] }, (field, value) => updateModel({ ctx: ctx(scientist), input: { modelId: model.id, [field]: value } }));
  });

  it('catalog.updateVersion (a version, and each model card section alone)', async () => {
    const model = await registerModel({ ctx: ctx(scientist), input: { name: 'Patch Version', ownerTeam: 'Risk', taskType: 'binary_classification', riskTier: 'low' } });
    const card = Object.fromEntries(MODEL_CARD_FIELDS.map(([key]) => [key, `About ${key}.`]));
    await createVersion({
      ctx: ctx(scientist),
      input: {
        modelId: model.id,
        files: tfjsModelFiles().files,
        metadata: { description: 'First.', outputSchema: { target: 'defaulted', classLabels: ['no', 'yes'], positiveClass: 'yes' }, metrics: { auc: 0.8 }, lineage: { commit: 'abcdef1' }, modelCard: card },
        referenceDataset: { name: 'reference.csv', bytes: creditCsv(20) },
      },
    });
    const read = async () => (await t.db.select().from(modelVersions).where(eq(modelVersions.modelId, model.id)))[0]!;
    const { inputSchema } = await read();
    const update = (field: string, value: unknown) => updateVersionMetadata({ ctx: ctx(scientist), input: { modelId: model.id, version: 1, [field]: value } });
    await eachFieldAlone(
      read,
      {
        description: 'Second.',
        inputSchema: { features: inputSchema!.features.map((f) => (f.name === 'age' ? { ...f, min: 18, max: 99 } : f)) },
        outputSchema: { target: 'defaulted', classLabels: ['yes', 'no'], positiveClass: 'yes' },
        preprocessing: { steps: [{ feature: 'age', kind: 'passthrough' }], missingNumeric: { strategy: 'mean' } },
        metrics: { auc: 0.9 },
        lineage: { commit: '1234567' },
      },
      update,
    );
    for (const [section] of MODEL_CARD_FIELDS) {
      const before = await read();
      await update('modelCard', { [section]: `Only ${section} changed.` });
      const after = await read();
      expect(after.modelCard, section).toEqual({ ...before.modelCard, [section]: `Only ${section} changed.` });
      expect({ ...after, modelCard: null, updatedAt: null }).toEqual({ ...before, modelCard: null, updatedAt: null });
    }
  });

  it('monitoring.updateRule (an alert rule)', async () => {
    const model = await registerModel({ ctx: ctx(scientist), input: { name: 'Patch Monitored', ownerTeam: 'Risk', taskType: 'binary_classification', riskTier: 'low' } });
    const deployment = await createDeployment({ ctx: ctx(ops), input: { modelId: model.id, environment: 'prod-eu' } });
    const rule = await createAlertRule({ ctx: ctx(ops), input: { deploymentId: deployment.id, rule: { kind: 'feature_drift', feature: 'age', method: 'ks', metric: 'auc', threshold: 0.05, windowMinutes: 60, severity: 'warning', enabled: false } } });
    const read = async () => (await t.db.select().from(alertRules).where(eq(alertRules.id, rule.id)))[0]!;
    await eachFieldAlone(read, { feature: 'income', method: 'psi', metric: 'accuracy', threshold: 0.2, windowMinutes: 120, severity: 'critical', enabled: true }, (field, value) => updateAlertRule({ ctx: ctx(ops), input: { ruleId: rule.id, rule: { [field]: value } } }));
  });

  it('webhooks.update (a webhook)', async () => {
    const { webhook } = await createWebhook({ ctx: ctx(admin), input: { name: 'Slack #releases', url: 'https://hooks.example.com/a', eventTypes: ['release.released'], enabled: false } });
    const read = async () => (await t.db.select().from(webhooks).where(eq(webhooks.id, webhook.id)))[0]!;
    await eachFieldAlone(read, { name: 'Teams', url: 'https://hooks.example.com/b', eventTypes: ['alert.opened'] }, (field, value) => updateWebhook({ ctx: ctx(admin), input: { webhookId: webhook.id, [field]: value } }));
  });

  it('releases.setTierPolicy (a tier policy) and releases.setModelRules (a model’s rules)', async () => {
    await setTierPolicy({ ctx: ctx(admin), input: { riskTier: 'medium', policy: { approvals: [{ role: 'approver', count: 2 }], requireModelCard: true, requireEvaluation: true, acceptUnverifiedEvaluations: false, requireNoCriticalDrift: true, expiryDays: 9, releaseOnApproval: false } } });
    const readTier = async () => (await t.db.select({ policy: releasePolicies.policy }).from(releasePolicies).where(eq(releasePolicies.riskTier, 'medium')))[0]!.policy as Record<string, unknown>;
    await eachFieldAlone(
      readTier,
      { approvals: [{ role: 'risk_reviewer', count: 1 }], requireModelCard: false, requireEvaluation: false, acceptUnverifiedEvaluations: true, requireNoCriticalDrift: false, expiryDays: 30, releaseOnApproval: true },
      (field, value) => setTierPolicy({ ctx: ctx(admin), input: { riskTier: 'medium', policy: { [field]: value } } }),
    );

    const model = await registerModel({ ctx: ctx(scientist), input: { name: 'Patch Rules', ownerTeam: 'Risk', taskType: 'binary_classification', riskTier: 'low' } });
    await setModelReleaseRules({ ctx: ctx(admin), input: { modelId: model.id, rules: { approvals: [{ role: 'ops', count: 1 }], requireModelCard: true, requireEvaluation: true, evaluationDatasetName: 'holdout.csv', thresholds: [{ metric: 'auc', op: 'gte', value: 0.7 }], rejectUnverifiedEvaluations: true, requireNoCriticalDrift: true } } });
    const readRules = async () => (await t.db.select({ rules: modelReleaseRules.rules }).from(modelReleaseRules).where(eq(modelReleaseRules.modelId, model.id)))[0]!.rules as Record<string, unknown>;
    await eachFieldAlone(
      readRules,
      { approvals: [], requireModelCard: false, requireEvaluation: false, evaluationDatasetName: null, thresholds: [{ metric: 'f1', op: 'gte', value: 0.5 }], rejectUnverifiedEvaluations: false, requireNoCriticalDrift: false },
      (field, value) => setModelReleaseRules({ ctx: ctx(admin), input: { modelId: model.id, rules: { [field]: value } } }),
    );
  });

  it('releases.submit (a draft’s texts)', async () => {
    const model = await registerModel({ ctx: ctx(scientist), input: { name: 'Patch Draft', ownerTeam: 'Risk', taskType: 'binary_classification', riskTier: 'low' } });
    await createVersion({ ctx: ctx(scientist), input: { modelId: model.id, files: tfjsModelFiles({ seed: 77 }).files, metadata: { outputSchema: { target: 'defaulted', classLabels: ['no', 'yes'], positiveClass: 'yes' } } } });
    const draft = await createReleaseRequest({ ctx: ctx(scientist), input: { modelId: model.id, version: 1, alias: 'staging', changeSummary: 'A', expectedImpact: 'B', rollbackPlan: 'C', submit: false } });
    const read = async () => {
      const [row] = await t.db.select({ changeSummary: releaseRequests.changeSummary, expectedImpact: releaseRequests.expectedImpact, rollbackPlan: releaseRequests.rollbackPlan }).from(releaseRequests).where(eq(releaseRequests.id, draft.id));
      return row!;
    };
    const before = await read();
    await submitReleaseRequest({ ctx: ctx(scientist), input: { requestId: draft.id, expectedImpact: 'Changed impact.' } });
    expect(await read()).toEqual({ ...before, expectedImpact: 'Changed impact.' });
  });
});

describe('every update procedure of the API parses a partial input without adding fields', () => {
  // Each update procedure, with an input giving its ids and one field. Hand-written: a new update
  // procedure (update*, edit*, set*) without a row here fails the first test.
  const PARTIAL_INPUTS: Record<string, Record<string, unknown>> = {
    'catalog.update': { modelId: ID, riskTier: 'low' },
    'catalog.updateVersion': { modelId: ID, version: 1, modelCard: { intendedUse: 'x' } },
    'catalog.setAlias': { modelId: ID, alias: 'canary', version: 1 },
    'monitoring.updateRule': { ruleId: ID, rule: { threshold: 0.5 } },
    'webhooks.update': { webhookId: ID, name: 'x' },
    'webhooks.setEnabled': { webhookId: ID, enabled: true },
    'webhooks.setSettings': { allowPrivateTargets: true },
    'releases.setTierPolicy': { riskTier: 'low', policy: { expiryDays: 3 } },
    'releases.setModelRules': { modelId: ID, rules: { requireModelCard: true } },
    'releases.submit': { requestId: ID, expectedImpact: 'x' },
    'users.setRoles': { userId: ID, roles: ['approver'] },
    'users.setDisabled': { userId: ID, disabled: true },
    'comments.edit': { commentId: ID, body: 'x' },
  };
  type Procedure = { _def: { type: string; inputs: { parse: (v: unknown) => unknown }[] } };
  const procedures = (appRouter as unknown as { _def: { procedures: Record<string, Procedure> } })._def.procedures;

  it('lists every update procedure', () => {
    const updates = Object.entries(procedures)
      .filter(([path, p]) => p._def.type === 'mutation' && /\.(update|edit|set)[A-Za-z]*$/.test(path))
      .map(([path]) => path);
    expect(updates.length).toBeGreaterThan(5);
    for (const path of updates) expect(Object.keys(PARTIAL_INPUTS), `${path} needs a row`).toContain(path);
  });

  it.each(Object.entries(PARTIAL_INPUTS))('%s', (path, input) => {
    const procedure = procedures[path];
    expect(procedure, path).toBeDefined();
    const parsed = procedure!._def.inputs.reduce<unknown>((value, parser) => parser.parse(value), input);
    expect(parsed).toEqual(input);
  });
});

// Frozen means frozen: while a release request for a version is pending or approved, nothing a
// signer signs for can change, through any verb or straight in the database; after the request is
// withdrawn the version can be edited and submitted again. Each refusal changes nothing and writes
// no audit row.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TIER_POLICIES } from '@/lib/releases/policy';
import { MODEL_CARD_FIELDS } from '@/lib/validation/catalog';
import { pgErrorCode } from '@/server/db/errors';
import { auditEvents, datasets, modelVersions, releaseRequests } from '@/server/db/schema';
import { ConflictError } from '@/server/errors';
import { freshDatabase, type TestDatabase } from '@/server/testing/database';
import { contextFor, createUserWithSession } from '@/server/testing/fixtures';
import { creditCsv, tfjsModelFiles } from '@/server/testing/tfjs-fixture';
import type { SessionUser } from '../context';
import { mutate } from '../mutate';
import { getReleaseRequest } from '../releases/get-release-request';
import { setTierPolicy } from '../releases/policies';
import { createReleaseRequest, withdrawReleaseRequest } from '../releases/request-release';
import { signDecision } from '../releases/sign-decision';
import { attachReferenceDataset } from './attach-reference-dataset';
import { createVersion } from './create-version';
import { registerModel } from './register-model';
import { updateVersionMetadata } from './update-version-metadata';

const PASSWORD = 'correct horse battery staple';
let t: TestDatabase;
let admin: SessionUser;
let scientist: SessionUser;
let approver: SessionUser;
const ctx = (user: SessionUser) => contextFor(t.db, user);
const card = Object.fromEntries(MODEL_CARD_FIELDS.map(([key]) => [key, `About ${key}.`]));
const OUTPUT = { target: 'defaulted', classLabels: ['no', 'yes'], positiveClass: 'yes' };
const PREPROCESSING = {
  steps: [
    { feature: 'age', kind: 'standardize' as const, mean: 40, std: 12 },
    { feature: 'income', kind: 'standardize' as const, mean: 50000, std: 15000 },
    { feature: 'region', kind: 'one_hot' as const, categories: ['north', 'south', 'east'] },
  ],
  missingNumeric: { strategy: 'mean' as const },
};

let n = 0;
async function versionUnderReview(state: 'pending' | 'approved') {
  n += 1;
  const model = await registerModel({ ctx: ctx(scientist), input: { name: `Frozen ${n}`, ownerTeam: 'Risk', taskType: 'binary_classification', riskTier: 'low' } });
  await createVersion({
    ctx: ctx(scientist),
    input: { modelId: model.id, files: tfjsModelFiles({ seed: 900 + n }).files, metadata: { outputSchema: OUTPUT, preprocessing: PREPROCESSING, modelCard: card, metrics: { auc: 0.8 } }, referenceDataset: { name: 'reference.csv', bytes: creditCsv(30) } },
  });
  const request = await createReleaseRequest({ ctx: ctx(scientist), input: { modelId: model.id, version: 1, alias: 'production', changeSummary: 'Ship v1', expectedImpact: 'None.', rollbackPlan: 'Remove the alias.' } });
  if (state === 'approved') {
    const view = await getReleaseRequest({ ctx: ctx(approver), input: { requestId: request.id } });
    const signed = await signDecision({ ctx: ctx(approver), input: { requestId: request.id, decision: 'approve', reason: 'Fine', meaning: view.viewer.meanings.approve, password: PASSWORD } });
    expect(signed.request.state).toBe('approved');
  }
  return { modelId: model.id, requestId: request.id };
}

const row = async (modelId: string) => (await t.db.select().from(modelVersions).where(eq(modelVersions.modelId, modelId)))[0]!;
const auditCount = async () => (await t.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents))[0]?.n;
const edit = (modelId: string, changes: Record<string, unknown>) => updateVersionMetadata({ ctx: ctx(scientist), input: { modelId, version: 1, ...changes } });

// Each change an author could make to what a signer signed for, through the metadata verb.
const EDITS: [string, (v: Awaited<ReturnType<typeof row>>) => Record<string, unknown>][] = [
  ['class-label order', () => ({ outputSchema: { ...OUTPUT, classLabels: ['yes', 'no'] } })],
  ['positive class', () => ({ outputSchema: { ...OUTPUT, positiveClass: 'no' } })],
  ['output target', () => ({ outputSchema: { target: 'region', classLabels: ['no', 'yes'] } })],
  ['one model card section', () => ({ modelCard: { intendedUse: 'Something else entirely.' } })],
  ['input schema', (v) => ({ inputSchema: { features: v.inputSchema!.features.map((f) => (f.name === 'age' ? { ...f, min: 0, max: 5 } : f)) } })],
  ['preprocessing', () => ({ preprocessing: { ...PREPROCESSING, missingNumeric: { strategy: 'constant', value: 0 } } })],
  ['description', () => ({ description: 'Now something else.' })],
  ['training metrics', () => ({ metrics: { auc: 0.99 } })],
];

beforeAll(async () => {
  t = await freshDatabase();
  admin = await createUserWithSession(t.db, ['admin'], { password: PASSWORD });
  scientist = await createUserWithSession(t.db, ['data_scientist'], { password: PASSWORD });
  approver = await createUserWithSession(t.db, ['approver'], { password: PASSWORD });
  // Low tier holds approved requests for ops, so a version can be seen frozen while approved.
  await setTierPolicy({ ctx: ctx(admin), input: { riskTier: 'low', policy: { ...DEFAULT_TIER_POLICIES.low, releaseOnApproval: false } } });
});
afterAll(async () => t.close());

describe.each(['pending', 'approved'] as const)('a version whose release request is %s', (state) => {
  it('refuses every change to what its signers sign for, naming the request and what to do; nothing changes', async () => {
    const { modelId } = await versionUnderReview(state);
    const before = await row(modelId);
    const audits = await auditCount();
    for (const [what, change] of EDITS) {
      const attempt = edit(modelId, change(before));
      await expect(attempt, what).rejects.toThrow(ConflictError);
      // Preprocessing keeps its own, older rule (frozen from first submission on); the rest name the request.
      await expect(attempt, what).rejects.toThrow(what === 'preprocessing' ? /preprocessing spec is frozen/ : /v1 is under review for release to production in REL-\d+ .*Withdraw REL-\d+, make the change, and submit again/);
    }
    await expect(attachReferenceDataset({ ctx: ctx(scientist), input: { modelId, version: 1, dataset: { name: 'other.csv', bytes: creditCsv(12) } } })).rejects.toThrow(/reference dataset cannot change/);
    expect(await row(modelId)).toEqual(before);
    expect(await auditCount()).toBe(audits);
    // Sending what is already there is no change, and goes through.
    await edit(modelId, { outputSchema: OUTPUT, modelCard: { intendedUse: card.intendedUse } });
  });

  it('is frozen in the database too: a writer that skips the service check is refused (CONFLICT through the services)', async () => {
    const { modelId } = await versionUnderReview(state);
    const before = await row(modelId);
    const [otherDataset] = await t.db.select({ id: datasets.id }).from(datasets).where(sql`${datasets.id} <> ${before.referenceDatasetId}`).limit(1);
    const direct: Partial<typeof modelVersions.$inferInsert>[] = [
      { outputSchema: { ...OUTPUT, classLabels: ['yes', 'no'] } },
      { modelCard: { ...before.modelCard, intendedUse: 'Changed behind the service.' } },
      { referenceDatasetId: otherDataset!.id },
      { inputSchema: null },
      { preprocessing: null },
      { description: 'x' },
    ];
    for (const change of direct) {
      const failed = await t.db
        .update(modelVersions)
        .set(change)
        .where(eq(modelVersions.id, before.id))
        .then(() => null, (err: unknown) => err);
      expect(pgErrorCode(failed), JSON.stringify(change)).toBe('MGF01');
      await expect(mutate(ctx(scientist), ({ tx }) => tx.update(modelVersions).set(change).where(eq(modelVersions.id, before.id)))).rejects.toThrow(ConflictError);
    }
    expect(await row(modelId)).toEqual(before);
    // The timestamps alone may move (a submission stamps submitted_at).
    await t.db.update(modelVersions).set({ updatedAt: new Date() }).where(eq(modelVersions.id, before.id));
  });
});

describe('after the request is withdrawn', () => {
  it('the version can change again (the preprocessing spec stays frozen from first submission), and a new submission snapshots it', async () => {
    const { modelId, requestId } = await versionUnderReview('pending');
    await withdrawReleaseRequest({ ctx: ctx(scientist), input: { requestId, reason: 'Fixing the card' } });
    await edit(modelId, { modelCard: { intendedUse: 'Pre-approval screening.' }, outputSchema: { ...OUTPUT, classLabels: ['yes', 'no'] } });
    const after = await row(modelId);
    // Only the section given changed.
    expect(after.modelCard).toEqual({ ...card, intendedUse: 'Pre-approval screening.' });
    expect(after.outputSchema?.classLabels).toEqual(['yes', 'no']);
    await expect(edit(modelId, { preprocessing: { ...PREPROCESSING, missingNumeric: { strategy: 'drop_row' } } })).rejects.toThrow(/preprocessing spec is frozen/);
    await attachReferenceDataset({ ctx: ctx(scientist), input: { modelId, version: 1, dataset: { name: 'other.csv', bytes: creditCsv(12) } } });

    const again = await createReleaseRequest({ ctx: ctx(scientist), input: { modelId, version: 1, alias: 'production', changeSummary: 'Ship v1 again', expectedImpact: 'None.', rollbackPlan: 'Remove the alias.' } });
    const [stored] = await t.db.select({ snapshot: releaseRequests.snapshot }).from(releaseRequests).where(eq(releaseRequests.id, again.id));
    expect(stored?.snapshot?.modelCard).toEqual({ ...card, intendedUse: 'Pre-approval screening.' });
    await expect(edit(modelId, { modelCard: { intendedUse: 'And again.' } })).rejects.toThrow(/under review/);
  });
});

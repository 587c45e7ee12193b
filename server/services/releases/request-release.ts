// A data scientist asks for a version to be released to a protected alias: the request is drafted,
// then submitted (snapshotting the version's digest, model card, evaluations, the alias's current
// holder and the policy), resubmitted after changes, or withdrawn.
import 'server-only';
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { createReleaseRequestSchema, submitReleaseRequestSchema, withdrawReleaseRequestSchema, type ReleaseState } from '@/lib/validation/releases';
import type { Tx } from '@/server/db/connect';
import { aliases, modelVersions, registeredModels, releaseRequests, releaseTransitions, type ModelVersion, type ReleaseRequest, type ReleaseSnapshot } from '@/server/db/schema';
import { ConflictError, ForbiddenError } from '@/server/errors';
import { requireCapability } from '../authorize';
import { findVersion } from '../catalog/find-version';
import { CATALOG_CHANGED } from '../catalog/events';
import { notifySigners } from '../collaboration/notifications/release-signers';
import type { SessionUser, VerbArgs } from '../context';
import { mutate, type Writer } from '../mutate';
import { parseInput } from '../validate';
import { RELEASES_CHANGED } from './events';
import { loadEffectivePolicy } from './policies';
import { findRequest, reference, transition, versionEvidence, type ReleaseModel } from './request-state';

export const OPEN_STATES: ReleaseState[] = ['draft', 'pending', 'changes_requested', 'approved'];

async function snapshotOf(tx: Tx, model: ReleaseModel, version: ModelVersion, alias: string): Promise<ReleaseSnapshot> {
  const [holder] = await tx
    .select({ version: modelVersions.version, versionId: modelVersions.id, contentDigest: modelVersions.contentDigest })
    .from(aliases)
    .innerJoin(modelVersions, eq(modelVersions.id, aliases.versionId))
    .where(and(eq(aliases.modelId, model.id), eq(aliases.name, alias)));
  const evidence = await versionEvidence(tx, version);
  return {
    contentDigest: version.contentDigest,
    modelCard: version.modelCard,
    evaluations: evidence.evaluations.slice(0, 5).map((e) => ({
      id: e.id,
      datasetName: e.datasetName,
      datasetSha256: e.datasetSha256,
      verified: e.verified,
      metrics: e.metrics,
      createdAt: e.createdAt.toISOString(),
      createdByName: e.createdByName,
    })),
    currentHolder: holder ?? null,
    policy: await loadEffectivePolicy(tx, model),
  };
}

/** draft|changes_requested → pending: snapshot, deadline, and the version frozen from now on. */
export async function submitInTx(w: Writer, user: { id: string | null; name: string }, request: ReleaseRequest, model: ReleaseModel, read: ModelVersion, note: string | null) {
  // The version row locked and read again: an edit that got its lock first has committed, and none
  // can start (catalog/frozen.ts) until this submission has committed or rolled back, so the snapshot
  // is the version as it stays under review.
  const [version = read] = await w.tx.select().from(modelVersions).where(eq(modelVersions.id, read.id)).for('update');
  const snapshot = await snapshotOf(w.tx, model, version, request.alias);
  const now = new Date();
  const resubmission = request.state === 'changes_requested';
  const updated = await transition(w.tx, request, 'pending', user, note, {
    snapshot,
    round: request.round + 1,
    submittedAt: now,
    expiresAt: new Date(now.getTime() + snapshot.policy.expiryDays * 86_400_000),
    decidedAt: null,
  });
  if (!version.submittedAt) {
    await w.tx.update(modelVersions).set({ submittedAt: now }).where(and(eq(modelVersions.id, version.id), isNull(modelVersions.submittedAt)));
  }
  await w.audit({
    action: resubmission ? 'release.resubmitted' : 'release.requested',
    entityType: 'release_request',
    entityId: request.id,
    before: { state: request.state },
    after: {
      reference: reference(request),
      state: 'pending',
      model: model.name,
      version: version.version,
      alias: request.alias,
      round: updated.round,
      contentDigest: snapshot.contentDigest,
      replaces: snapshot.currentHolder?.version ?? null,
      expiresAt: updated.expiresAt?.toISOString() ?? null,
    },
    reason: note,
  });
  await notifySigners(w, updated, model, version, snapshot.policy, user);
  w.publish(RELEASES_CHANGED(request.id));
  w.publish(CATALOG_CHANGED(model.id));
  return updated;
}

export async function createReleaseRequest({ ctx, input }: VerbArgs<unknown>) {
  const user = requireCapability(ctx, 'release.request');
  const data = parseInput(createReleaseRequestSchema, input);
  return mutate(ctx, async (w) => {
    // The model row lock serialises requests for the same model, so two identical ones cannot both open.
    await w.tx.select({ id: registeredModels.id }).from(registeredModels).where(eq(registeredModels.id, data.modelId)).for('update');
    const { model, version } = await findVersion(w.tx, data.modelId, data.version);
    const [open] = await w.tx
      .select({ number: releaseRequests.number, state: releaseRequests.state })
      .from(releaseRequests)
      .where(and(eq(releaseRequests.versionId, version.id), eq(releaseRequests.alias, data.alias), inArray(releaseRequests.state, OPEN_STATES)))
      .orderBy(desc(releaseRequests.createdAt))
      .limit(1);
    if (open) throw new ConflictError(`${reference(open)} already asks to release v${version.version} to ${data.alias} (${open.state.replace('_', ' ')}).`);
    const [holder] = await w.tx.select({ versionId: aliases.versionId }).from(aliases).where(and(eq(aliases.modelId, model.id), eq(aliases.name, data.alias)));
    if (holder?.versionId === version.id) throw new ConflictError(`v${version.version} already holds ${data.alias}.`);

    const [draft] = await w.tx
      .insert(releaseRequests)
      .values({
        kind: 'release',
        modelId: model.id,
        versionId: version.id,
        version: version.version,
        alias: data.alias,
        state: 'draft',
        changeSummary: data.changeSummary,
        expectedImpact: data.expectedImpact,
        rollbackPlan: data.rollbackPlan,
        requestedBy: user.id,
        requestedByName: user.name,
      })
      .returning();
    if (!draft) throw new Error('insert returned nothing');
    await w.tx.insert(releaseTransitions).values({ requestId: draft.id, fromState: null, toState: 'draft', actorId: user.id, actorName: user.name });
    await w.audit({
      action: 'release.drafted',
      entityType: 'release_request',
      entityId: draft.id,
      after: { reference: reference(draft), model: model.name, version: version.version, alias: data.alias, changeSummary: data.changeSummary, expectedImpact: data.expectedImpact, rollbackPlan: data.rollbackPlan },
    });
    w.publish(RELEASES_CHANGED(draft.id));
    if (!data.submit) return draft;
    return submitInTx(w, user, draft, model, version, null);
  });
}

function requireRequester(user: SessionUser, request: ReleaseRequest, what: string) {
  if (request.requestedBy !== user.id) throw new ForbiddenError(`Only ${request.requestedByName}, who asked for ${reference(request)}, can ${what} it.`);
}

export async function submitReleaseRequest({ ctx, input }: VerbArgs<unknown>) {
  const user = requireCapability(ctx, 'release.request');
  const data = parseInput(submitReleaseRequestSchema, input);
  return mutate(ctx, async (w) => {
    const { request, model, version } = await findRequest(w.tx, data.requestId, { lock: true });
    requireRequester(user, request, 'submit');
    const edits = { changeSummary: data.changeSummary, expectedImpact: data.expectedImpact, rollbackPlan: data.rollbackPlan };
    const changed = Object.fromEntries(Object.entries(edits).filter(([k, v]) => v !== undefined && v !== request[k as keyof typeof edits]));
    let current = request;
    if (Object.keys(changed).length > 0) {
      if (request.state !== 'draft' && request.state !== 'changes_requested') {
        throw new ConflictError(`${reference(request)} is ${request.state.replace('_', ' ')}; its texts can only change while it is a draft or after changes were requested.`);
      }
      [current = request] = await w.tx.update(releaseRequests).set(changed).where(eq(releaseRequests.id, request.id)).returning();
    }
    return submitInTx(w, user, current, model, version, data.note ?? null);
  });
}

export async function withdrawReleaseRequest({ ctx, input }: VerbArgs<unknown>) {
  const user = requireCapability(ctx, 'release.request');
  const data = parseInput(withdrawReleaseRequestSchema, input);
  return mutate(ctx, async (w) => {
    const { request } = await findRequest(w.tx, data.requestId, { lock: true });
    requireRequester(user, request, 'withdraw');
    const updated = await transition(w.tx, request, 'withdrawn', user, data.reason, { decidedAt: new Date() });
    await w.audit({ action: 'release.withdrawn', entityType: 'release_request', entityId: request.id, before: { state: request.state }, after: { reference: reference(request), state: 'withdrawn' }, reason: data.reason });
    w.publish(RELEASES_CHANGED(request.id));
    return updated;
  });
}

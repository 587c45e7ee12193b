// Releasing an approved request: the alias moves, the previous holder becomes the rollback target,
// and other approved requests for the same alias are superseded, all in the caller's transaction.
import 'server-only';
import { and, eq, ne } from 'drizzle-orm';
import { blockingGates } from '@/lib/releases/gates';
import { countQuorum } from '@/lib/releases/quorum';
import { ROLE_LABELS } from '@/lib/roles';
import { requestIdSchema } from '@/lib/validation/releases';
import { aliases, modelVersions, releaseDecisions, releaseRequests, type ModelVersion, type ReleaseRequest } from '@/server/db/schema';
import { ForbiddenError, PreconditionFailedError } from '@/server/errors';
import { can } from '@/lib/permissions';
import { requireAnyCapability } from '../authorize';
import { CATALOG_CHANGED } from '../catalog/events';
import { moveAlias } from '../catalog/set-alias';
import { notifyRequester, releasedTitle } from '../collaboration/notifications/release-decisions';
import type { SessionUser, VerbArgs } from '../context';
import { mutate, type Writer } from '../mutate';
import { parseInput } from '../validate';
import { RELEASES_CHANGED } from './events';
import { judgedPolicy, loadEffectivePolicy } from './policies';
import { digestProblem, findRequest, gatesFor, reference, transition, type ReleaseModel } from './request-state';

/** Other approved requests for this alias lose their chance once it moves. */
export async function supersedeApproved(w: Writer, modelId: string, alias: string, exceptId: string | null, by: { id: string | null; name: string }, because: string) {
  const waiting = await w.tx
    .select()
    .from(releaseRequests)
    .where(and(eq(releaseRequests.modelId, modelId), eq(releaseRequests.alias, alias), eq(releaseRequests.state, 'approved'), exceptId ? ne(releaseRequests.id, exceptId) : undefined))
    .for('update');
  for (const other of waiting) {
    await transition(w.tx, other, 'superseded', by, because);
    await w.audit({ action: 'release.superseded', entityType: 'release_request', entityId: other.id, before: { state: 'approved' }, after: { reference: reference(other), state: 'superseded' }, reason: because });
    w.publish(RELEASES_CHANGED(other.id));
  }
}

export async function releaseInTx(w: Writer, by: SessionUser, request: ReleaseRequest, model: ReleaseModel): Promise<ReleaseRequest> {
  const [holder] = await w.tx
    .select({ version: modelVersions.version })
    .from(aliases)
    .innerJoin(modelVersions, eq(modelVersions.id, aliases.versionId))
    .where(and(eq(aliases.modelId, model.id), eq(aliases.name, request.alias)))
    .for('update', { of: aliases });
  const previous = holder?.version ?? null;
  if ((request.kind === 'rollback_review' || request.kind === 're_review') && previous !== request.version) {
    // The alias moved on since the rollback (or the alert); confirming it would undo a newer release.
    const superseded = await transition(w.tx, request, 'superseded', by, `${model.name} ${request.alias} no longer holds v${request.version}.`);
    await w.audit({ action: 'release.superseded', entityType: 'release_request', entityId: request.id, before: { state: 'approved' }, after: { reference: reference(request), state: 'superseded' } });
    w.publish(RELEASES_CHANGED(request.id));
    return superseded;
  }
  await moveAlias(w.tx, w.audit, by, { modelId: model.id, alias: request.alias, version: request.version, reason: `${reference(request)} approved` });
  const released = await transition(w.tx, request, 'released', by, null, {
    releasedAt: new Date(),
    // A rollback review confirms the version already in place: it has no earlier target of its own.
    rollbackTargetVersion: previous === request.version ? null : previous,
  });
  await w.audit({
    action: 'release.released',
    entityType: 'release_request',
    entityId: request.id,
    before: { state: 'approved', alias: request.alias, version: previous },
    after: { reference: reference(request), state: 'released', alias: request.alias, version: request.version, rollbackTarget: released.rollbackTargetVersion },
  });
  await supersedeApproved(w, model.id, request.alias, request.id, by, `${model.name} ${request.alias} moved to v${request.version} by ${reference(request)}.`);
  w.publish(RELEASES_CHANGED(request.id));
  w.publish(CATALOG_CHANGED(model.id));
  return released;
}

/**
 * A request held after approval is released only if it would still be approved: a tightening of
 * the model's tier, rules or tier policy since submission applies to it too (judgedPolicy), so a
 * quorum or gate it no longer meets blocks the release. It cannot collect more signatures once
 * approved: its requester withdraws it and submits again.
 */
async function requireStillApprovable(w: Writer, request: ReleaseRequest, model: ReleaseModel, version: ModelVersion) {
  const policy = judgedPolicy(request, await loadEffectivePolicy(w.tx, model));
  const [{ gates }, decisions] = await Promise.all([
    gatesFor(w.tx, version, policy),
    w.tx.select().from(releaseDecisions).where(and(eq(releaseDecisions.requestId, request.id), eq(releaseDecisions.round, request.round))),
  ]);
  const quorum = countQuorum(policy.approvals, decisions.filter((d) => d.decision === 'approve').map((d) => ({ id: d.signerId, roles: d.signerRoles })));
  const blocking = blockingGates(gates);
  if (quorum.satisfied && blocking.length === 0) return;
  const missing = [
    ...quorum.missing.map((m) => `${m.count} more ${ROLE_LABELS[m.role].toLowerCase()} approval${m.count === 1 ? '' : 's'}`),
    ...blocking.map((g) => `${g.label} (${g.detail})`),
  ];
  throw new PreconditionFailedError(
    `The release policy was tightened after ${reference(request)} was approved; it now also needs: ${missing.join('; ')}. Withdraw the request and submit again to collect them.`,
    { rule: 'policy_tightened' },
  );
}

/** Releases a request that policy left waiting after approval (ops, admin or its requester). */
export async function releaseApproved({ ctx, input }: VerbArgs<unknown>) {
  const user = requireAnyCapability(ctx, ['release.publish', 'release.request']);
  const { requestId } = parseInput(requestIdSchema, input);
  return mutate(ctx, async (w) => {
    const { request, model, version } = await findRequest(w.tx, requestId, { lock: true });
    if (!can(user, 'release.publish') && request.requestedBy !== user.id) throw new ForbiddenError(`Only ops, an admin or ${request.requestedByName} can release ${reference(request)}.`);
    if (request.state === 'approved') {
      const problem = await digestProblem(w.tx, request, version);
      if (problem) throw new PreconditionFailedError(problem);
      await requireStillApprovable(w, request, model, version);
    }
    const released = await releaseInTx(w, user, request, model);
    await notifyRequester(w, released, user, releasedTitle(user.name, released, model.name));
    return released;
  });
}

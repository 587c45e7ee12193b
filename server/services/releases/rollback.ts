// Rolling a protected alias back to the version it held before its last release: immediate, by ops
// or an admin, with a mandatory reason. The rollback is flagged in the trail and opens a follow-up
// review request for the restored version, which goes through the normal approval policy.
//
// The rule. A protected alias's history is a stack of approved releases (requests of kind `release`
// in state `released`); a rollback pops the newest one not yet rolled back, which must be the release
// that put the current holder there, and restores the version that release replaced (its
// rollbackTargetVersion). That version must itself be on the stack below it: released to this alias
// through an approved request and not rolled back since. A rolled-back version is never a target.
// Rollback reviews and re-reviews confirm the version already in place and move nothing, so they are
// not entries: approving one leaves the restored release, and what it replaced, as they were. So
// after v1, v2, v3 and a rollback to v2 (review approved), the next rollback goes to v1; after v1, v2,
// a rollback to v1 (review approved) and v3, it goes to v1 again; below v1 nothing is left.
import 'server-only';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { rollbackSchema } from '@/lib/validation/releases';
import { aliases, modelVersions, registeredModels, releaseRequests, releaseTransitions } from '@/server/db/schema';
import { ConflictError, NotFoundError } from '@/server/errors';
import { requireCapability } from '../authorize';
import { CATALOG_CHANGED } from '../catalog/events';
import { findVersion } from '../catalog/find-version';
import { moveAlias } from '../catalog/set-alias';
import type { VerbArgs } from '../context';
import { mutate } from '../mutate';
import { parseInput } from '../validate';
import { RELEASES_CHANGED } from './events';
import { supersedeApproved } from './release';
import { submitInTx } from './request-release';
import { reference } from './request-state';

export async function rollbackAlias({ ctx, input }: VerbArgs<unknown>) {
  const user = requireCapability(ctx, 'release.rollback');
  const data = parseInput(rollbackSchema, input);
  return mutate(ctx, async (w) => {
    const [model] = await w.tx.select().from(registeredModels).where(eq(registeredModels.id, data.modelId)).for('update');
    if (!model) throw new NotFoundError('This model does not exist.');
    const [holder] = await w.tx
      .select({ version: modelVersions.version })
      .from(aliases)
      .innerJoin(modelVersions, eq(modelVersions.id, aliases.versionId))
      .where(and(eq(aliases.modelId, model.id), eq(aliases.name, data.alias)))
      .for('update', { of: aliases });
    if (!holder) throw new ConflictError(`${model.name} has no ${data.alias} alias to roll back.`);
    // The stack, newest first.
    const stack = await w.tx
      .select()
      .from(releaseRequests)
      .where(and(eq(releaseRequests.modelId, model.id), eq(releaseRequests.alias, data.alias), eq(releaseRequests.kind, 'release'), eq(releaseRequests.state, 'released'), isNull(releaseRequests.rolledBackAt)))
      .orderBy(desc(releaseRequests.releasedAt))
      .for('update');
    const [last, ...below] = stack;
    if (!last || last.version !== holder.version) {
      throw new ConflictError(`${model.name} ${data.alias} (v${holder.version}) did not arrive through a release that can be rolled back.`);
    }
    const target = last.rollbackTargetVersion;
    if (target === null) throw new ConflictError(`${reference(last)} put v${last.version} on ${data.alias} when it held nothing before; there is no earlier approved version to roll back to.`);
    const restores = below.find((r) => r.version === target);
    if (!restores) {
      throw new ConflictError(
        `${reference(last)} replaced v${target} on ${data.alias}, but v${target} is not there through an approved release that still stands (it was rolled back, or placed otherwise); there is no earlier approved version to roll back to.`,
      );
    }

    await moveAlias(w.tx, w.audit, user, { modelId: model.id, alias: data.alias, version: target, reason: `Rollback: ${data.reason}` });
    await w.tx.update(releaseRequests).set({ rolledBackAt: new Date(), updatedAt: new Date() }).where(eq(releaseRequests.id, last.id));
    await supersedeApproved(w, model.id, data.alias, null, user, `${model.name} ${data.alias} was rolled back to v${target}.`);

    const { version: restored } = await findVersion(w.tx, model.id, target);
    const [review] = await w.tx
      .insert(releaseRequests)
      .values({
        kind: 'rollback_review',
        modelId: model.id,
        versionId: restored.id,
        version: target,
        alias: data.alias,
        state: 'draft',
        changeSummary: `Rollback of ${data.alias} from v${last.version} to v${target} (${reference(last)} rolled back): ${data.reason}`,
        expectedImpact: `v${target}, the version approved through ${reference(restores)} before ${reference(last)}, serves ${data.alias} again.`,
        rollbackPlan: `Release v${last.version} or a fixed version again through a new release request.`,
        requestedBy: user.id,
        requestedByName: user.name,
        followUpOf: last.id,
      })
      .returning();
    if (!review) throw new Error('insert returned nothing');
    await w.tx.insert(releaseTransitions).values({ requestId: review.id, fromState: null, toState: 'draft', actorId: user.id, actorName: user.name });
    await w.audit({
      action: 'release.rolled_back',
      entityType: 'release_request',
      entityId: last.id,
      before: { alias: data.alias, version: last.version },
      after: { reference: reference(last), rollback: true, alias: data.alias, version: target, followUpReview: reference(review) },
      reason: data.reason,
    });
    const submitted = await submitInTx(w, user, review, model, restored, `Follow-up review of the rollback of ${reference(last)}.`);
    w.publish(RELEASES_CHANGED(last.id));
    w.publish(CATALOG_CHANGED(model.id));
    return { rolledBack: reference(last), alias: data.alias, version: target, review: submitted };
  });
}

// Rolling a protected alias back to the version it held before its last release: immediate, by ops
// or an admin, with a mandatory reason. The rollback is flagged in the trail and opens a follow-up
// review request for the restored version, which goes through the normal approval policy.
import 'server-only';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { rollbackSchema } from '@/lib/validation/releases';
import { aliases, modelVersions, registeredModels, releaseRequests, releaseTransitions } from '@/server/db/schema';
import { ConflictError, NotFoundError } from '@/server/errors';
import { requireRole } from '../authorize';
import { CATALOG_CHANGED } from '../catalog/events';
import { findVersion } from '../catalog/find-version';
import { moveAlias } from '../catalog/set-alias';
import type { VerbArgs } from '../context';
import { mutate } from '../mutate';
import { parseInput } from '../validate';
import { OPERATORS } from './access';
import { RELEASES_CHANGED } from './events';
import { supersedeApproved } from './release';
import { submitInTx } from './request-release';
import { reference } from './request-state';

export async function rollbackAlias({ ctx, input }: VerbArgs<unknown>) {
  const user = requireRole(ctx, OPERATORS);
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
    const [last] = await w.tx
      .select()
      .from(releaseRequests)
      .where(and(eq(releaseRequests.modelId, model.id), eq(releaseRequests.alias, data.alias), eq(releaseRequests.state, 'released'), isNull(releaseRequests.rolledBackAt)))
      .orderBy(desc(releaseRequests.releasedAt))
      .limit(1)
      .for('update');
    if (!last || last.version !== holder.version) {
      throw new ConflictError(`${model.name} ${data.alias} (v${holder.version}) did not arrive through a release that can be rolled back.`);
    }
    const target = last.rollbackTargetVersion;
    if (target === null) throw new ConflictError(`${reference(last)} put v${last.version} on ${data.alias} when it held nothing before; there is no earlier approved version to roll back to.`);

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
        expectedImpact: `v${target}, the version approved before ${reference(last)}, serves ${data.alias} again.`,
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

// From a critical drift alert on a released version, one click asks the approvers to review it
// again: a pending re-review request of that version on the deployment's alias, under the usual
// policy. Approving it confirms the version stays; rejecting it is the signal for ops to roll back.
import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { alerts, deployments, modelVersions, registeredModels, releaseRequests, releaseTransitions } from '@/server/db/schema';
import { ConflictError, NotFoundError } from '@/server/errors';
import { requireCapability } from '../authorize';
import type { VerbArgs } from '../context';
import { mutate } from '../mutate';
import { parseInput } from '../validate';
import { RELEASES_CHANGED } from './events';
import { OPEN_STATES, submitInTx } from './request-release';
import { reference } from './request-state';

export async function requestReReview({ ctx, input }: VerbArgs<unknown>) {
  const user = requireCapability(ctx, 'release.re_review');
  const { alertId } = parseInput(z.object({ alertId: z.string().uuid() }), input);
  return mutate(ctx, async (w) => {
    const [row] = await w.tx
      .select({ alert: alerts, alias: deployments.alias, environment: deployments.environment })
      .from(alerts)
      .innerJoin(deployments, eq(deployments.id, alerts.deploymentId))
      .where(eq(alerts.id, alertId));
    if (!row) throw new NotFoundError('This alert does not exist.');
    const { alert } = row;
    const ref = `ALR-${alert.number}`;
    if (alert.severity !== 'critical' || (alert.kind !== 'feature_drift' && alert.kind !== 'dataset_drift')) throw new ConflictError(`${ref} is not a critical drift alert; a re-review is asked for from those.`);
    if (alert.state === 'resolved') throw new ConflictError(`${ref} is resolved.`);
    if (!alert.versionId) throw new ConflictError(`${ref} is not attributed to a version.`);
    const [version] = await w.tx.select().from(modelVersions).where(eq(modelVersions.id, alert.versionId));
    const [model] = version ? await w.tx.select().from(registeredModels).where(eq(registeredModels.id, version.modelId)).for('update') : [];
    if (!version || !model) throw new NotFoundError('The alerted version no longer exists.');
    const [released] = await w.tx.select({ id: releaseRequests.id }).from(releaseRequests).where(and(eq(releaseRequests.versionId, version.id), eq(releaseRequests.state, 'released')));
    if (!released) throw new ConflictError(`v${version.version} was never released through an approval, so there is nothing to re-review.`);
    const [open] = await w.tx
      .select({ number: releaseRequests.number })
      .from(releaseRequests)
      .where(and(eq(releaseRequests.versionId, version.id), eq(releaseRequests.alias, row.alias), eq(releaseRequests.kind, 're_review'), inArray(releaseRequests.state, OPEN_STATES)));
    if (open) throw new ConflictError(`${reference(open)} already asks the approvers to re-review v${version.version}.`);
    const [draft] = await w.tx
      .insert(releaseRequests)
      .values({
        kind: 're_review',
        modelId: model.id,
        versionId: version.id,
        version: version.version,
        alias: row.alias,
        state: 'draft',
        changeSummary: `Re-review of v${version.version} on ${row.alias} after ${ref} (${row.environment}): ${alert.title}.`,
        expectedImpact: 'Approving keeps the version in place; rejecting asks ops to roll back.',
        rollbackPlan: `Roll ${row.alias} back to the previously approved version from the model page.`,
        requestedBy: user.id,
        requestedByName: user.name,
        alertId: alert.id,
      })
      .returning();
    if (!draft) throw new Error('insert returned nothing');
    await w.tx.insert(releaseTransitions).values({ requestId: draft.id, fromState: null, toState: 'draft', actorId: user.id, actorName: user.name });
    await w.audit({ action: 'release.drafted', entityType: 'release_request', entityId: draft.id, after: { reference: reference(draft), kind: 're_review', model: model.name, version: version.version, alias: row.alias, alert: ref } });
    const submitted = await submitInTx(w, user, draft, model, version, `Asked for from ${ref}.`);
    w.publish(RELEASES_CHANGED(draft.id));
    return { id: submitted.id, reference: reference(submitted) };
  });
}

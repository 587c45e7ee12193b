// (c) An alert assigned to me, and (d) an alert opened or re-opened on a model I watch. Only
// active people who may read monitoring data (the monitoring.read capability) are told.
import 'server-only';
import { eq } from 'drizzle-orm';
import { deployments, registeredModels } from '@/server/db/schema';
import { rolesWith } from '@/lib/permissions';
import type { Writer } from '../../mutate';
import { notify } from '../notify';
import { activePeople, activeWatchers } from './recipients';

type AlertRef = { id: string; number: number; title: string; deploymentId: string };

async function deploymentOf(w: Writer, deploymentId: string) {
  const [row] = await w.tx
    .select({ modelId: deployments.modelId, environment: deployments.environment, modelName: registeredModels.name })
    .from(deployments)
    .innerJoin(registeredModels, eq(registeredModels.id, deployments.modelId))
    .where(eq(deployments.id, deploymentId));
  return row ?? null;
}

export async function notifyAssignee(w: Writer, alert: AlertRef, assigneeId: string | null, actor: { id: string; name: string }) {
  if (!assigneeId || assigneeId === actor.id) return 0;
  const [assignee] = await activePeople(w.tx, [assigneeId], rolesWith('monitoring.read'));
  const deployment = assignee ? await deploymentOf(w, alert.deploymentId) : null;
  if (!assignee || !deployment) return 0;
  return notify(w, [
    {
      userId: assignee.id,
      kind: 'alert_assigned',
      title: `${actor.name} assigned ALR-${alert.number} to you (${deployment.modelName}, ${deployment.environment}): ${alert.title}`,
      href: `/monitoring/alerts/${alert.id}`,
      subjectType: 'alert',
      subjectId: alert.id,
      modelId: deployment.modelId,
      actorName: actor.name,
    },
  ]);
}

export async function notifyAlertWatchers(w: Writer, alert: AlertRef, how: 'opened' | 'reopened') {
  const deployment = await deploymentOf(w, alert.deploymentId);
  if (!deployment) return 0;
  const watchers = await activeWatchers(w.tx, deployment.modelId, rolesWith('monitoring.read'));
  return notify(
    w,
    watchers.map((p) => ({
      userId: p.id,
      kind: 'alert_opened_watched' as const,
      title: `ALR-${alert.number} ${how === 'opened' ? 'opened' : 're-opened'} on ${deployment.modelName} (${deployment.environment}): ${alert.title}`,
      href: `/monitoring/alerts/${alert.id}`,
      subjectType: 'alert',
      subjectId: alert.id,
      modelId: deployment.modelId,
      actorName: 'Modelgate',
    })),
  );
}

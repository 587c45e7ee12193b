// What ops do with an alert: acknowledge, assign, comment, resolve with a note. Every step is on
// the alert's timeline and in the audit trail. Reads link the alert to its deployment, the version
// and that version's release approval.
import 'server-only';
import { and, asc, desc, eq, inArray, ne, type SQL } from 'drizzle-orm';
import { alertIdSchema, alertNoteSchema, assignAlertSchema, listAlertsSchema } from '@/lib/validation/monitoring';
import { alertEvents, alertRules, alerts, deployments, modelVersions, registeredModels, releaseRequests, users, type Alert } from '@/server/db/schema';
import { ConflictError, NotFoundError, ValidationError } from '@/server/errors';
import { can } from '@/lib/permissions';
import { requireCapability } from '../../authorize';
import type { SessionUser, VerbArgs } from '../../context';
import { mutate, type Writer } from '../../mutate';
import { parseInput } from '../../validate';
import { notifyAssignee } from '../../collaboration/notifications/alerts';
import { reference } from '../../releases/request-state';
import { MONITORING_CHANGED } from '../events';

const ref = (a: Pick<Alert, 'number'>) => `ALR-${a.number}`;

async function lockAlert(w: Writer, alertId: string) {
  const [alert] = await w.tx.select().from(alerts).where(eq(alerts.id, alertId)).for('update');
  if (!alert) throw new NotFoundError('This alert does not exist.');
  return alert;
}

async function step(w: Writer, user: SessionUser, alert: Alert, kind: 'acknowledged' | 'assigned' | 'commented' | 'resolved', note: string | null, change: Partial<Alert>, action: 'alert.acknowledged' | 'alert.assigned' | 'alert.commented' | 'alert.resolved') {
  if (Object.keys(change).length > 0) await w.tx.update(alerts).set(change).where(eq(alerts.id, alert.id));
  await w.tx.insert(alertEvents).values({ alertId: alert.id, kind, actorId: user.id, actorName: user.name, note });
  await w.audit({
    action,
    entityType: 'alert',
    entityId: alert.id,
    before: { state: alert.state, assignee: alert.assigneeName },
    after: { reference: ref(alert), state: change.state ?? alert.state, assignee: change.assigneeName === undefined ? alert.assigneeName : change.assigneeName },
    reason: note,
  });
  w.publish(MONITORING_CHANGED(alert.deploymentId));
}

export async function acknowledgeAlert({ ctx, input }: VerbArgs<unknown>) {
  const user = requireCapability(ctx, 'alert.work');
  const { alertId } = parseInput(alertIdSchema, input);
  return mutate(ctx, async (w) => {
    const alert = await lockAlert(w, alertId);
    if (alert.state !== 'open') throw new ConflictError(`${ref(alert)} is ${alert.state}; only an open alert can be acknowledged.`);
    await step(w, user, alert, 'acknowledged', null, { state: 'acknowledged', acknowledgedAt: new Date(), acknowledgedBy: user.name }, 'alert.acknowledged');
    return { id: alert.id, state: 'acknowledged' as const };
  });
}

export async function resolveAlert({ ctx, input }: VerbArgs<unknown>) {
  const user = requireCapability(ctx, 'alert.work');
  const { alertId, note } = parseInput(alertNoteSchema, input);
  return mutate(ctx, async (w) => {
    const alert = await lockAlert(w, alertId);
    if (alert.state === 'resolved') throw new ConflictError(`${ref(alert)} is already resolved.`);
    await step(w, user, alert, 'resolved', note, { state: 'resolved', resolvedAt: new Date(), resolvedBy: user.name, resolutionNote: note }, 'alert.resolved');
    return { id: alert.id, state: 'resolved' as const };
  });
}

export async function commentOnAlert({ ctx, input }: VerbArgs<unknown>) {
  const user = requireCapability(ctx, 'alert.work');
  const { alertId, note } = parseInput(alertNoteSchema, input);
  return mutate(ctx, async (w) => {
    const alert = await lockAlert(w, alertId);
    await step(w, user, alert, 'commented', note, {}, 'alert.commented');
    return { id: alert.id };
  });
}

export async function assignAlert({ ctx, input }: VerbArgs<unknown>) {
  const user = requireCapability(ctx, 'alert.work');
  const { alertId, assigneeId } = parseInput(assignAlertSchema, input);
  return mutate(ctx, async (w) => {
    const alert = await lockAlert(w, alertId);
    if (alert.state === 'resolved') throw new ConflictError(`${ref(alert)} is resolved; re-opened alerts can be assigned again.`);
    let assigneeName: string | null = null;
    if (assigneeId) {
      const [assignee] = await w.tx.select({ id: users.id, name: users.name, roles: users.roles, disabled: users.disabled }).from(users).where(eq(users.id, assigneeId));
      if (!assignee || assignee.disabled) throw new NotFoundError('That person does not exist or is disabled.');
      if (!can(assignee, 'alert.work')) throw new ValidationError(`${assignee.name} cannot work alerts (needs the ops or admin role).`);
      assigneeName = assignee.name;
    }
    await step(w, user, alert, 'assigned', assigneeName ? `Assigned to ${assigneeName}` : 'Unassigned', { assigneeId, assigneeName }, 'alert.assigned');
    if (assigneeId !== alert.assigneeId) await notifyAssignee(w, alert, assigneeId, user);
    return { id: alert.id, assigneeName };
  });
}

const alertColumns = {
  alert: alerts,
  environment: deployments.environment,
  alias: deployments.alias,
  modelId: deployments.modelId,
  modelName: registeredModels.name,
  version: modelVersions.version,
};

export async function listAlerts({ ctx, input }: VerbArgs<unknown>) {
  requireCapability(ctx, 'monitoring.read');
  const { deploymentId, state, limit } = parseInput(listAlertsSchema, input);
  const filters: (SQL | undefined)[] = [deploymentId ? eq(alerts.deploymentId, deploymentId) : undefined];
  if (state === 'unresolved') filters.push(ne(alerts.state, 'resolved'));
  else if (state !== 'all') filters.push(eq(alerts.state, state));
  const rows = await ctx.db
    .select(alertColumns)
    .from(alerts)
    .innerJoin(deployments, eq(deployments.id, alerts.deploymentId))
    .innerJoin(registeredModels, eq(registeredModels.id, deployments.modelId))
    .leftJoin(modelVersions, eq(modelVersions.id, alerts.versionId))
    .where(and(...filters))
    .orderBy(desc(alerts.openedAt))
    .limit(limit);
  return rows.map((r) => ({ ...r.alert, reference: ref(r.alert), environment: r.environment, alias: r.alias, modelId: r.modelId, modelName: r.modelName, version: r.version }));
}

export async function getAlert({ ctx, input }: VerbArgs<unknown>) {
  requireCapability(ctx, 'monitoring.read');
  const { alertId } = parseInput(alertIdSchema, input);
  const [row] = await ctx.db
    .select({ ...alertColumns, rule: alertRules })
    .from(alerts)
    .innerJoin(alertRules, eq(alertRules.id, alerts.ruleId))
    .innerJoin(deployments, eq(deployments.id, alerts.deploymentId))
    .innerJoin(registeredModels, eq(registeredModels.id, deployments.modelId))
    .leftJoin(modelVersions, eq(modelVersions.id, alerts.versionId))
    .where(eq(alerts.id, alertId));
  if (!row) throw new NotFoundError('This alert does not exist.');
  const [timeline, approvals] = await Promise.all([
    ctx.db.select().from(alertEvents).where(eq(alertEvents.alertId, alertId)).orderBy(asc(alertEvents.at)),
    row.alert.versionId
      ? ctx.db
          .select({ id: releaseRequests.id, number: releaseRequests.number, state: releaseRequests.state, alias: releaseRequests.alias, releasedAt: releaseRequests.releasedAt, kind: releaseRequests.kind })
          .from(releaseRequests)
          .where(and(eq(releaseRequests.versionId, row.alert.versionId), inArray(releaseRequests.state, ['released', 'pending', 'approved'])))
          .orderBy(desc(releaseRequests.createdAt))
      : Promise.resolve([]),
  ]);
  const release = approvals.find((a) => a.state === 'released' && a.alias === row.alias && a.kind === 'release') ?? approvals.find((a) => a.state === 'released') ?? null;
  const openReview = approvals.find((a) => a.state === 'pending' || a.state === 'approved') ?? null;
  return {
    ...row.alert,
    reference: ref(row.alert),
    rule: row.rule,
    deployment: { id: row.alert.deploymentId, environment: row.environment, alias: row.alias, modelId: row.modelId, modelName: row.modelName },
    version: row.version,
    release: release ? { id: release.id, reference: reference(release), releasedAt: release.releasedAt } : null,
    openReview: openReview ? { id: openReview.id, reference: reference(openReview), state: openReview.state } : null,
    timeline,
  };
}

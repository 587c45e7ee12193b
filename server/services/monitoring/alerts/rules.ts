// Alert rules of a deployment: listed for everyone who reads monitoring, changed by ops and admins.
import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { createAlertRuleSchema, deploymentIdSchema, updateAlertRuleSchema } from '@/lib/validation/monitoring';
import { alertRules, type AlertRule } from '@/server/db/schema';
import { NotFoundError, ValidationError } from '@/server/errors';
import { requireCapability } from '../../authorize';
import type { VerbArgs } from '../../context';
import { mutate } from '../../mutate';
import { parseInput } from '../../validate';
import { findDeployment } from '../deployments';
import { MONITORING_CHANGED } from '../events';

type RuleInput = Pick<AlertRule, 'kind' | 'feature' | 'method' | 'metric' | 'threshold' | 'windowMinutes' | 'severity' | 'enabled'>;

function checkRule(rule: RuleInput) {
  const drift = rule.kind === 'feature_drift' || rule.kind === 'dataset_drift';
  if (rule.method && rule.kind !== 'feature_drift') throw new ValidationError('Only a feature drift rule chooses a drift method.');
  if (rule.kind === 'performance' && !rule.metric) throw new ValidationError('A performance rule names its metric (e.g. roc_auc, accuracy, rmse).');
  if (!drift && rule.threshold === null) throw new ValidationError('This kind of rule needs a threshold.');
  if (rule.kind === 'dataset_drift' && rule.threshold !== null && (rule.threshold <= 0 || rule.threshold > 1)) throw new ValidationError('A dataset drift threshold is a share of features, between 0 and 1.');
}

export async function listAlertRules({ ctx, input }: VerbArgs<unknown>) {
  requireCapability(ctx, 'monitoring.read');
  const { deploymentId } = parseInput(deploymentIdSchema, input);
  return ctx.db.select().from(alertRules).where(eq(alertRules.deploymentId, deploymentId)).orderBy(asc(alertRules.createdAt));
}

export async function createAlertRule({ ctx, input }: VerbArgs<unknown>) {
  const user = requireCapability(ctx, 'alert_rule.edit');
  const { deploymentId, rule } = parseInput(createAlertRuleSchema, input);
  checkRule(rule);
  return mutate(ctx, async ({ tx, audit, publish }) => {
    await findDeployment(tx, deploymentId);
    const [created] = await tx.insert(alertRules).values({ ...rule, deploymentId, createdBy: user.id }).returning();
    if (!created) throw new Error('insert returned nothing');
    await audit({ action: 'alert_rule.created', entityType: 'deployment', entityId: deploymentId, after: { ruleId: created.id, ...rule } });
    publish(MONITORING_CHANGED(deploymentId));
    return created;
  });
}

export async function updateAlertRule({ ctx, input }: VerbArgs<unknown>) {
  requireCapability(ctx, 'alert_rule.edit');
  const { ruleId, rule: given } = parseInput(updateAlertRuleSchema, input);
  return mutate(ctx, async ({ tx, audit, publish }) => {
    const [before] = await tx.select().from(alertRules).where(eq(alertRules.id, ruleId)).for('update');
    if (!before) throw new NotFoundError('This alert rule does not exist.');
    const pick = (r: AlertRule) => ({ kind: r.kind, feature: r.feature, method: r.method, metric: r.metric, threshold: r.threshold, windowMinutes: r.windowMinutes, severity: r.severity, enabled: r.enabled });
    // Only the fields given change; the rule as a whole is checked as it will be.
    const rule = { ...pick(before), ...given };
    checkRule(rule);
    const [updated] = await tx.update(alertRules).set({ ...rule, updatedAt: new Date() }).where(eq(alertRules.id, ruleId)).returning();
    await audit({ action: 'alert_rule.updated', entityType: 'deployment', entityId: before.deploymentId, before: { ruleId, ...pick(before) }, after: { ruleId, ...pick(updated ?? before) } });
    publish(MONITORING_CHANGED(before.deploymentId));
    return updated;
  });
}

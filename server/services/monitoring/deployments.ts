// Deployments: where a model's alias serves predictions. Ops and admins create them; everyone who
// reads monitoring sees them.
import 'server-only';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { createDeploymentSchema, deploymentIdSchema } from '@/lib/validation/monitoring';
import type { DbOrTx } from '@/server/db/connect';
import { alertRules, aliases, deployments, modelVersions, predictionMinutes, registeredModels } from '@/server/db/schema';
import { ConflictError, NotFoundError } from '@/server/errors';
import { requireCapability } from '../authorize';
import type { VerbArgs } from '../context';
import { mutate } from '../mutate';
import { parseInput } from '../validate';
import { defaultRules } from './alerts/default-rules';
import { MONITORING_CHANGED } from './events';

export async function createDeployment({ ctx, input }: VerbArgs<unknown>) {
  const user = requireCapability(ctx, 'deployment.manage');
  const data = parseInput(createDeploymentSchema, input);
  return mutate(ctx, async ({ tx, audit, publish }) => {
    const [model] = await tx.select({ id: registeredModels.id, name: registeredModels.name, taskType: registeredModels.taskType }).from(registeredModels).where(eq(registeredModels.id, data.modelId));
    if (!model) throw new NotFoundError('This model does not exist.');
    const [clash] = await tx.select({ id: deployments.id }).from(deployments).where(and(eq(deployments.modelId, model.id), sql`lower(${deployments.environment}) = lower(${data.environment})`));
    if (clash) throw new ConflictError(`${model.name} already has a deployment named “${data.environment}”.`);
    const [created] = await tx.insert(deployments).values({ ...data, createdBy: user.id }).returning();
    if (!created) throw new Error('insert returned nothing');
    const rules = defaultRules(model.taskType);
    await tx.insert(alertRules).values(rules.map((r) => ({ ...r, deploymentId: created.id, createdBy: user.id })));
    await audit({
      action: 'deployment.created',
      entityType: 'deployment',
      entityId: created.id,
      after: { model: model.name, modelId: model.id, environment: created.environment, alias: created.alias, defaultAlertRules: rules.map((r) => `${r.kind}${r.metric ? `:${r.metric}` : ''} ${r.severity}`) },
    });
    publish(MONITORING_CHANGED(created.id));
    return created;
  });
}

export async function findDeployment(db: DbOrTx, deploymentId: string) {
  const [row] = await db
    .select({ deployment: deployments, modelName: registeredModels.name, taskType: registeredModels.taskType, riskTier: registeredModels.riskTier })
    .from(deployments)
    .innerJoin(registeredModels, eq(registeredModels.id, deployments.modelId))
    .where(eq(deployments.id, deploymentId));
  if (!row) throw new NotFoundError('This deployment does not exist.');
  return row;
}

export async function listDeployments({ ctx }: VerbArgs<unknown>) {
  requireCapability(ctx, 'monitoring.read');
  return ctx.db
    .select({
      id: deployments.id,
      environment: deployments.environment,
      alias: deployments.alias,
      description: deployments.description,
      createdAt: deployments.createdAt,
      modelId: registeredModels.id,
      modelName: registeredModels.name,
      taskType: registeredModels.taskType,
      servingVersion: modelVersions.version,
    })
    .from(deployments)
    .innerJoin(registeredModels, eq(registeredModels.id, deployments.modelId))
    .leftJoin(aliases, and(eq(aliases.modelId, deployments.modelId), eq(aliases.name, deployments.alias)))
    .leftJoin(modelVersions, eq(modelVersions.id, aliases.versionId))
    .orderBy(asc(registeredModels.name), asc(deployments.environment));
}

export async function getDeployment({ ctx, input }: VerbArgs<unknown>) {
  requireCapability(ctx, 'monitoring.read');
  const { deploymentId } = parseInput(deploymentIdSchema, input);
  const row = await findDeployment(ctx.db, deploymentId);
  const [holder] = await ctx.db
    .select({ version: modelVersions.version, versionId: modelVersions.id })
    .from(aliases)
    .innerJoin(modelVersions, eq(modelVersions.id, aliases.versionId))
    .where(and(eq(aliases.modelId, row.deployment.modelId), eq(aliases.name, row.deployment.alias)))
    .orderBy(desc(aliases.updatedAt))
    .limit(1);
  // The first minute with events: the page's default range is fitted to it.
  const [first] = await ctx.db.select({ at: sql<string | null>`min(${predictionMinutes.bucket})` }).from(predictionMinutes).where(eq(predictionMinutes.deploymentId, row.deployment.id));
  const firstEventAt = first?.at ? new Date(first.at).toISOString() : null;
  return { ...row.deployment, modelName: row.modelName, taskType: row.taskType, riskTier: row.riskTier, serving: holder ?? null, firstEventAt };
}

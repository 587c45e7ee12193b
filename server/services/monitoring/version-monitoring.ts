// A model version's monitoring, for its page: the deployments serving it (their alias points at it, or
// it served their events in the last 24 hours), its unresolved alerts, and its drift per deployment
// over the last 24 hours against its own reference dataset.
import 'server-only';
import { and, desc, eq, gte, inArray, ne, or } from 'drizzle-orm';
import { z } from 'zod';
import { aliases, alerts, deployments, modelVersions, predictionMinutes } from '@/server/db/schema';
import { NotFoundError } from '@/server/errors';
import { requireCapability } from '../authorize';
import type { VerbArgs } from '../context';
import { parseInput } from '../validate';
import { computeDrift } from './drift';

export const versionMonitoringSchema = z.object({ versionId: z.string().uuid() });

const DAY = 86_400_000;

export async function versionMonitoring({ ctx, input }: VerbArgs<unknown>) {
  requireCapability(ctx, 'monitoring.read');
  const { versionId } = parseInput(versionMonitoringSchema, input);
  const [version] = await ctx.db.select({ id: modelVersions.id, modelId: modelVersions.modelId, version: modelVersions.version }).from(modelVersions).where(eq(modelVersions.id, versionId));
  if (!version) throw new NotFoundError('This version does not exist.');
  const to = new Date(Math.floor(Date.now() / 60_000) * 60_000 + 60_000);
  const from = new Date(to.getTime() - DAY);
  const served = ctx.db.selectDistinct({ id: predictionMinutes.deploymentId }).from(predictionMinutes).where(and(eq(predictionMinutes.versionId, versionId), gte(predictionMinutes.bucket, from)));
  const rows = await ctx.db
    .select({ id: deployments.id, environment: deployments.environment, alias: deployments.alias, aliasVersionId: aliases.versionId })
    .from(deployments)
    .leftJoin(aliases, and(eq(aliases.modelId, deployments.modelId), eq(aliases.name, deployments.alias)))
    .where(and(eq(deployments.modelId, version.modelId), or(eq(aliases.versionId, versionId), inArray(deployments.id, served))))
    .orderBy(deployments.environment);
  const serving = await Promise.all(
    rows.map(async (d) => {
      const report = await computeDrift(ctx.db, { deploymentId: d.id, from, to, histograms: false });
      const part = report.versions.find((v) => v.versionId === versionId) ?? null;
      return {
        id: d.id,
        environment: d.environment,
        alias: d.alias,
        /** Whether the deployment's alias points at this version now. */
        servingNow: d.aliasVersionId === versionId,
        drift: part
          ? { events: part.currentRows, share: part.dataset?.share ?? null, drifted: part.dataset?.drifted ?? null, driftedFeatures: part.features.filter((f) => f.drifted).map((f) => f.feature), featureCount: part.dataset?.featureCount ?? 0, note: part.note }
          : null,
      };
    }),
  );
  const openAlerts = await ctx.db
    .select({ id: alerts.id, number: alerts.number, kind: alerts.kind, severity: alerts.severity, state: alerts.state, title: alerts.title, value: alerts.value, threshold: alerts.threshold, openedAt: alerts.openedAt, deploymentId: alerts.deploymentId, environment: deployments.environment })
    .from(alerts)
    .innerJoin(deployments, eq(deployments.id, alerts.deploymentId))
    .where(and(eq(alerts.versionId, versionId), ne(alerts.state, 'resolved')))
    .orderBy(desc(alerts.openedAt))
    .limit(100);
  return { versionId, version: version.version, window: { from: from.toISOString(), to: to.toISOString() }, deployments: serving, alerts: openAlerts.map((a) => ({ ...a, reference: `ALR-${a.number}` })) };
}

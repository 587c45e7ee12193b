// Which versions of the model served a deployment's events in a window, from the per-minute
// aggregates: what drift is computed per version on, and what alerts name.
import 'server-only';
import { and, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/server/db/connect';
import { modelVersions, predictionMinutes } from '@/server/db/schema';

/** The versions that served events in the window, the latest served first (a window that spans a
 * release holds the new version and the old one), from the per-minute aggregates. */
export async function windowVersions(db: DbOrTx, deploymentId: string, from: Date, to: Date) {
  const served = await db
    .select({ versionId: predictionMinutes.versionId, events: sql<number>`sum(${predictionMinutes.count})::int`, first: sql<Date>`min(${predictionMinutes.bucket})`, last: sql<Date>`max(${predictionMinutes.bucket})` })
    .from(predictionMinutes)
    .where(and(eq(predictionMinutes.deploymentId, deploymentId), gte(predictionMinutes.bucket, new Date(Math.floor(from.getTime() / 60_000) * 60_000)), lt(predictionMinutes.bucket, to)))
    .groupBy(predictionMinutes.versionId)
    .having(sql`sum(${predictionMinutes.count}) > 0`);
  if (served.length === 0) return [];
  const found = await db
    .select({ id: modelVersions.id, version: modelVersions.version, inputSchema: modelVersions.inputSchema, referenceDatasetId: modelVersions.referenceDatasetId })
    .from(modelVersions)
    .where(inArray(modelVersions.id, served.map((v) => v.versionId)));
  const time = (d: Date | string) => new Date(d).getTime();
  return served
    .flatMap((v) => {
      const version = found.find((f) => f.id === v.versionId);
      return version ? [{ ...version, events: v.events, firstMinute: new Date(time(v.first)), lastMinute: new Date(time(v.last)) }] : [];
    })
    .sort((a, b) => b.lastMinute.getTime() - a.lastMinute.getTime() || b.version - a.version);
}

export type ServedVersion = Awaited<ReturnType<typeof windowVersions>>[number];

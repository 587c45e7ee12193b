// A fresh ingestion key for a simulator, made through the same service verbs ops use (so it is
// audited): the keys of the same name on that deployment are revoked first, so restarts do not
// pile them up. Used by `npm start` and by `npm run simulate -- --deployment`.
import { asc, eq } from 'drizzle-orm';
import type { Database } from '@/server/db/connect';
import { users } from '@/server/db/schema';
import { createMemoryBus } from '@/server/events/memory-bus';
import type { ServiceContext, SessionUser } from '@/server/services/context';
import { listDeployments } from '@/server/services/monitoring/deployments';
import { createIngestionKey, listIngestionKeys, revokeIngestionKey } from '@/server/services/monitoring/ingestion-keys';

export const DEMO_OPS_EMAIL = 'ops@modelgate.local';

export type SimulatorKey = { key: string; prefix: string; deploymentId: string; modelName: string; environment: string; servingVersion: number | null; revoked: number };

/** The demo ops person, or else the earliest enabled ops or admin: whoever may manage deployment keys. */
async function keyManager(db: Database): Promise<SessionUser | null> {
  const enabled = await db.select().from(users).where(eq(users.disabled, false)).orderBy(asc(users.createdAt));
  const row = enabled.find((u) => u.email === DEMO_OPS_EMAIL && u.roles.includes('ops')) ?? enabled.find((u) => u.roles.includes('ops')) ?? enabled.find((u) => u.roles.includes('admin'));
  return row ? { id: row.id, email: row.email, name: row.name, roles: row.roles, sessionId: null } : null;
}

/** Null when there is no such deployment (or nobody who may manage its keys). */
export async function issueSimulatorKey(db: Database, target: { model: string; environment: string }, keyName: string): Promise<SimulatorKey | null> {
  const user = await keyManager(db);
  if (!user) return null;
  const ctx: ServiceContext = { db, bus: createMemoryBus(), user, request: { requestId: 'simulator', ip: null, userAgent: 'modelgate-simulator' } };
  const deployments = await listDeployments({ ctx, input: {} });
  const deployment = deployments.find((d) => d.modelName.toLowerCase() === target.model.toLowerCase() && d.environment.toLowerCase() === target.environment.toLowerCase());
  if (!deployment) return null;
  const keys = await listIngestionKeys({ ctx, input: { deploymentId: deployment.id } });
  let revoked = 0;
  for (const k of keys.filter((k) => k.name === keyName && !k.revokedAt)) {
    await revokeIngestionKey({ ctx, input: { keyId: k.id } });
    revoked += 1;
  }
  const created = await createIngestionKey({ ctx, input: { deploymentId: deployment.id, name: keyName, scopes: ['write'] } });
  return { key: created.key, prefix: created.prefix, deploymentId: deployment.id, modelName: deployment.modelName, environment: deployment.environment, servingVersion: deployment.servingVersion, revoked };
}

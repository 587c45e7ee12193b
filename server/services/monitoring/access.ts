// Who may use monitoring: the roles of people, and what a deployment's ingestion key may do.
import type { Role } from '@/lib/roles';
import { ForbiddenError, UnauthorizedError } from '@/server/errors';
import { requireRole } from '../authorize';
import { actorOf, type IngestionKeyActor, type ServiceContext } from '../context';

/** Who creates deployments and manages their ingestion keys. */
export const DEPLOYMENT_MANAGERS: readonly Role[] = ['ops', 'admin'];
/** Who reads monitoring data (the Monitoring section's roles). */
export const MONITORING_READERS: readonly Role[] = ['ops', 'data_scientist', 'admin', 'auditor'];

/** Reading a deployment's monitoring data: a person who reads monitoring, or the deployment's own
 * ingestion key with the read scope. */
export function requireMonitoringRead(ctx: ServiceContext, deploymentId: string): void {
  const actor = actorOf(ctx);
  if (actor.type !== 'ingestion_key') {
    requireRole(ctx, MONITORING_READERS);
    return;
  }
  if (!actor.key.scopes.includes('read')) throw new ForbiddenError(`Key ${actor.key.prefix}… has no read scope; create a key with the read scope to read drift.`);
  if (actor.key.deploymentId !== deploymentId) throw new ForbiddenError('This key belongs to another deployment.');
}

/** Sending events or labels: only a deployment's ingestion key with the write scope. */
export function requireIngestionWrite(ctx: ServiceContext, what: string): IngestionKeyActor {
  const actor = actorOf(ctx);
  if (actor.type !== 'ingestion_key') throw new UnauthorizedError(`${what} are sent with a deployment's ingestion key (Authorization: Bearer mgi_…).`);
  if (!actor.key.scopes.includes('write')) throw new ForbiddenError(`Key ${actor.key.prefix}… may only read; create a key with the write scope to send ${what.toLowerCase()}.`);
  return actor.key;
}

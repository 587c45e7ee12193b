// What a caller may do with monitoring data: a person through the permission map (lib/permissions),
// or a deployment's own ingestion key through its scopes.
import { keyCan } from '@/lib/permissions';
import { ForbiddenError, UnauthorizedError } from '@/server/errors';
import { requireCapability } from '../authorize';
import { actorOf, type IngestionKeyActor, type ServiceContext } from '../context';

/** Reading a deployment's monitoring data: a person who reads monitoring, or the deployment's own
 * ingestion key with the read scope. */
export function requireMonitoringRead(ctx: ServiceContext, deploymentId: string): void {
  const actor = actorOf(ctx);
  if (actor.type !== 'ingestion_key') {
    requireCapability(ctx, 'monitoring.read');
    return;
  }
  if (!keyCan(actor.key.scopes, 'drift.read')) throw new ForbiddenError(`Key ${actor.key.prefix}… has no read scope; create a key with the read scope to read drift.`);
  if (actor.key.deploymentId !== deploymentId) throw new ForbiddenError('This key belongs to another deployment.');
}

/** Sending events or labels: only a deployment's ingestion key with the write scope. */
export function requireIngestionWrite(ctx: ServiceContext, what: string): IngestionKeyActor {
  const actor = actorOf(ctx);
  if (actor.type !== 'ingestion_key') throw new UnauthorizedError(`${what} are sent with a deployment's ingestion key (Authorization: Bearer mgi_…).`);
  if (!keyCan(actor.key.scopes, 'prediction.ingest')) throw new ForbiddenError(`Key ${actor.key.prefix}… may only read; create a key with the write scope to send ${what.toLowerCase()}.`);
  return actor.key;
}

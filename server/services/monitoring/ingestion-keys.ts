// Ingestion keys: per deployment, created and revoked by ops, shown once, stored as a SHA-256 with
// a visible prefix. A key writes only to its own deployment.
import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, isNull, lt, or } from 'drizzle-orm';
import { createIngestionKeySchema, deploymentIdSchema, revokeIngestionKeySchema } from '@/lib/validation/monitoring';
import type { DbOrTx } from '@/server/db/connect';
import { ingestionKeys } from '@/server/db/schema';
import { ConflictError, NotFoundError } from '@/server/errors';
import { requireCapability } from '../authorize';
import type { IngestionKeyActor, VerbArgs } from '../context';
import { mutate } from '../mutate';
import { parseInput } from '../validate';
import { findDeployment } from './deployments';
import { MONITORING_CHANGED } from './events';

export const INGESTION_KEY_PREFIX = 'mgi_';
const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

export async function createIngestionKey({ ctx, input }: VerbArgs<unknown>) {
  const user = requireCapability(ctx, 'deployment.manage');
  const data = parseInput(createIngestionKeySchema, input);
  const key = `${INGESTION_KEY_PREFIX}${randomBytes(24).toString('base64url')}`;
  const prefix = key.slice(0, INGESTION_KEY_PREFIX.length + 6);
  const row = await mutate(ctx, async ({ tx, audit, publish }) => {
    const { deployment } = await findDeployment(tx, data.deploymentId);
    const [created] = await tx.insert(ingestionKeys).values({ deploymentId: deployment.id, name: data.name, prefix, keyHash: hashKey(key), scopes: data.scopes, createdBy: user.id }).returning();
    if (!created) throw new Error('insert returned nothing');
    await audit({ action: 'ingestion_key.created', entityType: 'deployment', entityId: deployment.id, after: { keyId: created.id, name: created.name, prefix, scopes: created.scopes } });
    publish(MONITORING_CHANGED(deployment.id));
    return created;
  });
  return { id: row.id, name: row.name, prefix, scopes: row.scopes, key };
}

export async function listIngestionKeys({ ctx, input }: VerbArgs<unknown>) {
  requireCapability(ctx, 'monitoring.read');
  const { deploymentId } = parseInput(deploymentIdSchema, input);
  return ctx.db
    .select({ id: ingestionKeys.id, name: ingestionKeys.name, prefix: ingestionKeys.prefix, scopes: ingestionKeys.scopes, createdAt: ingestionKeys.createdAt, lastUsedAt: ingestionKeys.lastUsedAt, revokedAt: ingestionKeys.revokedAt })
    .from(ingestionKeys)
    .where(eq(ingestionKeys.deploymentId, deploymentId))
    .orderBy(desc(ingestionKeys.createdAt));
}

export async function revokeIngestionKey({ ctx, input }: VerbArgs<unknown>) {
  requireCapability(ctx, 'deployment.manage');
  const { keyId } = parseInput(revokeIngestionKeySchema, input);
  return mutate(ctx, async ({ tx, audit, publish }) => {
    const [key] = await tx.select().from(ingestionKeys).where(eq(ingestionKeys.id, keyId)).for('update');
    if (!key) throw new NotFoundError('This ingestion key does not exist.');
    if (key.revokedAt) throw new ConflictError(`Key ${key.prefix}… was already revoked.`);
    await tx.update(ingestionKeys).set({ revokedAt: new Date() }).where(eq(ingestionKeys.id, key.id));
    await audit({ action: 'ingestion_key.revoked', entityType: 'deployment', entityId: key.deploymentId, before: { keyId: key.id, name: key.name, prefix: key.prefix, revokedAt: null }, after: { revokedAt: new Date().toISOString() } });
    publish(MONITORING_CHANGED(key.deploymentId));
    return { id: key.id, revoked: true };
  });
}

export type IngestionPrincipal = IngestionKeyActor;

/** The key behind a bearer token, or null. Marks it used at most once a minute (not a write per batch). */
export async function authenticateIngestionKey(db: DbOrTx, token: string): Promise<IngestionPrincipal | null> {
  if (!token.startsWith(INGESTION_KEY_PREFIX) || token.length > 200) return null;
  const [key] = await db
    .select({ id: ingestionKeys.id, deploymentId: ingestionKeys.deploymentId, scopes: ingestionKeys.scopes, prefix: ingestionKeys.prefix, lastUsedAt: ingestionKeys.lastUsedAt })
    .from(ingestionKeys)
    .where(and(eq(ingestionKeys.keyHash, hashKey(token)), isNull(ingestionKeys.revokedAt)));
  if (!key) return null;
  if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > 60_000) {
    await db
      .update(ingestionKeys)
      .set({ lastUsedAt: new Date() })
      .where(and(eq(ingestionKeys.id, key.id), or(isNull(ingestionKeys.lastUsedAt), lt(ingestionKeys.lastUsedAt, new Date(Date.now() - 60_000)))));
  }
  return { keyId: key.id, deploymentId: key.deploymentId, scopes: key.scopes, prefix: key.prefix };
}

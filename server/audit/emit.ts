// Appends one event to the audit chain inside the caller's transaction. The chain head row is
// locked FOR UPDATE, so concurrent writers queue and the sequence stays contiguous and unforked.
import { eq } from 'drizzle-orm';
import type { Tx } from '@/server/db/connect';
import { auditChainHead, auditEvents, type AuditEvent } from '@/server/db/schema';
import type { ServiceContext } from '@/server/services/context';
import type { ActorType, AuditAction } from '@/lib/audit-actions';
import { canonicalRow, type ChainedFields } from './hash';
import { createHash } from 'node:crypto';

export type AuditActor = { type: ActorType; id: string | null; name: string; roles: string[] };

export type AuditInput = {
  action: AuditAction;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
  /** Defaults to the signed-in user, or the system. */
  actor?: AuditActor;
};

/** The JSON form the value will have when read back from jsonb, so the hash is reproducible. */
function asStored(value: unknown): unknown {
  return value === undefined || value === null ? null : JSON.parse(JSON.stringify(value));
}

export function changedFields(before: unknown, after: unknown): string[] {
  const b = (before && typeof before === 'object' ? before : {}) as Record<string, unknown>;
  const a = (after && typeof after === 'object' ? after : {}) as Record<string, unknown>;
  const keys = new Set([...Object.keys(b), ...Object.keys(a)]);
  return [...keys].filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k])).sort();
}

export function actorOf(ctx: ServiceContext): AuditActor {
  if (ctx.user && ctx.apiToken) {
    return { type: 'api_key', id: ctx.apiToken.id, name: `${ctx.user.name} (API token ${ctx.apiToken.prefix}…)`, roles: [...ctx.user.roles] };
  }
  return ctx.user
    ? { type: 'user', id: ctx.user.id, name: ctx.user.name, roles: [...ctx.user.roles] }
    : { type: 'system', id: null, name: 'Modelgate', roles: [] };
}

export async function emitAudit(tx: Tx, ctx: ServiceContext, input: AuditInput): Promise<AuditEvent> {
  const [head] = await tx.select().from(auditChainHead).where(eq(auditChainHead.id, 1)).for('update');
  if (!head) throw new Error('audit chain head is missing: run the migrations');
  const actor = input.actor ?? actorOf(ctx);
  const before = asStored(input.before);
  const after = asStored(input.after);
  const fields: ChainedFields = {
    seq: Number(head.seq) + 1,
    occurredAt: new Date().toISOString(),
    actorType: actor.type,
    actorId: actor.id,
    actorName: actor.name,
    actorRoles: actor.roles,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    before,
    after,
    changedFields: changedFields(before, after),
    reason: input.reason ?? null,
    requestId: ctx.request.requestId,
    ip: ctx.request.ip,
    userAgent: ctx.request.userAgent,
    prevHash: head.hash,
  };
  const canonical = canonicalRow(fields);
  const hash = createHash('sha256').update(canonical).update(fields.prevHash).digest('hex');
  const [row] = await tx
    .insert(auditEvents)
    .values({ canonical, hash })
    .returning();
  await tx.update(auditChainHead).set({ seq: fields.seq, hash }).where(eq(auditChainHead.id, 1));
  if (!row) throw new Error('audit insert returned nothing');
  return row;
}

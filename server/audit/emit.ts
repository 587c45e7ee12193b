// Appends events to the audit chain inside the caller's transaction. The chain head row is locked
// FOR UPDATE, so concurrent writers queue and the sequence stays contiguous and unforked. The
// head's lock is held from the append to the commit, and every audited change in the workspace
// waits for it: so rows are prepared here (canonical text in pieces) and appended in one statement
// (modelgate_append_audit), as late in the transaction as the writer allows (see mutate.ts).
import 'server-only';
import { sql } from 'drizzle-orm';
import type { Tx } from '@/server/db/connect';
import type { ServiceContext } from '@/server/services/context';
import type { ActorType, AuditAction } from '@/lib/audit-actions';
import { canonicalPieces, type UnchainedFields } from './hash';

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

/** An audit row ready to append: its fields and its canonical text around the chain's values. */
export type PreparedAudit = UnchainedFields & { pieces: [string, string, string, string] };

/** What the chain gave an appended row. */
export type Appended = { seq: number; hash: string; occurredAt: string };

/** The JSON form the value will have when read back from jsonb, so the hash is reproducible. */
function asStored(value: unknown): unknown {
  return value === undefined || value === null ? null : JSON.parse(JSON.stringify(value));
}

function changedFields(before: unknown, after: unknown): string[] {
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

export function prepareAudit(ctx: ServiceContext, input: AuditInput): PreparedAudit {
  const actor = input.actor ?? actorOf(ctx);
  const before = asStored(input.before);
  const after = asStored(input.after);
  const fields: UnchainedFields = {
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
  };
  return { ...fields, pieces: canonicalPieces(fields) };
}

/** Appends the rows, in order, in one statement. */
export async function appendAudit(tx: Tx, rows: readonly PreparedAudit[]): Promise<Appended[]> {
  if (rows.length === 0) return [];
  const pieces = JSON.stringify(rows.flatMap((r) => r.pieces));
  const result = (await tx.execute(sql`select appended_seq, appended_hash, appended_at from modelgate_append_audit(${pieces}::jsonb)`)) as unknown as {
    appended_seq: string | number;
    appended_hash: string;
    appended_at: string;
  }[];
  if (result.length !== rows.length) throw new Error(`audit append wrote ${result.length} of ${rows.length} rows`);
  return result.map((r) => ({ seq: Number(r.appended_seq), hash: r.appended_hash, occurredAt: r.appended_at }));
}

/** Prepares and appends one row at once (for code that writes outside a service writer). */
export async function emitAudit(tx: Tx, ctx: ServiceContext, input: AuditInput): Promise<Appended> {
  const [row] = await appendAudit(tx, [prepareAudit(ctx, input)]);
  if (!row) throw new Error('audit append returned nothing');
  return row;
}

import 'server-only';
import { and, eq, gte, ilike, lt, lte, or, type SQL } from 'drizzle-orm';
import type { AuditFilter } from '@/lib/validation/audit';
import { auditEvents } from '@/server/db/schema';


export function auditWhere(filter: AuditFilter, beforeSeq?: number): SQL | undefined {
  const conditions: (SQL | undefined)[] = [
    filter.actor ? or(eq(auditEvents.actorId, filter.actor), ilike(auditEvents.actorName, `%${filter.actor.replace(/[%_\\]/g, '\\$&')}%`)) : undefined,
    filter.action ? eq(auditEvents.action, filter.action) : undefined,
    filter.entityType ? eq(auditEvents.entityType, filter.entityType) : undefined,
    filter.entityId ? eq(auditEvents.entityId, filter.entityId) : undefined,
    filter.from ? gte(auditEvents.occurredAt, filter.from) : undefined,
    filter.to ? lte(auditEvents.occurredAt, filter.to) : undefined,
    beforeSeq ? lt(auditEvents.seq, beforeSeq) : undefined,
  ];
  return and(...conditions);
}

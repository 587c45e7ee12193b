// The audit trail. No foreign keys: its rows outlive what they describe.
import { bigint, check, index, jsonb, pgTable, smallint, text, timestamp } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

export const auditEvents = pgTable(
  'audit_events',
  {
    seq: bigint({ mode: 'number' }).primaryKey(),
    occurredAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
    actorType: text().notNull(),
    actorId: text(),
    actorName: text().notNull(),
    actorRoles: text().array().notNull(),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: text().notNull(),
    before: jsonb(),
    after: jsonb(),
    changedFields: text().array().notNull(),
    reason: text(),
    requestId: text(),
    ip: text(),
    userAgent: text(),
    prevHash: text().notNull(),
    hash: text().notNull(),
  },
  (t) => [
    index('audit_events_occurred_at_idx').on(t.occurredAt),
    index('audit_events_entity_type_entity_id_idx').on(t.entityType, t.entityId),
    index('audit_events_actor_id_idx').on(t.actorId),
    index('audit_events_action_idx').on(t.action),
  ],
);
export type AuditEvent = typeof auditEvents.$inferSelect;

/** One row: the chain's head. Writers lock it, so the chain can neither fork nor gap. */
export const auditChainHead = pgTable(
  'audit_chain_head',
  {
    id: smallint().primaryKey(),
    seq: bigint({ mode: 'number' }).notNull(),
    hash: text().notNull(),
  },
  (t) => [check('audit_chain_head_single_row', sql`${t.id} = 1`)],
);

// The audit trail. Each row's authoritative content is `canonical`, the exact RFC 8785 JSON text
// that was hashed; every other column is GENERATED from it by Postgres, so no column can be edited
// without changing the hashed text. No foreign keys: its rows outlive what they describe.
import { bigint, check, index, jsonb, pgTable, smallint, text, timestamp } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

const field = (name: string) => sql.raw(`(canonical::jsonb ->> '${name}')`);
const jsonField = (name: string) => sql.raw(`nullif(canonical::jsonb -> '${name}', 'null'::jsonb)`);

export const auditEvents = pgTable(
  'audit_events',
  {
    canonical: text().notNull(),
    hash: text().notNull(),
    seq: bigint({ mode: 'number' })
      .primaryKey()
      .generatedAlwaysAs(sql.raw(`((canonical::jsonb ->> 'seq')::bigint)`)),
    occurredAt: timestamp({ withTimezone: true, precision: 3 })
      .notNull()
      .generatedAlwaysAs(sql.raw(`modelgate_utc_timestamp(canonical::jsonb ->> 'occurredAt')`)),
    actorType: text().notNull().generatedAlwaysAs(field('actorType')),
    actorId: text().generatedAlwaysAs(field('actorId')),
    actorName: text().notNull().generatedAlwaysAs(field('actorName')),
    actorRoles: jsonb().$type<string[]>().notNull().generatedAlwaysAs(sql.raw(`(canonical::jsonb -> 'actorRoles')`)),
    action: text().notNull().generatedAlwaysAs(field('action')),
    entityType: text().notNull().generatedAlwaysAs(field('entityType')),
    entityId: text().notNull().generatedAlwaysAs(field('entityId')),
    before: jsonb().generatedAlwaysAs(jsonField('before')),
    after: jsonb().generatedAlwaysAs(jsonField('after')),
    changedFields: jsonb().$type<string[]>().notNull().generatedAlwaysAs(sql.raw(`(canonical::jsonb -> 'changedFields')`)),
    reason: text().generatedAlwaysAs(field('reason')),
    requestId: text().generatedAlwaysAs(field('requestId')),
    ip: text().generatedAlwaysAs(field('ip')),
    userAgent: text().generatedAlwaysAs(field('userAgent')),
    prevHash: text().notNull().generatedAlwaysAs(field('prevHash')),
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

// Runs a state change: all writes and their audit rows in one transaction; domain events go out
// on the live bus only after it commits. If the audit write fails, the change rolls back.
import type { Tx } from '@/server/db/connect';
import { emitAudit, type AuditInput } from '@/server/audit/emit';
import type { AuditEvent } from '@/server/db/schema';
import type { DomainEvent, NewDomainEvent } from '@/server/events/types';
import { activityEventFor } from './collaboration/activity/live';
import type { ServiceContext } from './context';
import { enqueueWebhookDeliveries } from './webhooks/enqueue';

export type Writer = {
  tx: Tx;
  audit: (input: AuditInput) => Promise<AuditEvent>;
  publish: (event: NewDomainEvent) => void;
};

const AUDIT_APPENDED: NewDomainEvent = { type: 'audit.appended', topics: ['audit'], audience: { roles: ['admin', 'auditor'], userIds: [] } };

/** A writer inside a transaction someone else runs; `pending` collects events to publish after it commits. */
export function writerIn(tx: Tx, ctx: ServiceContext, pending: NewDomainEvent[]): Writer {
  return {
    tx,
    audit: async (input) => {
      const row = await emitAudit(tx, ctx, input);
      if (!pending.includes(AUDIT_APPENDED)) pending.push(AUDIT_APPENDED);
      // Activity feeds read the audit trail; their readers are told by who may see the entry.
      const activity = activityEventFor(input);
      if (activity && !pending.includes(activity)) pending.push(activity);
      // Webhook deliveries for this event are queued in this same transaction (the outbox).
      await enqueueWebhookDeliveries(tx, row, (event) => {
        if (!pending.includes(event)) pending.push(event);
      });
      return row;
    },
    publish: (event) => pending.push(event),
  };
}

export async function publishCommitted(ctx: ServiceContext, pending: readonly NewDomainEvent[]) {
  if (pending.length === 0) return;
  const at = new Date().toISOString();
  const events: DomainEvent[] = pending.map((e) => ({ ...e, at }));
  // The change is committed; a bus hiccup must not turn it into an error for the caller.
  await ctx.bus.publish(events).catch((err: unknown) => console.error('[events] publish failed', err));
}

export async function mutate<T>(ctx: ServiceContext, work: (w: Writer) => Promise<T>): Promise<T> {
  const pending: NewDomainEvent[] = [];
  const result = await ctx.db.transaction(async (tx) => work(writerIn(tx, ctx, pending)));
  await publishCommitted(ctx, pending);
  return result;
}

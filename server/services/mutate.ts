// Runs a state change: all writes and their audit rows in one transaction; domain events go out
// on the live bus only after it commits. If the audit write fails, the change rolls back.
import 'server-only';
import { rolesWith } from '@/lib/permissions';
import type { Tx } from '@/server/db/connect';
import { pgErrorCode } from '@/server/db/errors';
import { ConflictError } from '@/server/errors';
import { appendAudit, prepareAudit, type AuditInput, type PreparedAudit } from '@/server/audit/emit';
import type { DomainEvent, NewDomainEvent } from '@/server/events/types';
import { activityEventFor } from './collaboration/activity/live';
import type { ServiceContext } from './context';
import { enqueueWebhookDeliveries } from './webhooks/enqueue';

export type Writer = {
  tx: Tx;
  /**
   * Records an audit row of this change. Rows are appended to the chain when the work is done
   * (flush), in the order they were recorded, in one statement just before the commit: the
   * chain head's lock, which every audited change waits for, is then held for that statement
   * and the commit only. A row that cannot be written fails the change (it rolls back).
   */
  audit: (input: AuditInput) => Promise<void>;
  publish: (event: NewDomainEvent) => void;
};

/**
 * The writer as its runner holds it: `flush` appends the audit rows recorded so far (and queues their
 * webhook deliveries). The runner flushes at the end; work may flush earlier, e.g. to send the
 * append together with its last writes.
 */
export type FlushingWriter = Writer & { flush: () => Promise<void> };

const AUDIT_APPENDED: NewDomainEvent = { type: 'audit.appended', topics: ['audit'], audience: { roles: rolesWith('audit.read'), userIds: [] } };

/** A writer inside a transaction someone else runs; `pending` collects events to publish after it commits. */
export function writerIn(tx: Tx, ctx: ServiceContext, pending: NewDomainEvent[]): FlushingWriter {
  const recorded: PreparedAudit[] = [];
  const add = (event: NewDomainEvent) => {
    if (!pending.includes(event)) pending.push(event);
  };
  return {
    tx,
    audit: async (input) => {
      recorded.push(prepareAudit(ctx, input));
      add(AUDIT_APPENDED);
      // Activity feeds read the audit trail; their readers are told by who may see the entry.
      const activity = activityEventFor(input);
      if (activity) add(activity);
    },
    publish: (event) => pending.push(event),
    flush: async () => {
      const rows = recorded.splice(0);
      if (rows.length === 0) return;
      const appended = await appendAudit(tx, rows);
      // Webhook deliveries for these events are queued in this same transaction (the outbox).
      await enqueueWebhookDeliveries(
        tx,
        rows.map((row, i) => ({ row: { ...row, seq: appended[i]?.seq ?? 0 }, occurredAt: appended[i]?.occurredAt ?? new Date().toISOString() })),
        add,
      );
    },
  };
}

export async function publishCommitted(ctx: ServiceContext, pending: readonly NewDomainEvent[]) {
  if (pending.length === 0) return;
  const at = new Date().toISOString();
  const events: DomainEvent[] = pending.map((e) => ({ ...e, at }));
  // The change is committed; a bus hiccup must not turn it into an error for the caller.
  await ctx.bus.publish(events).catch((err: unknown) => console.error('[events] publish failed', err));
}

/**
 * The database's own refusal to change a version under review (migration 0019, SQLSTATE MGF01), for
 * a writer that got past the service check: a CONFLICT with the database's words, not a 500.
 */
function frozenConflict(err: unknown): ConflictError | null {
  if (pgErrorCode(err) !== FROZEN_IN_REVIEW) return null;
  const e = err as { message?: unknown; cause?: { message?: unknown } };
  const message = typeof e.cause?.message === 'string' ? e.cause.message : typeof e.message === 'string' ? e.message : 'This version is under review for release and cannot change.';
  return new ConflictError(message, { rule: 'version_under_review' });
}
const FROZEN_IN_REVIEW = 'MGF01';

export async function mutate<T>(ctx: ServiceContext, work: (w: FlushingWriter) => Promise<T>): Promise<T> {
  const pending: NewDomainEvent[] = [];
  const result = await ctx.db
    .transaction(async (tx) => {
      const writer = writerIn(tx, ctx, pending);
      const value = await work(writer);
      await writer.flush();
      return value;
    })
    .catch((err: unknown) => {
      throw frozenConflict(err) ?? err;
    });
  await publishCommitted(ctx, pending);
  return result;
}

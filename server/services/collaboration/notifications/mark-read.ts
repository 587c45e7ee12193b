// Marking one's own notifications read. Each change is audited (a state change without an audit
// row is a defect); marking what is already read changes nothing and writes nothing.
import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { notificationIdSchema } from '@/lib/validation/notifications';
import { notifications } from '@/server/db/schema';
import { NotFoundError } from '@/server/errors';
import { requireCapability } from '../../authorize';
import type { VerbArgs } from '../../context';
import { mutate } from '../../mutate';
import { parseInput } from '../../validate';
import { NOTIFICATIONS_CHANGED } from '../notify';

export async function markNotificationRead({ ctx, input }: VerbArgs<unknown>) {
  const user = requireCapability(ctx, 'session.use');
  const { notificationId } = parseInput(notificationIdSchema, input);
  return mutate(ctx, async (w) => {
    // Someone else's notification reads as missing: its existence is not theirs to learn.
    const [row] = await w.tx
      .select({ id: notifications.id, readAt: notifications.readAt, kind: notifications.kind, subjectType: notifications.subjectType, subjectId: notifications.subjectId })
      .from(notifications)
      .where(and(eq(notifications.id, notificationId), eq(notifications.userId, user.id)))
      .for('update');
    if (!row) throw new NotFoundError('You have no such notification.');
    if (row.readAt) return { id: row.id, readAt: row.readAt, changed: false };
    const readAt = new Date();
    await w.tx.update(notifications).set({ readAt }).where(eq(notifications.id, row.id));
    await w.audit({ action: 'notification.read', entityType: 'notification', entityId: row.id, before: { readAt: null }, after: { readAt: readAt.toISOString(), kind: row.kind, subjectType: row.subjectType, subjectId: row.subjectId } });
    w.publish(NOTIFICATIONS_CHANGED([user.id]));
    return { id: row.id, readAt, changed: true };
  });
}

export async function markAllNotificationsRead({ ctx }: VerbArgs<unknown>) {
  const user = requireCapability(ctx, 'session.use');
  return mutate(ctx, async (w) => {
    const readAt = new Date();
    const marked = await w.tx
      .update(notifications)
      .set({ readAt })
      .where(and(eq(notifications.userId, user.id), isNull(notifications.readAt)))
      .returning({ id: notifications.id });
    if (marked.length === 0) return { marked: 0 };
    await w.audit({ action: 'notification.read_all', entityType: 'user', entityId: user.id, after: { marked: marked.length, readAt: readAt.toISOString() } });
    w.publish(NOTIFICATIONS_CHANGED([user.id]));
    return { marked: marked.length };
  });
}

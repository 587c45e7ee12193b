// Writes notifications inside the caller's transaction and tells each recipient's open pages once
// it commits. Every fan-out (mentions, signatures waiting, decisions, alerts, new versions of a
// watched model) goes through here, so who receives what is decided in one place: the caller passes
// only people who may see the subject, and the live event names each recipient alone.
import 'server-only';
import { sql } from 'drizzle-orm';
import type { NewNotification } from '@/server/db/schema';
import type { Writer } from '../mutate';

export type NotificationInput = Omit<NewNotification, 'id' | 'createdAt' | 'readAt'>;

/** The live event a recipient's pages refresh on (the `notifications` queries). */
export const NOTIFICATIONS_CHANGED = (userIds: string[]) => ({ type: 'notifications.changed', topics: ['notifications'], audience: { roles: [], userIds } });

export async function notify(w: Writer, items: NotificationInput[]): Promise<number> {
  // One row per person and subject and kind in a single fan-out, however they got there.
  const seen = new Set<string>();
  const rows = items.filter((n) => {
    const key = `${n.userId}:${n.kind}:${n.subjectId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (rows.length === 0) return 0;
  // One JSON document per statement (json_to_recordset), as ingestion does: a 1,000-row fan-out is
  // one parameter instead of 8,000, which took Drizzle and the driver 3-4x longer to bind.
  const doc = JSON.stringify(rows.map((r) => ({ user_id: r.userId, kind: r.kind, title: r.title, href: r.href, subject_type: r.subjectType, subject_id: r.subjectId, model_id: r.modelId ?? null, actor_name: r.actorName ?? null })));
  await w.tx.execute(sql`
    insert into notifications (user_id, kind, title, href, subject_type, subject_id, model_id, actor_name)
    select user_id, kind, title, href, subject_type, subject_id, model_id, actor_name
    from json_to_recordset(${doc}::json) as t(user_id uuid, kind text, title text, href text, subject_type text, subject_id uuid, model_id uuid, actor_name text)`);
  // NOTIFY payloads stop at 8,000 bytes: at most 150 recipients (37 bytes each) per event.
  const recipients = [...new Set(rows.map((r) => r.userId))];
  for (let i = 0; i < recipients.length; i += 150) w.publish(NOTIFICATIONS_CHANGED(recipients.slice(i, i + 150)));
  return rows.length;
}

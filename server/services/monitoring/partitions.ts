// Daily partitions of prediction_events: created ahead by the scheduler, and on demand for the
// days a batch touches (remembered per process, so the check costs nothing on the hot path).
import 'server-only';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/server/db/connect';
import { env } from '@/server/env';

const known = new Set<string>();
const day = (d: Date) => d.toISOString().slice(0, 10);

export async function ensureEventPartitions(db: DbOrTx, timestamps: readonly Date[]) {
  const missing = [...new Set(timestamps.map(day))].filter((d) => !known.has(d)).sort();
  if (missing.length === 0) return;
  const from = missing[0] as string;
  const to = missing[missing.length - 1] as string;
  await db.execute(sql`select modelgate_ensure_event_partitions(${from}::date, ${to}::date)`);
  for (const d of missing) known.add(d);
}

/** The scheduler's job: tomorrow and the day after exist before events arrive; days past retention go. */
export async function maintainEventPartitions(db: DbOrTx, now = new Date()) {
  const ahead = new Date(now.getTime() + 2 * 86_400_000);
  const [created] = await db.execute<{ n: number }>(sql`select modelgate_ensure_event_partitions(${day(now)}::date, ${day(ahead)}::date) as n`);
  const cutoff = new Date(now.getTime() - env.EVENT_RETENTION_DAYS * 86_400_000);
  const [dropped] = await db.execute<{ n: number }>(sql`select modelgate_drop_event_partitions(${day(cutoff)}::date) as n`);
  for (const d of [...known]) if (d < day(cutoff)) known.delete(d);
  return { created: Number(created?.n ?? 0), dropped: Number(dropped?.n ?? 0) };
}

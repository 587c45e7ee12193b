// The per-key ingestion rate (INGEST_RATE_PER_KEY events per second), shared by every app instance:
// events are counted per key in one-second windows of the database clock (ingestion_rate_windows),
// with one upsert per batch that takes the batch only if it fits. Nothing is kept in memory, and
// the table holds one row per ingestion key (deleted with the key).
import 'server-only';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/server/db/connect';

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Takes `events` from this second's allowance of the key; refused (and nothing taken) when over `ratePerSecond`. */
export async function takeIngestionTokens(db: DbOrTx, keyId: string, events: number, ratePerSecond: number): Promise<RateDecision> {
  // A batch larger than one second's allowance can never fit: say how long its events are worth.
  if (events > ratePerSecond) return { allowed: false, retryAfterSeconds: Math.ceil(events / ratePerSecond) };
  // A stored window at or after this second is the current one (`>=`: a clock stepping back never reopens an allowance).
  const next = sql`(case when w.window_start >= excluded.window_start then w.events + excluded.events else excluded.events end)`;
  const taken = await db.execute(sql`
    insert into ingestion_rate_windows as w (key_id, window_start, events)
    values (${keyId}, date_trunc('second', now()), ${events})
    on conflict (key_id) do update set events = ${next}, window_start = greatest(w.window_start, excluded.window_start)
    where ${next} <= ${ratePerSecond}
    returning 1
  `);
  // Over the allowance: the current window ends within the second.
  return taken.length > 0 ? { allowed: true } : { allowed: false, retryAfterSeconds: 1 };
}

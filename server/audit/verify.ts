// Verifies the whole audit chain inside Postgres, in one pass: every row's hash is recomputed from
// its canonical text (SHA-256 over canonical + prev_hash; the other columns are generated from that
// text, so they cannot differ from it), each row must link to the one before with no gap, and the
// end must match the chain head. Reports the first broken sequence number.
import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/server/db/connect';
import { auditChainHead, type AuditEvent } from '@/server/db/schema';
import { GENESIS_HASH, type ChainedFields } from './hash';

export type VerifyResult =
  | { ok: true; count: number; headSeq: number; headHash: string }
  | { ok: false; count: number; firstBrokenSeq: number; problem: string };

/** The row as it was hashed, rebuilt from its columns (also used to re-check exports outside the database). */
export function chainedFields(row: AuditEvent): ChainedFields {
  return {
    seq: Number(row.seq),
    occurredAt: row.occurredAt.toISOString(),
    actorType: row.actorType,
    actorId: row.actorId,
    actorName: row.actorName,
    actorRoles: row.actorRoles,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    before: row.before,
    after: row.after,
    changedFields: row.changedFields,
    reason: row.reason,
    requestId: row.requestId,
    ip: row.ip,
    userAgent: row.userAgent,
    prevHash: row.prevHash,
  };
}

type Checked = { seq: number; prev_seq: number; contiguous: boolean; linked: boolean; hashed: boolean };

export async function verifyAuditChain(db: DbOrTx): Promise<VerifyResult> {
  const [head] = await db.select().from(auditChainHead).where(eq(auditChainHead.id, 1));
  const headSeq = Number(head?.seq ?? 0);
  const headHash = head?.hash ?? GENESIS_HASH;

  const result = await db.execute(sql`
    with checked as (
      select
        seq,
        hash,
        lag(seq, 1, 0::bigint) over w as prev_seq,
        prev_hash = lag(hash, 1, ${GENESIS_HASH}) over w as linked,
        hash = encode(sha256(convert_to(canonical || prev_hash, 'UTF8')), 'hex') as hashed
      from audit_events
      window w as (order by seq)
    )
    select
      (select count(*)::int from checked) as count,
      (select hash from checked order by seq desc limit 1) as last_hash,
      (select row_to_json(c) from (
         select seq::int as seq, prev_seq::int as prev_seq, seq = prev_seq + 1 as contiguous, linked, hashed from checked
         where not (seq = prev_seq + 1 and linked and hashed)
         order by seq limit 1) c) as first_bad
  `);

  const summary = (result as unknown as { count: number; last_hash: string | null; first_bad: Checked | null }[])[0];
  const count = summary?.count ?? 0;
  const bad = summary?.first_bad;
  if (bad) {
    // Everything before the first bad row checked out.
    const before = bad.prev_seq;
    if (!bad.contiguous) return { ok: false, count: before, firstBrokenSeq: before + 1, problem: `event ${before + 1} is missing (the next stored event is ${bad.seq})` };
    if (!bad.linked) return { ok: false, count: before, firstBrokenSeq: bad.seq, problem: `event ${bad.seq} does not link to event ${before}: an earlier event was altered or replaced` };
    return { ok: false, count: before, firstBrokenSeq: bad.seq, problem: `event ${bad.seq} was altered after it was written` };
  }
  const lastHash = summary?.last_hash ?? GENESIS_HASH;
  if (count !== headSeq || lastHash !== headHash) {
    return { ok: false, count, firstBrokenSeq: Math.min(count, headSeq) + 1, problem: `the chain head records ${headSeq} events but ${count} are stored: the trail was cut after event ${count}` };
  }
  return { ok: true, count, headSeq, headHash };
}

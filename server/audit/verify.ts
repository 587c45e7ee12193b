// Recomputes every hash and link of the audit chain and compares the end with the chain head.
// Reports the first broken sequence number: an edited row, a missing row, or a cut tail.
import { asc, eq, gt } from 'drizzle-orm';
import type { DbOrTx } from '@/server/db/connect';
import { auditChainHead, auditEvents, type AuditEvent } from '@/server/db/schema';
import { chainHash, GENESIS_HASH, type ChainedFields } from './hash';

export type VerifyResult =
  | { ok: true; count: number; headSeq: number; headHash: string }
  | { ok: false; count: number; firstBrokenSeq: number; problem: string };

const BATCH = 10_000;

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

export async function verifyAuditChain(db: DbOrTx): Promise<VerifyResult> {
  const [head] = await db.select().from(auditChainHead).where(eq(auditChainHead.id, 1));
  const headSeq = Number(head?.seq ?? 0);
  const headHash = head?.hash ?? GENESIS_HASH;

  const fetchAfter = (seq: number) =>
    db.select().from(auditEvents).where(gt(auditEvents.seq, seq)).orderBy(asc(auditEvents.seq)).limit(BATCH);

  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let count = 0;
  let next = fetchAfter(0);
  for (;;) {
    const rows = await next;
    const last = rows.at(-1);
    // Fetch the next batch while this one is hashed.
    if (rows.length === BATCH && last) next = fetchAfter(Number(last.seq));
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq) {
        return { ok: false, count, firstBrokenSeq: expectedSeq, problem: `event ${expectedSeq} is missing (next stored event is ${seq})` };
      }
      if (row.prevHash !== prevHash) {
        return { ok: false, count, firstBrokenSeq: seq, problem: `event ${seq} does not link to event ${seq - 1}` };
      }
      if (chainHash(chainedFields(row)) !== row.hash) {
        return { ok: false, count, firstBrokenSeq: seq, problem: `event ${seq} was altered after it was written` };
      }
      prevHash = row.hash;
      expectedSeq = seq + 1;
      count++;
    }
    if (rows.length < BATCH) break;
  }
  if (count !== headSeq || prevHash !== headHash) {
    const at = Math.min(count, headSeq) + 1;
    return { ok: false, count, firstBrokenSeq: at, problem: `the chain head records ${headSeq} events but ${count} are stored: the trail was cut after event ${count}` };
  }
  return { ok: true, count, headSeq, headHash };
}

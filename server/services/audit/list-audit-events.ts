import 'server-only';
import { desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { auditListSchema } from '@/lib/validation/audit';
import { auditEvents } from '@/server/db/schema';
import { verifyAuditChain } from '@/server/audit/verify';
import { NotFoundError } from '@/server/errors';
import { requireCapability } from '../authorize';
import type { VerbArgs } from '../context';
import { parseInput } from '../validate';
import { auditWhere } from './query';

/** Newest first, keyset-paginated by sequence number. */
export async function listAuditEvents({ ctx, input }: VerbArgs<unknown>) {
  requireCapability(ctx, 'audit.read');
  const { cursor, limit, ...filter } = parseInput(auditListSchema, input);
  const rows = await ctx.db
    .select()
    .from(auditEvents)
    .where(auditWhere(filter, cursor))
    .orderBy(desc(auditEvents.seq))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? items.at(-1)?.seq ?? null : null };
}

export async function getAuditEvent({ ctx, input }: VerbArgs<unknown>) {
  requireCapability(ctx, 'audit.read');
  const { seq } = parseInput(z.object({ seq: z.number().int().positive() }), input);
  const [row] = await ctx.db.select().from(auditEvents).where(eq(auditEvents.seq, seq));
  if (!row) throw new NotFoundError(`Audit event ${seq} does not exist.`);
  return row;
}

export async function verifyAuditTrail({ ctx }: VerbArgs<void>) {
  requireCapability(ctx, 'audit.read');
  const started = performance.now();
  const result = await verifyAuditChain(ctx.db);
  return { ...result, checkedAt: new Date(), durationMs: Math.round(performance.now() - started) };
}

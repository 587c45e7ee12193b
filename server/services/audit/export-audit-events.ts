import 'server-only';
import { asc } from 'drizzle-orm';
import { stringify } from 'csv-stringify/sync';
import { neutraliseCell } from '@/lib/csv';
import { auditExportSchema } from '@/lib/validation/audit';
import { auditEvents } from '@/server/db/schema';
import { requireCapability } from '../authorize';
import type { VerbArgs } from '../context';
import { mutate } from '../mutate';
import { parseInput } from '../validate';
import { auditWhere } from './query';

const COLUMNS = [
  'seq', 'occurredAt', 'actorType', 'actorId', 'actorName', 'actorRoles', 'action', 'entityType', 'entityId',
  'before', 'after', 'changedFields', 'reason', 'requestId', 'ip', 'userAgent', 'prevHash', 'hash', 'canonical',
] as const;

/**
 * Exports the filtered trail (oldest first). Each row carries what was hashed (`canonical`, the RFC 8785
 * text every other column is generated from) and its `prevHash`, so an auditor re-checks
 * `hash = SHA-256(canonical + prevHash)` and the links outside Modelgate. The export itself is audited.
 */
export async function exportAuditEvents({ ctx, input }: VerbArgs<unknown>) {
  requireCapability(ctx, 'audit.read');
  const { format, ...filter } = parseInput(auditExportSchema, input);
  const rows = await ctx.db.select().from(auditEvents).where(auditWhere(filter)).orderBy(asc(auditEvents.seq));
  await mutate(ctx, ({ audit }) =>
    audit({ action: 'audit.exported', entityType: 'audit_trail', entityId: 'audit_events', after: { format, filter, rows: rows.length } }),
  );
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  if (format === 'json') {
    return { filename: `modelgate-audit-${stamp}.json`, contentType: 'application/json', body: JSON.stringify({ exportedAt: new Date(), filter, events: rows }, null, 2) };
  }
  const body = stringify([
    [...COLUMNS],
    ...rows.map((r) => COLUMNS.map((c) => neutraliseCell(r[c]))),
  ]);
  return { filename: `modelgate-audit-${stamp}.csv`, contentType: 'text/csv; charset=utf-8', body };
}

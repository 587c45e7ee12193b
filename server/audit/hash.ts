// The audit chain's hash rule, shared by the writer, the verifier and anyone re-checking an export:
// hash = SHA-256( canonical JSON (RFC 8785) of the row without `hash`  +  prev_hash ).
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

export const GENESIS_HASH = '0'.repeat(64);

export type ChainedFields = {
  seq: number;
  occurredAt: string; // ISO-8601 UTC, millisecond precision
  actorType: string;
  actorId: string | null;
  actorName: string;
  actorRoles: string[];
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  changedFields: string[];
  reason: string | null;
  requestId: string | null;
  ip: string | null;
  userAgent: string | null;
  prevHash: string;
};

export function canonicalRow(row: ChainedFields): string {
  const text = canonicalize(row);
  if (text === undefined) throw new Error('audit row cannot be canonicalised');
  return text;
}

export function chainHash(row: ChainedFields): string {
  return createHash('sha256').update(canonicalRow(row)).update(row.prevHash).digest('hex');
}

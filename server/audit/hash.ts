// The audit chain's hash rule, used by the writer, the verifier and anyone re-checking an export:
//   hash = SHA-256( canonical JSON (RFC 8785, JCS) of the row without `hash`  +  prev_hash )
import { createHash } from 'node:crypto';

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

// JCS orders keys by UTF-16 code units, which is what Array.prototype.sort does by default.
const KEYS = (
  ['seq', 'occurredAt', 'actorType', 'actorId', 'actorName', 'actorRoles', 'action', 'entityType', 'entityId', 'before', 'after', 'changedFields', 'reason', 'requestId', 'ip', 'userAgent', 'prevHash'] as const
).slice().sort();

/** RFC 8785 for JSON values: object keys sorted by UTF-16 code units, ECMAScript number and string forms. */
function canonicalValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new Error('audit values must be finite numbers');
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map(canonicalValue).join(',')}]`;
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record)
        .filter((k) => record[k] !== undefined)
        .sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalValue(record[k])}`).join(',')}}`;
    }
    default:
      throw new Error(`audit values must be JSON, got ${typeof value}`);
  }
}

/**
 * RFC 8785 canonical JSON of an audit row. The top level is written directly (its shape is fixed),
 * which makes verification several times faster than a generic canonicaliser; a test checks it
 * against the `canonicalize` library (the reference implementation) byte for byte.
 */
export function canonicalRow(row: ChainedFields): string {
  let out = '{';
  for (let i = 0; i < KEYS.length; i++) {
    const key = KEYS[i] as keyof ChainedFields;
    out += `${i === 0 ? '' : ','}"${key}":${canonicalValue(row[key])}`;
  }
  return `${out}}`;
}

export function chainHash(row: ChainedFields): string {
  return createHash('sha256').update(canonicalRow(row)).update(row.prevHash).digest('hex');
}

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

/** The fields of a row known before it is appended: all but its place in the chain and its time. */
export type UnchainedFields = Omit<ChainedFields, 'seq' | 'occurredAt' | 'prevHash'>;

/** Keys filled in when the row is appended, in canonical (sorted) order. */
const CHAIN_KEYS = KEYS.filter((k) => k === 'occurredAt' || k === 'prevHash' || k === 'seq');
if (CHAIN_KEYS.join() !== 'occurredAt,prevHash,seq') throw new Error('audit canonical key order changed');

/**
 * The canonical row cut into four pieces around the values only the append knows:
 *   pieces[0] "<occurredAt JSON string>" pieces[1] "<prevHash>" pieces[2] <seq> pieces[3]
 * equals canonicalRow() of the full row. The database joins them under the chain head's lock
 * (modelgate_append_audit), so a transaction holds that lock for one statement instead of three.
 */
export function canonicalPieces(row: UnchainedFields): [string, string, string, string] {
  const pieces: string[] = [];
  let out = '{';
  for (let i = 0; i < KEYS.length; i++) {
    const key = KEYS[i] as keyof ChainedFields;
    out += `${i === 0 ? '' : ','}"${key}":`;
    if (key === 'occurredAt' || key === 'prevHash' || key === 'seq') {
      pieces.push(out);
      out = '';
    } else out += canonicalValue(row[key]);
  }
  pieces.push(`${out}}`);
  return pieces as [string, string, string, string];
}

/** Joins canonicalPieces() with the chain's values, as the database does. */
export function joinPieces(pieces: readonly [string, string, string, string], chain: { occurredAt: string; prevHash: string; seq: number }): string {
  return `${pieces[0]}"${chain.occurredAt}"${pieces[1]}"${chain.prevHash}"${pieces[2]}${chain.seq}${pieces[3]}`;
}

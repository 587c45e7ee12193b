import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import { canonicalPieces, canonicalRow, chainHash, GENESIS_HASH, joinPieces, type ChainedFields } from './hash';

const row: ChainedFields = {
  seq: 7,
  occurredAt: '2026-11-25T09:00:00.123Z',
  actorType: 'user',
  actorId: '0b6f3c1e-2d1a-4c5b-9e8f-112233445566',
  actorName: 'Zoë "Z" Ng\u2028',
  actorRoles: ['admin', 'auditor'],
  action: 'user.roles_changed',
  entityType: 'user',
  entityId: 'e1',
  before: { roles: ['ops'], nested: { b: 1.5, a: [true, null, 'x'], é: -0.000001 } },
  after: { roles: ['ops', 'auditor'], big: 1e21, '\u20ac': 'euro', a10: 1, a2: 2 },
  changedFields: ['roles'],
  reason: null,
  requestId: 'r-1',
  ip: '::1',
  userAgent: 'Mozilla/5.0',
  prevHash: GENESIS_HASH,
};

describe('audit hash', () => {
  it('cuts the canonical form into pieces that join back to it around the chain values', () => {
    const { seq, occurredAt, prevHash, ...rest } = row;
    const pieces = canonicalPieces(rest);
    expect(joinPieces(pieces, { seq, occurredAt, prevHash })).toBe(canonicalRow(row));
    expect(joinPieces(pieces, { seq: 123456, occurredAt: '2027-01-01T00:00:00.000Z', prevHash: 'ab'.repeat(32) })).toBe(canonicalRow({ ...row, seq: 123456, occurredAt: '2027-01-01T00:00:00.000Z', prevHash: 'ab'.repeat(32) }));
  });

  it('writes exactly the RFC 8785 canonical form', () => {
    expect(canonicalRow(row)).toBe(canonicalize(row));
    expect(canonicalRow({ ...row, before: null, after: 'text', reason: 'why', actorId: null })).toBe(
      canonicalize({ ...row, before: null, after: 'text', reason: 'why', actorId: null }),
    );
  });

  it('changes when any field changes', () => {
    const h = chainHash(row);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(chainHash({ ...row, reason: 'x' })).not.toBe(h);
    expect(chainHash({ ...row, prevHash: '1'.repeat(64) })).not.toBe(h);
    expect(chainHash({ ...row, after: { ...(row.after as object), a2: 3 } })).not.toBe(h);
  });
});

import { desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSessionUser } from '@/server/auth/sessions';
import { auditEvents, sessions, users } from '@/server/db/schema';
import { ConflictError, ForbiddenError, UnauthorizedError, ValidationError } from '@/server/errors';
import { freshDatabase, type TestDatabase } from '@/server/testing/database';
import { contextFor, createUserWithSession } from '@/server/testing/fixtures';
import type { SessionUser } from '../context';
import { createUser } from './create-user';
import { listUsers } from './list-users';
import { setUserDisabled } from './set-user-disabled';
import { setUserRoles } from './set-user-roles';

let t: TestDatabase;
let admin: SessionUser;
beforeAll(async () => {
  t = await freshDatabase();
  admin = await createUserWithSession(t.db, ['admin'], { name: 'Ada Admin' });
});
afterAll(async () => t.close());

const lastAudit = async () => (await t.db.select().from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1))[0];
const auditCount = async () => (await t.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents))[0]?.n;

describe('creating people', () => {
  it('creates a user with a one-time temporary password and audits it', async () => {
    const ctx = contextFor(t.db, admin);
    const result = await createUser({ ctx, input: { email: '  Alan@Example.com ', name: 'Alan Turing', roles: ['approver', 'approver'] } });
    expect(result.user).toMatchObject({ email: 'alan@example.com', name: 'Alan Turing', roles: ['approver'], disabled: false });
    expect(result.temporaryPassword).toMatch(/^[\w-]{16}$/);
    const [stored] = await t.db.select().from(users).where(eq(users.id, result.user.id));
    expect(stored?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await lastAudit()).toMatchObject({
      action: 'user.created',
      entityType: 'user',
      entityId: result.user.id,
      actorId: admin.id,
      actorName: 'Ada Admin',
      actorRoles: ['admin'],
      after: { email: 'alan@example.com', name: 'Alan Turing', roles: ['approver'], disabled: false },
      requestId: ctx.request.requestId,
    });
    expect(JSON.stringify(await lastAudit())).not.toContain('argon2');
  });

  it('refuses a second account for the same email, in any letter case, and writes nothing', async () => {
    const ctx = contextFor(t.db, admin);
    await createUser({ ctx, input: { email: 'dup@example.com', name: 'One', roles: [] } });
    const before = await auditCount();
    await expect(createUser({ ctx, input: { email: 'DUP@example.com', name: 'Two', roles: [] } })).rejects.toThrow(ConflictError);
    expect(await auditCount()).toBe(before);
    expect(await t.db.select().from(users).where(sql`lower(${users.email}) = 'dup@example.com'`)).toHaveLength(1);
  });

  it('rejects bad input with a message naming the field, and writes nothing', async () => {
    const ctx = contextFor(t.db, admin);
    const before = await auditCount();
    await expect(createUser({ ctx, input: { email: 'not-an-email', name: 'X', roles: [] } })).rejects.toThrow(/email/i);
    await expect(createUser({ ctx, input: { email: 'r@example.com', name: 'X', roles: ['superuser'] } })).rejects.toThrow(ValidationError);
    await expect(createUser({ ctx, input: { email: 'p@example.com', name: 'X', roles: [], password: 'short' } })).rejects.toThrow(/12 characters/);
    expect(await auditCount()).toBe(before);
  });

  it('is refused to everyone but admins, in the service layer', async () => {
    for (const role of ['data_scientist', 'approver', 'risk_reviewer', 'ops', 'auditor'] as const) {
      const someone = await createUserWithSession(t.db, [role]);
      await expect(createUser({ ctx: contextFor(t.db, someone), input: { email: `${role}@x.com`, name: 'X', roles: [] } })).rejects.toThrow(ForbiddenError);
    }
    await expect(createUser({ ctx: contextFor(t.db, null), input: {} })).rejects.toThrow(UnauthorizedError);
  });

  it('lets admins and auditors list people without exposing password hashes', async () => {
    const auditor = await createUserWithSession(t.db, ['auditor']);
    const list = await listUsers({ ctx: contextFor(t.db, auditor), input: undefined });
    expect(list.find((u) => u.id === admin.id)).toMatchObject({ name: 'Ada Admin', roles: ['admin'], hasPassword: false });
    expect(JSON.stringify(list)).not.toContain('argon2');
    const ops = await createUserWithSession(t.db, ['ops']);
    await expect(listUsers({ ctx: contextFor(t.db, ops), input: undefined })).rejects.toThrow(ForbiddenError);
  });
});

describe('roles and status', () => {
  it('changes roles with before/after in the audit row, effective on the next request', async () => {
    const person = await createUserWithSession(t.db, ['data_scientist']);
    await setUserRoles({ ctx: contextFor(t.db, admin), input: { userId: person.id, roles: ['data_scientist', 'approver'], reason: 'joins the release board' } });
    expect(await loadSessionUser(t.db, person.sessionId ?? '')).toMatchObject({ roles: ['approver', 'data_scientist'] });
    expect(await lastAudit()).toMatchObject({
      action: 'user.roles_changed',
      entityId: person.id,
      before: { roles: ['data_scientist'] },
      after: { roles: ['approver', 'data_scientist'] },
      changedFields: ['roles'],
      reason: 'joins the release board',
    });
  });

  it('disabling revokes every session at once; enabling does not revive them', async () => {
    const person = await createUserWithSession(t.db, ['ops']);
    await setUserDisabled({ ctx: contextFor(t.db, admin), input: { userId: person.id, disabled: true, reason: 'left the company' } });
    expect(await loadSessionUser(t.db, person.sessionId ?? '')).toBeNull();
    const open = await t.db.select().from(sessions).where(eq(sessions.userId, person.id));
    expect(open.every((s) => s.revokedAt !== null)).toBe(true);
    expect(await lastAudit()).toMatchObject({ action: 'user.disabled', before: { disabled: false }, after: { disabled: true }, reason: 'left the company' });
    await setUserDisabled({ ctx: contextFor(t.db, admin), input: { userId: person.id, disabled: false } });
    expect(await loadSessionUser(t.db, person.sessionId ?? '')).toBeNull();
    expect(await lastAudit()).toMatchObject({ action: 'user.enabled' });
  });

  it('keeps at least one active admin and refuses self-disable', async () => {
    const fresh = await freshDatabase();
    try {
      const only = await createUserWithSession(fresh.db, ['admin']);
      const ctx = contextFor(fresh.db, only);
      await expect(setUserRoles({ ctx, input: { userId: only.id, roles: ['auditor'] } })).rejects.toThrow(/last active admin/);
      await expect(setUserDisabled({ ctx, input: { userId: only.id, disabled: true } })).rejects.toThrow(/your own account/);
      const second = await createUserWithSession(fresh.db, ['admin']);
      await setUserRoles({ ctx, input: { userId: second.id, roles: ['ops'] } });
      // The demoted admin's next request carries their new roles only.
      const secondNow = await loadSessionUser(fresh.db, second.sessionId ?? '');
      await expect(setUserDisabled({ ctx: contextFor(fresh.db, secondNow), input: { userId: only.id, disabled: true } })).rejects.toThrow(ForbiddenError);
    } finally {
      await fresh.close();
    }
  });

  it('answers NotFound for an unknown user and Validation for a malformed id', async () => {
    const ctx = contextFor(t.db, admin);
    await expect(setUserRoles({ ctx, input: { userId: '00000000-0000-4000-8000-000000000000', roles: [] } })).rejects.toThrow(/No such user/);
    await expect(setUserRoles({ ctx, input: { userId: 'nope', roles: [] } })).rejects.toThrow(ValidationError);
  });
});

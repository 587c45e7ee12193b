import { asc, desc, eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditChainHead, auditEvents, users } from '@/server/db/schema';
import { mutate } from '@/server/services/mutate';
import { freshDatabase, type TestDatabase } from '@/server/testing/database';
import { contextFor, createUserWithSession } from '@/server/testing/fixtures';
import { canonicalRow, chainHash } from './hash';
import { chainedFields, verifyAuditChain } from './verify';

async function appendEvents(t: TestDatabase, n: number) {
  const admin = await createUserWithSession(t.db, ['admin']);
  const ctx = contextFor(t.db, admin);
  for (let i = 0; i < n; i++) {
    await mutate(ctx, ({ audit }) => audit({ action: 'user.roles_changed', entityType: 'user', entityId: admin.id, before: { roles: [] }, after: { roles: ['admin'], i } }));
  }
  return admin;
}

/** drizzle wraps driver errors ("Failed query: ..."); the database's own message is the cause. */
async function rejection(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    const e = err as Error & { cause?: Error };
    return `${e.message} ${e.cause?.message ?? ''}`;
  }
  return 'no error';
}

/** Tampering "behind the app's back": a superuser switching off the append-only triggers. */
async function asSuperuser(t: TestDatabase, statement: ReturnType<typeof sql>) {
  await t.db.transaction(async (tx) => {
    await tx.execute(sql`alter table audit_events disable trigger user`);
    await tx.execute(statement);
    await tx.execute(sql`alter table audit_events enable trigger user`);
  });
}

describe('audit trail', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase();
  });
  afterAll(async () => t.close());

  it('keeps the chain contiguous and unforked under concurrent writers', async () => {
    const admin = await createUserWithSession(t.db, ['admin']);
    const ctx = contextFor(t.db, admin);
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        mutate(ctx, ({ audit }) => audit({ action: 'user.created', entityType: 'user', entityId: `u${i}`, after: { n: i } })),
      ),
    );
    const rows = await t.db.select().from(auditEvents).orderBy(asc(auditEvents.seq));
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
    rows.forEach((row, i) => {
      if (i > 0) expect(row.prevHash).toBe(rows[i - 1]?.hash);
    });
    const result = await verifyAuditChain(t.db);
    expect(result).toMatchObject({ ok: true, count: rows.length, headSeq: rows.length, headHash: rows.at(-1)?.hash });
  });

  it('appends every row a change records, in order, each hashed as an export re-checks it', async () => {
    const admin = await createUserWithSession(t.db, ['admin']);
    const ctx = contextFor(t.db, admin);
    const [before] = await t.db.select().from(auditChainHead);
    await mutate(ctx, async ({ audit }) => {
      await audit({ action: 'user.created', entityType: 'user', entityId: 'first', after: { text: 'quote " backslash \\ newline \n tab \t emoji 🦜' } });
      await audit({ action: 'user.disabled', entityType: 'user', entityId: 'second', reason: 'ünïcode reason' });
      await audit({ action: 'user.roles_changed', entityType: 'user', entityId: 'third', before: { roles: [] }, after: { roles: ['ops'] } });
    });
    const rows = await t.db.select().from(auditEvents).where(sql`${auditEvents.seq} > ${before?.seq ?? 0}`).orderBy(asc(auditEvents.seq));
    expect(rows.map((r) => r.entityId)).toEqual(['first', 'second', 'third']);
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3].map((i) => Number(before?.seq ?? 0) + i));
    expect(rows[0]?.prevHash).toBe(before?.hash);
    expect(rows[0]?.after).toEqual({ text: 'quote " backslash \\ newline \n tab \t emoji 🦜' });
    for (const r of rows) {
      expect(r.canonical).toBe(canonicalRow(chainedFields(r)));
      expect(r.hash).toBe(chainHash(chainedFields(r)));
    }
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it('records the actor with name and roles, the request, and the changed fields', async () => {
    const admin = await createUserWithSession(t.db, ['admin', 'auditor'], { name: 'Grace Hopper' });
    const ctx = contextFor(t.db, admin);
    await mutate(ctx, ({ audit }) =>
      audit({ action: 'user.roles_changed', entityType: 'user', entityId: 'x', before: { roles: ['ops'], name: 'a' }, after: { roles: ['ops', 'auditor'], name: 'a' }, reason: 'covering leave' }),
    );
    const [row] = await t.db.select().from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1);
    if (!row) throw new Error('no audit row');
    expect(row).toMatchObject({
      actorType: 'user',
      actorId: admin.id,
      actorName: 'Grace Hopper',
      actorRoles: ['admin', 'auditor'],
      changedFields: ['roles'],
      reason: 'covering leave',
      requestId: ctx.request.requestId,
      ip: '198.51.100.7',
      userAgent: 'vitest',
    });
    expect(row.hash).toBe(chainHash(chainedFields(row)));
    expect(row.occurredAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('refuses UPDATE, DELETE and TRUNCATE in the database itself', async () => {
    await appendEvents(t, 1);
    expect(await rejection(t.db.execute(sql`update audit_events set canonical = canonical`))).toMatch(/append-only: UPDATE refused/);
    expect(await rejection(t.db.execute(sql`delete from audit_events`))).toMatch(/append-only: DELETE refused/);
    expect(await rejection(t.db.execute(sql`truncate audit_events`))).toMatch(/append-only: TRUNCATE refused/);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it('rolls the change back when its audit row cannot be written', async () => {
    const admin = await createUserWithSession(t.db, ['admin']);
    const ctx = contextFor(t.db, admin);
    const email = `rollback-${Date.now()}@test.modelgate.local`;
    const [before] = await t.db.select().from(auditChainHead);
    await expect(
      mutate(ctx, async ({ tx, audit }) => {
        await tx.insert(users).values({ email, name: 'Rolled Back', roles: [] });
        // entityId is NOT NULL: the audit insert fails, and so must the user insert.
        await audit({ action: 'user.created', entityType: 'user', entityId: null as unknown as string });
      }),
    ).rejects.toThrow();
    expect(await t.db.select().from(users).where(eq(users.email, email))).toHaveLength(0);
    expect(await t.db.select().from(auditChainHead)).toEqual([before]);
  });
});

describe('audit verification catches tampering', () => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await freshDatabase();
    await appendEvents(t, 10);
  });
  afterEach(async () => t.close());

  it('reports an edited row by its sequence number', async () => {
    await asSuperuser(t, sql`update audit_events set canonical = replace(canonical, '"reason":null', '"reason":"nothing to see"') where seq = 4`);
    const [edited] = await t.db.select().from(auditEvents).where(eq(auditEvents.seq, 4));
    expect(edited?.reason).toBe('nothing to see');
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, firstBrokenSeq: 4, count: 3 });
  });

  it('has no column that can be changed apart from the hashed text', async () => {
    const message = await rejection(asSuperuser(t, sql`update audit_events set reason = 'x' where seq = 3`));
    expect(message).toMatch(/can only be updated to DEFAULT/);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it('reports a deleted middle row', async () => {
    await asSuperuser(t, sql`delete from audit_events where seq = 6`);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, firstBrokenSeq: 6, count: 5 });
  });

  it('reports a cut tail', async () => {
    await asSuperuser(t, sql`delete from audit_events where seq > 7`);
    const result = await verifyAuditChain(t.db);
    expect(result).toMatchObject({ ok: false, firstBrokenSeq: 8, count: 7 });
    if (!result.ok) expect(result.problem).toMatch(/cut/);
  });

  it('reports a re-hashed row whose successor no longer links to it', async () => {
    const [row] = await t.db.select().from(auditEvents).where(eq(auditEvents.seq, 5));
    if (!row) throw new Error('missing row');
    // A careful forger rewrites the row, its canonical text and its hash consistently...
    const forged = { ...chainedFields(row), reason: 'forged' };
    await asSuperuser(t, sql`update audit_events set canonical = ${canonicalRow(forged)}, hash = ${chainHash(forged)} where seq = 5`);
    // ...and is caught by the next link.
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, firstBrokenSeq: 6 });
  });
});

import { TRPCError } from '@trpc/server';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSessionUser } from '@/server/auth/sessions';
import { connect, EMBEDDED_POOL_MAX, type Database } from '@/server/db/connect';
import { auditEvents, signInThrottles } from '@/server/db/schema';
import { ForbiddenError, TooManyRequestsError, UnauthorizedError } from '@/server/errors';
import { freshDatabase, type TestDatabase } from '@/server/testing/database';
import { contextFor, createUserWithSession } from '@/server/testing/fixtures';
import { createCallerFactory } from '@/server/trpc/init';
import { appRouter } from '@/server/trpc/routers/_app';
import type { ServiceContext } from '../context';
import { setUserDisabled } from '../users/set-user-disabled';
import { signInWithPassword } from './sign-in';
import { clearSignInThrottle, listSignInThrottles } from './sign-in-throttles';
import { signOut } from './sign-out';

// The limits below are README's defaults ("People, roles and sessions"): 5 failures per account
// from one address, 30 per address, 20 per account from addresses it never signed in from; the
// first wait is 30 s and doubles with each further failure.
let t: TestDatabase;
let second: { db: Database; close: () => Promise<void> };
beforeAll(async () => {
  t = await freshDatabase();
  // A second app instance: its own pool on the same database.
  second = connect(t.url, { max: t.kind === 'pglite' ? EMBEDDED_POOL_MAX : 4 });
});
afterAll(async () => {
  await second.close();
  await t.close();
});

const PASSWORD = 'correct horse battery staple';
const fromIp = (ip: string, db: Database = t.db): ServiceContext => ({ ...contextFor(db, null), request: { requestId: 'r', ip, userAgent: 'vitest' } });
const lastAudit = async () => (await t.db.select().from(auditEvents).orderBy(sql`${auditEvents.seq} desc`).limit(1))[0];
const auditOf = async (email: string) =>
  (await t.db.select().from(auditEvents).where(sql`${auditEvents.after}->>'email' = ${email}`).orderBy(asc(auditEvents.seq))).map((r) => ({ action: r.action, ip: r.ip, after: r.after }));
const signIn = (ctx: ServiceContext, email: string, password: string) => signInWithPassword({ ctx, input: { email, password } });

describe('password sign-in', () => {
  it('opens a server-side session and audits the sign-in', async () => {
    const user = await createUserWithSession(t.db, ['approver'], { password: PASSWORD });
    const signedIn = await signIn(fromIp('203.0.113.1'), user.email.toUpperCase(), PASSWORD);
    expect(signedIn).toMatchObject({ id: user.id, roles: ['approver'] });
    expect(await loadSessionUser(t.db, signedIn.sessionId ?? '')).toMatchObject({ id: user.id });
    expect(await lastAudit()).toMatchObject({ action: 'auth.signed_in', entityId: user.id, actorId: user.id, ip: '203.0.113.1' });

    await signOut({ ctx: fromIp('203.0.113.1'), input: { sessionId: signedIn.sessionId ?? '' } });
    expect(await loadSessionUser(t.db, signedIn.sessionId ?? '')).toBeNull();
    expect(await lastAudit()).toMatchObject({ action: 'auth.signed_out', actorId: user.id });
  });

  it('refuses a wrong password with one message for unknown and known emails, and audits the failure', async () => {
    const user = await createUserWithSession(t.db, ['ops'], { password: PASSWORD });
    await expect(signIn(fromIp('203.0.113.2'), user.email, 'wrong password')).rejects.toThrow('Email or password is incorrect.');
    expect(await lastAudit()).toMatchObject({ action: 'auth.sign_in_failed', entityId: user.id, after: { reason: 'wrong_password' } });
    await expect(signIn(fromIp('203.0.113.2'), 'ghost@example.com', 'x')).rejects.toThrow('Email or password is incorrect.');
  });

  it('refuses a disabled account', async () => {
    const admin = await createUserWithSession(t.db, ['admin']);
    await createUserWithSession(t.db, ['admin']);
    const user = await createUserWithSession(t.db, ['ops'], { password: PASSWORD });
    await setUserDisabled({ ctx: contextFor(t.db, admin), input: { userId: user.id, disabled: true } });
    await expect(signIn(fromIp('203.0.113.40'), user.email, PASSWORD)).rejects.toThrow(/disabled/);
  });
});

describe('sign-in throttling', () => {
  it('slows down the guessing address, not the owner: five wrong passwords from A, then A waits while B signs in', async () => {
    const owner = await createUserWithSession(t.db, ['ops'], { password: PASSWORD });
    const attacker = fromIp('192.0.2.10');
    for (let i = 0; i < 5; i++) await expect(signIn(attacker, owner.email, `guess ${i}`)).rejects.toThrow(UnauthorizedError);
    // Even the right password waits from A: a refusal cannot tell a right guess from a wrong one.
    const refused = signIn(attacker, owner.email, PASSWORD);
    await expect(refused).rejects.toThrow(TooManyRequestsError);
    await expect(refused).rejects.toThrow(/Too many failed sign-in attempts for this account from your network address\. Try again in \d+ seconds\./);
    const err = await signIn(attacker, owner.email, 'guess 6').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TooManyRequestsError);
    expect((err as TooManyRequestsError).retryAfterSeconds).toBeGreaterThan(0);
    expect((err as TooManyRequestsError).retryAfterSeconds).toBeLessThanOrEqual(30);
    // The owner, from an address never seen before, is not affected.
    await expect(signIn(fromIp('192.0.2.11'), owner.email, PASSWORD)).resolves.toMatchObject({ id: owner.id });

    // Every refused attempt and the delay are in the audit trail, with the address they came from.
    const trail = await auditOf(owner.email);
    expect(trail.filter((r) => r.action === 'auth.sign_in_failed' && r.ip === '192.0.2.10')).toHaveLength(5);
    expect(trail.filter((r) => r.action === 'auth.sign_in_throttled' && r.ip === '192.0.2.10')).toHaveLength(2);
    expect(trail.find((r) => r.action === 'auth.throttle_applied')).toMatchObject({ ip: '192.0.2.10', after: { scope: 'account_address', failures: 5, email: owner.email } });
  });

  it('an attacker spreading guesses over many addresses slows the account down for new addresses, but the owner signs in from a known one', async () => {
    const owner = await createUserWithSession(t.db, ['admin'], { password: PASSWORD });
    await signIn(fromIp('198.51.100.200'), owner.email, PASSWORD); // the owner's usual address
    for (let i = 0; i < 25; i++) {
      const err = await signIn(fromIp(`192.0.2.${100 + i}`), owner.email, `guess ${i}`).catch((e: unknown) => e);
      expect(err instanceof UnauthorizedError || err instanceof TooManyRequestsError).toBe(true);
    }
    // A new address now waits (the per-account counter) ...
    await expect(signIn(fromIp('192.0.2.250'), owner.email, PASSWORD)).rejects.toThrow(/Too many failed sign-in attempts for this account\./);
    // ... while the owner's known address goes straight through, on either instance.
    await expect(signIn(fromIp('198.51.100.200', second.db), owner.email, PASSWORD)).resolves.toMatchObject({ id: owner.id });
    const trail = await auditOf(owner.email);
    expect(trail.filter((r) => r.action === 'auth.sign_in_failed')).toHaveLength(20);
    expect(trail.find((r) => r.action === 'auth.throttle_applied' && (r.after as { scope: string }).scope === 'account')).toMatchObject({ after: { failures: 20 } });
    expect(trail.filter((r) => r.action === 'auth.sign_in_throttled').length).toBeGreaterThanOrEqual(6);
  });

  it('shares the counters between two instances: failures on one slow the address down on the other', async () => {
    const owner = await createUserWithSession(t.db, ['ops'], { password: PASSWORD });
    for (let i = 0; i < 5; i++) {
      const ctx = fromIp('192.0.2.60', i % 2 === 0 ? t.db : second.db);
      await expect(signIn(ctx, owner.email, `guess ${i}`)).rejects.toThrow(UnauthorizedError);
    }
    await expect(signIn(fromIp('192.0.2.60', second.db), owner.email, PASSWORD)).rejects.toThrow(TooManyRequestsError);
    await expect(signIn(fromIp('192.0.2.60', t.db), owner.email, PASSWORD)).rejects.toThrow(TooManyRequestsError);
  });

  it('counts concurrent guesses before checking them, so a burst gets no more than the limit', async () => {
    const owner = await createUserWithSession(t.db, ['ops'], { password: PASSWORD });
    // Both instances at once on real Postgres; PGlite is one backend that serialises one pool only.
    const instance = (i: number) => (i % 2 && t.kind === 'postgres' ? second.db : t.db);
    const results = await Promise.allSettled(Array.from({ length: 16 }, (_, i) => signIn(fromIp('192.0.2.70', instance(i)), owner.email, `burst ${i}`)));
    const reasons = results.map((r) => (r.status === 'rejected' ? r.reason : r.value));
    expect(reasons.filter((e) => e instanceof UnauthorizedError)).toHaveLength(5);
    expect(reasons.filter((e) => e instanceof TooManyRequestsError)).toHaveLength(11);
  });

  it('doubles the wait with each failure past the limit', async () => {
    const owner = await createUserWithSession(t.db, ['ops'], { password: PASSWORD });
    const ctx = fromIp('192.0.2.80');
    for (let i = 0; i < 5; i++) await expect(signIn(ctx, owner.email, `guess ${i}`)).rejects.toThrow(UnauthorizedError);
    const key = and(eq(signInThrottles.scope, 'account_address'), eq(signInThrottles.key, `${owner.email} 192.0.2.80`));
    // The first wait has passed: one more guess is checked, and the next wait is twice as long.
    await t.db.update(signInThrottles).set({ blockedUntil: sql`now() - interval '1 second'` }).where(key);
    await expect(signIn(ctx, owner.email, 'guess 5')).rejects.toThrow(UnauthorizedError);
    const err = (await signIn(ctx, owner.email, 'guess 6').catch((e: unknown) => e)) as TooManyRequestsError;
    expect(err).toBeInstanceOf(TooManyRequestsError);
    expect(err.retryAfterSeconds).toBeGreaterThan(30);
    expect(err.retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it('slows down one address guessing across many accounts, and only that address', async () => {
    const ctx = fromIp('192.0.2.50');
    for (let i = 0; i < 30; i++) await expect(signIn(ctx, `spray${i}@example.com`, 'Winter2026!')).rejects.toThrow(UnauthorizedError);
    const victim = await createUserWithSession(t.db, ['admin'], { password: PASSWORD });
    await expect(signIn(ctx, victim.email, PASSWORD)).rejects.toThrow(/from your network address/);
    await expect(signIn(fromIp('192.0.2.51'), victim.email, PASSWORD)).resolves.toMatchObject({ id: victim.id });
  });

  it('admins see the counters and clear one, audited; other roles may do neither', async () => {
    const admin = await createUserWithSession(t.db, ['admin']);
    const owner = await createUserWithSession(t.db, ['ops'], { password: PASSWORD });
    const ctx = fromIp('192.0.2.90');
    for (let i = 0; i < 5; i++) await expect(signIn(ctx, owner.email, `guess ${i}`)).rejects.toThrow(UnauthorizedError);
    await expect(signIn(ctx, owner.email, PASSWORD)).rejects.toThrow(TooManyRequestsError);

    const listed = await listSignInThrottles({ ctx: contextFor(t.db, admin), input: undefined });
    const row = listed.find((r) => r.scope === 'account_address' && r.email === owner.email);
    expect(row).toMatchObject({ ip: '192.0.2.90', failures: 5, waiting: true });

    for (const role of ['ops', 'auditor', 'approver', 'data_scientist', 'risk_reviewer'] as const) {
      const other = await createUserWithSession(t.db, [role]);
      await expect(listSignInThrottles({ ctx: contextFor(t.db, other), input: undefined })).rejects.toThrow(ForbiddenError);
      await expect(clearSignInThrottle({ ctx: contextFor(t.db, other), input: { scope: 'account_address', key: row?.key } })).rejects.toThrow(ForbiddenError);
    }
    await expect(clearSignInThrottle({ ctx: contextFor(t.db, null), input: { scope: 'account_address', key: row?.key } })).rejects.toThrow(UnauthorizedError);
    expect(await t.db.select().from(signInThrottles).where(inArray(signInThrottles.key, [row?.key ?? '']))).toHaveLength(1);

    await clearSignInThrottle({ ctx: contextFor(second.db, admin), input: { scope: 'account_address', key: row?.key, reason: 'Owner called the help desk' } });
    expect(await lastAudit()).toMatchObject({ action: 'auth.throttle_cleared', actorId: admin.id, entityId: `account_address:${row?.key}`, reason: 'Owner called the help desk', before: { failures: 5 } });
    await expect(signIn(ctx, owner.email, PASSWORD)).resolves.toMatchObject({ id: owner.id });
    await expect(clearSignInThrottle({ ctx: contextFor(t.db, admin), input: { scope: 'account_address', key: row?.key } })).rejects.toThrow(/already ended or been cleared/);
  });

  it('through tRPC: admins list and clear, an approver is refused and changes nothing', async () => {
    const admin = await createUserWithSession(t.db, ['admin']);
    const approver = await createUserWithSession(t.db, ['approver']);
    const owner = await createUserWithSession(t.db, ['ops'], { password: PASSWORD });
    const ctx = fromIp('192.0.2.95');
    for (let i = 0; i < 5; i++) await expect(signIn(ctx, owner.email, `guess ${i}`)).rejects.toThrow(UnauthorizedError);
    const key = `${owner.email} 192.0.2.95`;
    const refused = createCallerFactory(appRouter)(contextFor(t.db, approver));
    await expect(refused.users.signInThrottles()).rejects.toMatchObject({ code: 'FORBIDDEN' } satisfies Partial<TRPCError>);
    await expect(refused.users.clearSignInThrottle({ scope: 'account_address', key })).rejects.toMatchObject({ code: 'FORBIDDEN' } satisfies Partial<TRPCError>);
    expect(await t.db.select().from(signInThrottles).where(eq(signInThrottles.key, key))).toHaveLength(1);
    const caller = createCallerFactory(appRouter)(contextFor(t.db, admin));
    expect((await caller.users.signInThrottles()).some((r) => r.key === key && r.waiting)).toBe(true);
    await caller.users.clearSignInThrottle({ scope: 'account_address', key });
    expect(await t.db.select().from(signInThrottles).where(eq(signInThrottles.key, key))).toHaveLength(0);
  });
});

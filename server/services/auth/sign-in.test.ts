import { desc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSessionUser } from '@/server/auth/sessions';
import { auditEvents } from '@/server/db/schema';
import { TooManyRequestsError, UnauthorizedError } from '@/server/errors';
import { freshDatabase, type TestDatabase } from '@/server/testing/database';
import { contextFor, createUserWithSession } from '@/server/testing/fixtures';
import type { ServiceContext } from '../context';
import { setUserDisabled } from '../users/set-user-disabled';
import { signInWithPassword } from './sign-in';
import { signOut } from './sign-out';

let t: TestDatabase;
beforeAll(async () => {
  t = await freshDatabase();
});
afterAll(async () => t.close());

const PASSWORD = 'correct horse battery staple';
const fromIp = (ip: string): ServiceContext => ({ ...contextFor(t.db, null), request: { requestId: 'r', ip, userAgent: 'vitest' } });
const lastAudit = async () => (await t.db.select().from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1))[0];

describe('password sign-in', () => {
  it('opens a server-side session and audits the sign-in', async () => {
    const user = await createUserWithSession(t.db, ['approver'], { password: PASSWORD });
    const signedIn = await signInWithPassword({ ctx: fromIp('203.0.113.1'), input: { email: user.email.toUpperCase(), password: PASSWORD } });
    expect(signedIn).toMatchObject({ id: user.id, roles: ['approver'] });
    expect(await loadSessionUser(t.db, signedIn.sessionId ?? '')).toMatchObject({ id: user.id });
    expect(await lastAudit()).toMatchObject({ action: 'auth.signed_in', entityId: user.id, actorId: user.id, ip: '203.0.113.1' });

    await signOut({ ctx: fromIp('203.0.113.1'), input: { sessionId: signedIn.sessionId ?? '' } });
    expect(await loadSessionUser(t.db, signedIn.sessionId ?? '')).toBeNull();
    expect(await lastAudit()).toMatchObject({ action: 'auth.signed_out', actorId: user.id });
  });

  it('refuses a wrong password with one message for unknown and known emails, and audits the failure', async () => {
    const user = await createUserWithSession(t.db, ['ops'], { password: PASSWORD });
    await expect(signInWithPassword({ ctx: fromIp('203.0.113.2'), input: { email: user.email, password: 'wrong password' } })).rejects.toThrow('Email or password is incorrect.');
    expect(await lastAudit()).toMatchObject({ action: 'auth.sign_in_failed', entityId: user.id, after: { reason: 'wrong_password' } });
    await expect(signInWithPassword({ ctx: fromIp('203.0.113.2'), input: { email: 'ghost@example.com', password: 'x' } })).rejects.toThrow('Email or password is incorrect.');
  });

  it('locks an account after repeated failures, even for the right password, with a clear message', async () => {
    const user = await createUserWithSession(t.db, ['ops'], { password: PASSWORD });
    for (let i = 0; i < 5; i++) {
      await expect(signInWithPassword({ ctx: fromIp(`203.0.113.${10 + i}`), input: { email: user.email, password: `guess ${i}` } })).rejects.toThrow(UnauthorizedError);
    }
    const attempt = signInWithPassword({ ctx: fromIp('203.0.113.99'), input: { email: user.email, password: PASSWORD } });
    await expect(attempt).rejects.toThrow(TooManyRequestsError);
    await expect(attempt).rejects.toThrow(/Too many failed sign-in attempts for this account\. Try again in 15 minutes\./);
  });

  it('throttles one network address guessing across many accounts', async () => {
    const ctx = fromIp('192.0.2.50');
    for (let i = 0; i < 30; i++) {
      await expect(signInWithPassword({ ctx, input: { email: `spray${i}@example.com`, password: 'Winter2026!' } })).rejects.toThrow(UnauthorizedError);
    }
    const victim = await createUserWithSession(t.db, ['admin'], { password: PASSWORD });
    await expect(signInWithPassword({ ctx, input: { email: victim.email, password: PASSWORD } })).rejects.toThrow(/from your network address/);
    // Another address is unaffected.
    await expect(signInWithPassword({ ctx: fromIp('192.0.2.51'), input: { email: victim.email, password: PASSWORD } })).resolves.toMatchObject({ id: victim.id });
  });

  it('refuses a disabled account', async () => {
    const admin = await createUserWithSession(t.db, ['admin']);
    await createUserWithSession(t.db, ['admin']);
    const user = await createUserWithSession(t.db, ['ops'], { password: PASSWORD });
    await setUserDisabled({ ctx: contextFor(t.db, admin), input: { userId: user.id, disabled: true } });
    await expect(signInWithPassword({ ctx: fromIp('203.0.113.40'), input: { email: user.email, password: PASSWORD } })).rejects.toThrow(/disabled/);
  });
});

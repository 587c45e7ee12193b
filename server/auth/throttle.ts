// Sign-in throttling (OWASP ASVS V2.2.1): slows password guessing without letting a stranger keep an
// account's owner out. Three counters, in Postgres so every instance shares them (sign_in_throttles):
// - account_address: one email from one address;
// - address: every email from one address (password spraying);
// - account: one email from every address (guessing spread over many addresses).
// An address the account has signed in from with its password before (known_sign_in_addresses) is
// held only to its own account_address counter, so failures elsewhere never slow the owner there.
// Past a counter's threshold each failure doubles the wait (30 s, 1 min, 2 min ... up to
// LOGIN_MAX_DELAY_MINUTES): a slow-down with Retry-After, never an open-ended lock.
// An attempt is counted as a failure before its password is checked (and given back when it
// succeeds), so concurrent guesses cannot slip past a counter while the first is being verified.
import 'server-only';
import { and, eq, gt, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/server/db/connect';
import { knownSignInAddresses, signInThrottles, type SignInThrottle } from '@/server/db/schema';
import { env } from '@/server/env';
import type { AuditInput } from '@/server/audit/emit';

export type ThrottleScope = SignInThrottle['scope'];
const THROTTLE_SCOPES = ['account_address', 'address', 'account'] as const satisfies readonly ThrottleScope[];

/** One password attempt: the email as typed (lower-cased), the client address, and the account if it exists. */
export type SignInAttempt = { email: string; ip: string; userId: string | null };

const BASE_DELAY_SECONDS = 30;

function throttleKey(scope: ThrottleScope, a: Pick<SignInAttempt, 'email' | 'ip'>): string {
  return scope === 'account_address' ? `${a.email} ${a.ip}` : scope === 'address' ? a.ip : a.email;
}

/** A counter the attempt was refused by, or one a failure put under a delay. */
export type Throttled = { scope: ThrottleScope; key: string; email: string | null; ip: string | null; failures: number; blockedUntil: Date };

/** The attempt as counted: what it incremented (to give back on success), or what refused it. */
type Claim = { counted: ThrottleScope[]; refusedBy: Throttled | null; known: boolean };

const thresholdSql = (scope: unknown) =>
  sql`(case ${scope} when 'account_address' then ${env.LOGIN_MAX_FAILURES_PER_ACCOUNT_ADDRESS}::int when 'address' then ${env.LOGIN_MAX_FAILURES_PER_IP}::int else ${env.LOGIN_MAX_FAILURES_PER_ACCOUNT}::int end)`;

/** The wait after `failures` failures: none below the threshold, then doubling up to the cap. */
const blockSql = (failures: unknown, scope: unknown) =>
  sql`(case when ${failures} >= ${thresholdSql(scope)} then now() + make_interval(secs => least(${env.LOGIN_MAX_DELAY_MINUTES * 60}::float8, ${BASE_DELAY_SECONDS}::float8 * power(2::float8, least(${failures} - ${thresholdSql(scope)}, 30)))) end)`;

async function isKnownAddress(db: DbOrTx, userId: string | null, ip: string): Promise<boolean> {
  if (!userId) return false;
  const [row] = await db
    .select({ ip: knownSignInAddresses.ip })
    .from(knownSignInAddresses)
    .where(and(eq(knownSignInAddresses.userId, userId), eq(knownSignInAddresses.ip, ip), gt(knownSignInAddresses.lastSucceededAt, sql`now() - make_interval(days => ${env.LOGIN_KNOWN_ADDRESS_DAYS})`)));
  return !!row;
}

/**
 * Counts the attempt in every counter that is not waiting out a delay, in one upsert. A counter
 * quiet for LOGIN_WINDOW_MINUTES after its last failure (and its delay) starts again from one.
 * Refused when a counter that applies to this attempt is waiting; the counts it took are given back.
 */
export async function claimAttempt(db: DbOrTx, attempt: SignInAttempt): Promise<Claim> {
  const known = await isKnownAddress(db, attempt.userId, attempt.ip);
  const applies: ThrottleScope[] = known ? ['account_address'] : [...THROTTLE_SCOPES];
  const rows = THROTTLE_SCOPES.map(
    (scope) =>
      sql`(${scope}, ${throttleKey(scope, attempt)}, ${scope === 'address' ? null : attempt.email}, ${scope === 'account' ? null : attempt.ip}, 1, now(), now(), ${blockSql(sql`1`, sql`${scope}::text`)})`,
  );
  const stale = sql`greatest(t.last_failure_at, coalesce(t.blocked_until, t.last_failure_at)) < now() - make_interval(mins => ${env.LOGIN_WINDOW_MINUTES})`;
  const next = sql`(case when ${stale} then 1 else t.failures + 1 end)`;
  const counted = (await db.execute(sql`
    insert into sign_in_throttles as t (scope, key, email, ip, failures, first_failure_at, last_failure_at, blocked_until)
    values ${sql.join(rows, sql`, `)}
    on conflict (scope, key) do update set
      failures = ${next},
      first_failure_at = case when ${stale} then now() else t.first_failure_at end,
      last_failure_at = now(),
      blocked_until = ${blockSql(next, sql`t.scope`)}
    where t.blocked_until is null or t.blocked_until <= now()
    returning t.scope
  `)) as unknown as { scope: ThrottleScope }[];
  const countedScopes = counted.map((r) => r.scope);
  const waiting = applies.filter((s) => !countedScopes.includes(s));
  if (waiting.length === 0) return { counted: countedScopes, refusedBy: null, known };

  await giveBack(db, attempt, countedScopes);
  const blocked = await db
    .select()
    .from(signInThrottles)
    .where(or(...waiting.map((s) => and(eq(signInThrottles.scope, s), eq(signInThrottles.key, throttleKey(s, attempt))))));
  const longest = blocked.filter((b) => b.blockedUntil).sort((a, b) => (b.blockedUntil?.getTime() ?? 0) - (a.blockedUntil?.getTime() ?? 0))[0];
  const scope = longest?.scope ?? waiting[0] ?? 'account_address';
  return {
    counted: [],
    known,
    refusedBy: {
      scope,
      key: throttleKey(scope, attempt),
      email: longest?.email ?? null,
      ip: longest?.ip ?? null,
      failures: longest?.failures ?? 0,
      // Its delay may have ended between the two statements: then a retry goes through at once.
      blockedUntil: longest?.blockedUntil ?? new Date(),
    },
  };
}

/** Takes back the counts of an attempt that turned out right (or was refused before it was tried). */
async function giveBack(db: DbOrTx, attempt: SignInAttempt, scopes: readonly ThrottleScope[]) {
  if (scopes.length === 0) return;
  await db
    .update(signInThrottles)
    .set({
      failures: sql`greatest(${signInThrottles.failures} - 1, 0)`,
      blockedUntil: sql`case when ${signInThrottles.failures} - 1 >= ${thresholdSql(signInThrottles.scope)} then ${signInThrottles.blockedUntil} end`,
    })
    .where(or(...scopes.map((s) => and(eq(signInThrottles.scope, s), eq(signInThrottles.key, throttleKey(s, attempt))))));
}

/** The counters a failed attempt left waiting, for the audit trail. */
export async function throttlesAfterFailure(db: DbOrTx, attempt: SignInAttempt, claim: Claim): Promise<Throttled[]> {
  if (claim.counted.length === 0) return [];
  const rows = await db
    .select()
    .from(signInThrottles)
    .where(or(...claim.counted.map((s) => and(eq(signInThrottles.scope, s), eq(signInThrottles.key, throttleKey(s, attempt))))));
  return rows.flatMap((r) => (r.blockedUntil && r.blockedUntil > new Date() ? [{ scope: r.scope, key: r.key, email: r.email, ip: r.ip, failures: r.failures, blockedUntil: r.blockedUntil }] : []));
}

/** A correct password: its counts are given back, its own account+address counter cleared, its address remembered. */
export async function recordSuccess(db: DbOrTx, attempt: SignInAttempt & { userId: string }, claim: Claim) {
  await giveBack(db, attempt, claim.counted.filter((s) => s !== 'account_address'));
  await db.delete(signInThrottles).where(and(eq(signInThrottles.scope, 'account_address'), eq(signInThrottles.key, throttleKey('account_address', attempt))));
  await db
    .insert(knownSignInAddresses)
    .values({ userId: attempt.userId, ip: attempt.ip })
    .onConflictDoUpdate({ target: [knownSignInAddresses.userId, knownSignInAddresses.ip], set: { lastSucceededAt: sql`now()` } });
}

export function retryAfterSeconds(t: Throttled): number {
  return Math.max(1, Math.ceil((t.blockedUntil.getTime() - Date.now()) / 1000));
}

/** The refusal's message: what is slowed down and for how long. */
export function throttledMessage(t: Throttled): string {
  const seconds = retryAfterSeconds(t);
  const wait = seconds < 90 ? `${seconds} second${seconds === 1 ? '' : 's'}` : `${Math.ceil(seconds / 60)} minutes`;
  const what = t.scope === 'address' ? 'from your network address' : t.scope === 'account' ? 'for this account' : 'for this account from your network address';
  return `Too many failed sign-in attempts ${what}. Try again in ${wait}.`;
}

/** Audit rows for a refusal by a waiting counter and for counters a failure put under a delay. */
export const throttleAudit = {
  refused: (t: Throttled, attempt: SignInAttempt, actor: AuditInput['actor']): AuditInput => ({
    action: 'auth.sign_in_throttled',
    entityType: 'user',
    entityId: attempt.userId ?? attempt.email,
    after: { email: attempt.email, scope: t.scope, blockedUntil: t.blockedUntil.toISOString() },
    actor,
  }),
  applied: (t: Throttled, actor: AuditInput['actor']): AuditInput => ({
    action: 'auth.throttle_applied',
    entityType: 'sign_in_throttle',
    entityId: `${t.scope}:${t.key}`,
    after: { scope: t.scope, email: t.email, ip: t.ip, failures: t.failures, blockedUntil: t.blockedUntil.toISOString() },
    actor,
  }),
};

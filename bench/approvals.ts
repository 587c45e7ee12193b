// Release decision latency on a real Postgres (BENCH_DATABASE_URL, default the local server):
// 20 signers sign the same release request at once, each signature counting towards a quorum of 20,
// so the last one also releases (alias move, supersession, audit rows). Reported:
//  1. decision latency (signature + separation of duties + gates + quorum + release), p50/p95/p99,
//     with single-sign-on signers, whose re-authentication is a session-age check with no hashing;
//  2. the same with password signers (argon2id at production parameters), and the hashing alone
//     at the same concurrency, so the two can be told apart.
// Usage: npm run bench:approvals   (creates and drops its own database)
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { hashPassword, verifyPassword } from '@/server/auth/password';
import { createSession } from '@/server/auth/sessions';
import { connect } from '@/server/db/connect';
import { runMigrations } from '@/server/db/migrate';
import { users } from '@/server/db/schema';
import { createMemoryBus } from '@/server/events/memory-bus';
import type { Role } from '@/lib/roles';
import { createVersion } from '@/server/services/catalog/create-version';
import { registerModel } from '@/server/services/catalog/register-model';
import type { ServiceContext, SessionUser } from '@/server/services/context';
import { meaningOf } from '@/server/services/releases/request-state';
import { setModelReleaseRules, setTierPolicy } from '@/server/services/releases/policies';
import { createReleaseRequest } from '@/server/services/releases/request-release';
import { signDecision } from '@/server/services/releases/sign-decision';
import { DEFAULT_TIER_POLICIES } from '@/lib/releases/policy';
import { tfjsModelFiles } from '@/server/testing/tfjs-fixture';

const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 50);
const PASSWORD_ROUNDS = Number(process.env.BENCH_PASSWORD_ROUNDS ?? 5);
const SIGNERS = 20;
const PASSWORD = 'bench-password-for-signers';

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const line = (label: string, xs: number[]) =>
  console.log(`${label.padEnd(58)} n=${String(xs.length).padStart(4)}  p50 ${pct(xs, 50).toFixed(1).padStart(6)} ms  p95 ${pct(xs, 95).toFixed(1).padStart(6)} ms  p99 ${pct(xs, 99).toFixed(1).padStart(6)} ms  max ${Math.max(...xs).toFixed(1).padStart(6)} ms`);

const name = `modelgate_bench_${randomBytes(4).toString('hex')}`;
const admin = postgres(base, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${name}`);
const url = new URL(base);
url.pathname = `/${name}`;
// The app's default pool size.
const { db, close } = connect(url.toString(), { max: 10 });
const bus = createMemoryBus();
const ctxFor = (user: SessionUser): ServiceContext => ({ db, bus, user, request: { requestId: `bench-${randomBytes(4).toString('hex')}`, ip: '127.0.0.1', userAgent: 'bench' } });

async function person(roles: Role[], label: string, passwordHash: string | null): Promise<SessionUser> {
  const [row] = await db.insert(users).values({ email: `${label}@bench.modelgate.local`, name: label, roles, passwordHash }).returning();
  if (!row) throw new Error('no user');
  const sessionId = await createSession(db, row.id, passwordHash ? 'credentials' : 'oidc', { requestId: 'bench', ip: null, userAgent: null });
  return { id: row.id, email: row.email, name: row.name, roles: row.roles, sessionId };
}

try {
  await runMigrations(db);
  const hash = await hashPassword(PASSWORD);
  const adminUser = await person(['admin'], 'bench-admin', null);
  const scientist = await person(['data_scientist'], 'bench-scientist', null);
  const sso = await Promise.all(Array.from({ length: SIGNERS }, (_, i) => person([i % 2 ? 'risk_reviewer' : 'approver'], `sso-signer-${i}`, null)));
  const pw = await Promise.all(Array.from({ length: SIGNERS }, (_, i) => person([i % 2 ? 'risk_reviewer' : 'approver'], `password-signer-${i}`, hash)));

  await setTierPolicy({ ctx: ctxFor(adminUser), input: { riskTier: 'low', policy: { ...DEFAULT_TIER_POLICIES.low, requireModelCard: false, requireEvaluation: false } } });
  const model = await registerModel({ ctx: ctxFor(scientist), input: { name: 'Bench Release Model', ownerTeam: 'Bench', taskType: 'binary_classification', riskTier: 'low' } });
  // Ten approvers and ten risk reviewers: every one of the 20 signatures counts, the 20th releases.
  await setModelReleaseRules({
    ctx: ctxFor(adminUser),
    input: { modelId: model.id, rules: { approvals: [{ role: 'approver', count: 10 }, { role: 'risk_reviewer', count: 10 }], requireModelCard: false, requireEvaluation: false, evaluationDatasetName: null, thresholds: [], rejectUnverifiedEvaluations: false } },
  });

  async function round(signers: SessionUser[], withPassword: boolean, sequential = false) {
    const v = await createVersion({ ctx: ctxFor(scientist), input: { modelId: model.id, files: tfjsModelFiles({ seed: Math.random() * 1e6 }).files, metadata: {} } });
    const request = await createReleaseRequest({
      ctx: ctxFor(scientist),
      input: { modelId: model.id, version: v.version, alias: 'production', changeSummary: 'bench', expectedImpact: 'bench', rollbackPlan: 'bench' },
    });
    const meaning = meaningOf('approve', request, model.name);
    const one = async (s: SessionUser) => {
        const t0 = performance.now();
        const result = await signDecision({ ctx: ctxFor(s), input: { requestId: request.id, decision: 'approve', reason: 'bench', meaning, ...(withPassword ? { password: PASSWORD } : {}) } });
        return { ms: performance.now() - t0, released: result.request.state === 'released' };
    };
    const times: { ms: number; released: boolean }[] = [];
    if (sequential) for (const s of signers) times.push(await one(s));
    else times.push(...(await Promise.all(signers.map(one))));
    if (times.filter((x) => x.released).length !== 1) throw new Error('expected exactly one releasing signature');
    return times;
  }

  // Warm-up.
  await round(sso, false);
  const all: number[] = [];
  const releasing: number[] = [];
  const t0 = performance.now();
  for (let r = 0; r < ROUNDS; r++) {
    for (const x of await round(sso, false)) {
      all.push(x.ms);
      if (x.released) releasing.push(x.ms);
    }
  }
  const seconds = (performance.now() - t0) / 1000;

  const alone: number[] = [];
  for (let r = 0; r < 5; r++) for (const x of await round(sso, false, true)) alone.push(x.ms);

  const withPw: number[] = [];
  for (let r = 0; r < PASSWORD_ROUNDS; r++) for (const x of await round(pw, true)) withPw.push(x.ms);
  const hashing: number[] = [];
  for (let r = 0; r < PASSWORD_ROUNDS; r++) {
    await Promise.all(
      Array.from({ length: SIGNERS }, async () => {
        const h0 = performance.now();
        await verifyPassword(hash, PASSWORD);
        hashing.push(performance.now() - h0);
      }),
    );
  }

  console.log(`release decisions, ${SIGNERS} concurrent signers per request, quorum ${SIGNERS}, ${ROUNDS} requests, real Postgres, pool 10`);
  line('decision latency (no password hashing: SSO re-auth)', all);
  line('  the releasing (20th) decision', releasing);
  line('  one signer at a time (no queue)', alone);
  console.log(`  throughput ${((ROUNDS * SIGNERS) / seconds).toFixed(0)} signatures/s`);
  line('decision latency with password re-entry (argon2id 19 MiB, t=2)', withPw);
  line('  password hashing alone, 20 at once', hashing);
} finally {
  await close();
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
}

// scripts/db-roles.sql on a real Postgres: migrations run as a dedicated owner role, the app runs
// as the role the script sets up, and that role can do the app's work but cannot rewrite the
// audit trail or migrate. Needs a superuser URL in TEST_DATABASE_URL (or DATABASE_URL).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitAudit } from '@/server/audit/emit';
import { verifyAuditChain } from '@/server/audit/verify';
import { auditEvents, sessions, users } from '@/server/db/schema';
import { ensureEventPartitions, maintainEventPartitions } from '@/server/services/monitoring/partitions';
import { createQueueClient, queueDb, WEBHOOK_DELIVERY_QUEUE } from '@/server/jobs/queue';
import { createUser } from '@/server/services/users/create-user';
import { serverUrl } from '@/server/testing/database';
import { contextFor, createUserWithSession } from '@/server/testing/fixtures';
import { connect, type Database } from './connect';
import { pendingMigrations, requireMigrated, roleSetupStale, runMigrations } from './migrate';

const base = serverUrl();

/** psql's own interpolation of -v variables: :'name' is a quoted literal, :"name" a quoted identifier. */
function withPsqlVariables(script: string, vars: Record<string, string>) {
  return script.replace(/:'(\w+)'|:"(\w+)"/g, (_, literal: string | undefined, ident: string | undefined) => {
    const value = vars[(literal ?? ident) as string];
    if (value === undefined) throw new Error(`db-roles.sql uses a variable the test does not give: ${literal ?? ident}`);
    return literal ? `'${value.replace(/'/g, "''")}'` : `"${value.replace(/"/g, '""')}"`;
  });
}

function urlFor(database: string, user?: { name: string; password: string }) {
  const url = new URL(base as string);
  url.pathname = `/${database}`;
  if (user) {
    url.username = user.name;
    url.password = user.password;
  }
  return url.toString();
}

/** The database's own error behind drizzle's "Failed query" wrapper: code and message. */
async function refusal(promise: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await promise;
  } catch (err) {
    const e = ((err as { cause?: unknown }).cause ?? err) as { code?: string; message: string };
    return { code: e.code, message: e.message };
  }
  return { message: 'no error' };
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');

describe.skipIf(!base)('least-privilege roles on real Postgres (scripts/db-roles.sql)', () => {
  const suffix = `${Date.now()}_${randomBytes(4).toString('hex')}`;
  const name = `modelgate_roles_${suffix}`;
  const owner = { name: `modelgate_owner_${suffix}`, password: randomBytes(12).toString('hex') };
  // A name that needs quoting and a password with a quote in it: the script must quote both.
  const app = { name: `Modelgate App ${suffix}`, password: `pw'${randomBytes(12).toString('hex')}` };
  let admin: postgres.Sql;
  let ownerDb: ReturnType<typeof connect>;
  let appDb: ReturnType<typeof connect>;
  let db: Database;
  /** A day past retention, made by the owner as the migrations' own function would. */
  const oldPartition = () => ownerDb.db.execute(sql`select modelgate_ensure_event_partitions((now() - interval '400 days')::date, (now() - interval '400 days')::date)`);

  beforeAll(async () => {
    admin = postgres(base as string, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create role ${owner.name} login password '${owner.password}'`);
    await admin.unsafe(`create database ${name} owner ${owner.name}`);
    ownerDb = connect(urlFor(name, owner), { max: 2 });
    await runMigrations(ownerDb.db);

    const script = withPsqlVariables(readFileSync(path.join(process.cwd(), 'scripts/db-roles.sql'), 'utf8'), { app_role: app.name, app_password: app.password });
    const superuser = postgres(urlFor(name), { max: 1, onnotice: () => {} });
    try {
      await superuser.unsafe(script).simple();
      await superuser.unsafe(script).simple(); // idempotent: a second run changes nothing and fails nothing
    } finally {
      await superuser.end();
    }
    appDb = connect(urlFor(name, app), { max: 4 });
    db = appDb.db;
  });

  afterAll(async () => {
    await appDb?.close();
    await ownerDb?.close();
    if (!admin) return;
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.unsafe(`drop role if exists "${app.name}"`);
    await admin.unsafe(`drop role if exists ${owner.name}`);
    await admin.end();
  });

  it('connects as a plain role that is not the owner', async () => {
    const [who] = await db.execute<{ user: string; superuser: boolean }>(sql`select current_user as user, rolsuper as superuser from pg_roles where rolname = current_user`);
    expect(who).toEqual({ user: app.name, superuser: false });
  });

  it('does the app work: service verbs and plain writes, with their audit rows', async () => {
    const person = await createUserWithSession(db, ['admin']);
    const created = await createUser({ ctx: contextFor(db, person), input: { email: `roles-${suffix}@test.modelgate.local`, name: 'Rena Roles', roles: ['ops'] } });
    await db.update(users).set({ name: 'Rena R. Roles' }).where(eq(users.id, created.user.id));
    await db.delete(sessions).where(eq(sessions.userId, person.id));

    const [row] = await db.select().from(auditEvents).where(eq(auditEvents.entityId, created.user.id));
    expect(row).toMatchObject({ action: 'user.created', actorId: person.id });
    const appended = await db.transaction((tx) => emitAudit(tx, contextFor(db, person), { action: 'user.disabled', entityType: 'user', entityId: created.user.id, reason: 'roles test' }));
    expect(appended.seq).toBe((row?.seq ?? 0) + 1);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, count: appended.seq, headHash: appended.hash });
  });

  it('is refused UPDATE, DELETE and TRUNCATE on audit_events by privilege, before any trigger', async () => {
    for (const statement of [sql`update audit_events set hash = 'edited'`, sql`delete from audit_events`, sql`truncate audit_events`]) {
      const e = await refusal(db.execute(statement));
      expect(e.code).toBe('42501');
      // The trigger raises the same code with its own message; this is the privilege check's.
      expect(e.message).toMatch(/permission denied for table audit_events/);
    }
    // The owner holds the privilege, so it is the trigger that stops it.
    expect((await refusal(ownerDb.db.execute(sql`delete from audit_events`))).message).toMatch(/append-only/);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
    expect((await db.select().from(auditEvents).where(eq(auditEvents.hash, 'edited'))).length).toBe(0);
  });

  it('runs the scheduler partition job: creates the days ahead and drops days past retention', async () => {
    const old = `prediction_events_${day(-400)}`;
    await oldPartition();
    const result = await maintainEventPartitions(db);
    expect(result.dropped).toBeGreaterThanOrEqual(1);
    const parts = await db.execute<{ relname: string; owner: string }>(
      sql`select c.relname, pg_get_userbyid(c.relowner) as owner from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = 'prediction_events'::regclass`,
    );
    const names = parts.map((p) => p.relname);
    expect(names).toEqual(expect.arrayContaining([`prediction_events_${day(0)}`, `prediction_events_${day(1)}`, `prediction_events_${day(2)}`]));
    expect(names).not.toContain(old);
    // Created as the owner, readable by the app through the default privileges.
    expect(new Set(parts.map((p) => p.owner))).toEqual(new Set([owner.name]));
    await db.execute(sql.raw(`select count(*) from prediction_events_${day(1)}`));
  });

  it('creates the partition for a new day on the ingestion path', async () => {
    await ensureEventPartitions(db, [new Date(Date.now() + 5 * 86_400_000)]);
    const [found] = await db.execute<{ present: boolean }>(sql`select to_regclass(${`prediction_events_${day(5)}`}) is not null as present`);
    expect(found?.present).toBe(true);
  });

  it('cannot create objects or migrate, and a start without migrating sees the schema is current', async () => {
    expect((await refusal(db.execute(sql`create table app_made (id int)`))).code).toBe('42501');
    expect((await refusal(runMigrations(db, { exclusive: false }))).message).toMatch(/permission denied/);
    expect(await pendingMigrations(db)).toBe(0);
    await expect(requireMigrated(db)).resolves.toBeUndefined();
    expect(await roleSetupStale(ownerDb.db)).toBe(false);
  });

  it('works the job queue the owner installed, without migrating it: sends in its own transaction, fetches, retries, maintains', async () => {
    const queue = createQueueClient(db, { migrate: false, supervise: false });
    await queue.start(); // checks pg-boss's schema version instead of migrating
    try {
      const id = await db.transaction((tx) => queue.send(WEBHOOK_DELIVERY_QUEUE.name, { deliveryId: 'roles-test' }, { db: queueDb(tx), retryDelay: 1 }));
      const [job] = await queue.fetch<{ deliveryId: string }>(WEBHOOK_DELIVERY_QUEUE.name, { ignoreStartAfter: true });
      expect(job).toMatchObject({ id, data: { deliveryId: 'roles-test' } });
      await queue.fail(WEBHOOK_DELIVERY_QUEUE.name, id ?? '', { message: 'roles test' });
      expect((await queue.getJobById(WEBHOOK_DELIVERY_QUEUE.name, id ?? '', { includeArchive: false }))?.state).toBe('retry');
      await queue.maintain();
    } finally {
      await queue.stop({ graceful: false, close: false });
    }
  });

  it('tells the owner to rerun the script when a migration has replaced a partition function', async () => {
    const [fn] = await ownerDb.db.execute<{ body: string }>(sql`select pg_get_functiondef('modelgate_drop_event_partitions(date)'::regprocedure) as body`);
    // What a later migration's CREATE OR REPLACE does: the function reverts to SECURITY INVOKER.
    await ownerDb.db.execute(sql.raw(fn!.body.replace(/\s+SECURITY DEFINER/, '').replace(/\s+SET search_path[^\n]*/, '')));
    expect(await roleSetupStale(ownerDb.db)).toBe(true);
    await oldPartition();
    expect((await refusal(maintainEventPartitions(db))).message).toMatch(/must be owner of table prediction_events_/);
  });
});

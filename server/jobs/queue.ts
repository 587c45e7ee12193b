// The durable job queue (pg-boss) on the app's own database handle. pg-boss takes any object with
// executeSql(text, values), so its statements go through our postgres.js pool (on embedded PGlite
// that is the one pooled connection, never a second client) or through a caller's transaction: a
// job sent with `{ db: queueDb(tx) }` exists if and only if that transaction commits.
import 'server-only';
import { param, sql, type SQL } from 'drizzle-orm';
import PgBoss from 'pg-boss';
import type { Database, DbOrTx } from '@/server/db/connect';

/** Statements pg-boss writes with `$n` placeholders, run as Drizzle SQL on a database or transaction. */
export function queueDb(db: DbOrTx): PgBoss.Db {
  return {
    executeSql: async (text: string, values: unknown[] = []) => {
      // Migrations and maintenance come as one "BEGIN; ...; COMMIT;" script: postgres.js runs such a
      // script only on a reserved connection (a pooled one could interleave another query).
      if (/^\s*BEGIN\s*;/i.test(text) && '$client' in db) {
        const connection = await db.$client.reserve();
        try {
          await connection.unsafe(text);
        } finally {
          connection.release();
        }
        return { rows: [] };
      }
      const rows = await db.execute(values.length === 0 ? sql.raw(text) : withParams(text, values));
      return { rows: Array.from(rows as Iterable<Record<string, unknown>>) };
    },
  };
}

function withParams(text: string, values: unknown[]): SQL {
  // split() with a capture group alternates text and placeholder numbers.
  const parts = text.split(/\$(\d+)/);
  const chunks = parts.map((part, i) => (i % 2 === 0 ? sql.raw(part) : sql`${param(asDriverValue(values[Number(part) - 1]))}`));
  return sql.join(chunks, sql.raw(''));
}

/**
 * What the `pg` driver pg-boss is written for would send: objects as JSON text (our client passes
 * json text through untouched), arrays as array literals, dates as ISO text, undefined as null.
 */
function asDriverValue(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return arrayLiteral(value);
  if (typeof value === 'object') return JSON.stringify(value);
  return value;
}

function arrayLiteral(values: unknown[]): string {
  const items = values.map((v) => {
    if (v === null || v === undefined) return 'NULL';
    if (Array.isArray(v)) return arrayLiteral(v);
    const text = v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v);
    return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  });
  return `{${items.join(',')}}`;
}

/** Queue-level defaults; every job may override them when sent. */
export type QueueDefinition = { name: string } & PgBoss.RetryOptions & PgBoss.ExpirationOptions & PgBoss.RetentionOptions;

/**
 * Webhook deliveries: 13 attempts, the n-th retry after 5 s x 2^n (pg-boss's exponential backoff,
 * with jitter up to twice that), so about 6 to 11 hours in all. A run may take a minute before
 * pg-boss's maintenance counts its worker as gone and retries it.
 */
export const WEBHOOK_DELIVERY_QUEUE = { name: 'webhook-delivery', retryLimit: 12, retryDelay: 5, retryBackoff: true, expireInSeconds: 60 } satisfies QueueDefinition;

/** Every queue the app works; created by installJobQueue. */
const JOB_QUEUES: readonly QueueDefinition[] = [WEBHOOK_DELIVERY_QUEUE];

/** A pg-boss instance over `db`. Not started: enough to send jobs; `start()` it to work them. */
export function createQueueClient(db: Database, options: { migrate?: boolean; supervise?: boolean; pollingIntervalSeconds?: number } = {}) {
  return new PgBoss({
    db: queueDb(db),
    migrate: options.migrate ?? true,
    // Cron schedules stay with server/jobs/scheduler.ts; pg-boss only runs queued jobs here.
    schedule: false,
    // Maintenance: fails jobs whose worker died mid-run (so they are retried), archives finished ones.
    supervise: options.supervise ?? true,
    pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
  });
}

/**
 * Installs or upgrades pg-boss's schema with its own migrator, then creates the queues. Runs with
 * the drizzle migrations (npm start, npm run db:migrate, every test database), so an app started
 * with MODELGATE_MIGRATE=0 finds it in place.
 */
export async function installJobQueue(db: Database, queues: readonly QueueDefinition[] = JOB_QUEUES) {
  const boss = createQueueClient(db, { migrate: true, supervise: false });
  await boss.start();
  try {
    for (const queue of queues) {
      if (!(await boss.getQueue(queue.name))) await boss.createQueue(queue.name, { ...queue, policy: 'standard' });
    }
  } finally {
    await boss.stop({ graceful: false, close: false });
  }
}

/** For a start that does not migrate (MODELGATE_MIGRATE=0): refuses a missing or out-of-date queue schema. */
export async function requireJobQueue(db: Database) {
  const boss = createQueueClient(db, { migrate: false, supervise: false });
  try {
    await boss.start(); // pg-boss checks its schema version instead of migrating
  } catch (err) {
    throw new Error(`The job queue's schema (pg-boss) is missing or out of date and MODELGATE_MIGRATE=0 was given: run \`npm run db:migrate\` as the owner role first. (${(err as Error).message})`);
  } finally {
    await boss.stop({ graceful: false, close: false });
  }
}

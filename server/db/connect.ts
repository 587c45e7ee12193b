// Opens a Drizzle database over postgres.js. Used by the app, the scripts and the tests alike,
// so embedded PGlite and real Postgres go through exactly the same driver.
import 'server-only';
import postgres from 'postgres';
import { drizzle } from 'drizzle-orm/postgres-js';
import * as schema from './schema';

/**
 * PGlite is one Postgres backend: pglite-socket multiplexes connections onto it, but interleaved
 * extended-protocol messages from concurrent connections break ("portal does not exist"). One
 * pooled connection serialises statements exactly as PGlite would anyway.
 */
export const EMBEDDED_POOL_MAX = 1;

/**
 * Where a handle's side connections come from, kept on the handle itself under a registered symbol:
 * the handle is shared through globalThis by every server bundle (route handlers, tRPC,
 * instrumentation), and each bundle has its own copy of this module, so module state would be seen
 * by one bundle only.
 */
const SIDE = Symbol.for('modelgate.db.side');

/** Side connections of one handle: opened on demand, kept open between uses (a fresh connection costs
 * a connect and a cold backend, about 0.1 s before the first row of a window), closed with the handle. */
type SidePool = { url: string; idle: postgres.Sql[]; closed: boolean };

/** Side connections kept open between uses, per handle; more at once are opened and closed after. */
const MAX_IDLE_SIDE_CONNECTIONS = 2;
/** A kept side connection closes after this long unused (and opens again on its next use). */
const SIDE_IDLE_SECONDS = 60;
/** How long a side connection may take to answer a ping before it is given up on instead of kept. */
const SIDE_PING_MS = 2_000;

/**
 * The client Drizzle is given: every query with parameters runs as a prepared statement.
 * Drizzle's postgres-js driver sends its queries through `unsafe(..., { prepare: false })` unless a
 * query is built with `.prepare(name)`; postgres.js then asks the server to describe an unnamed
 * statement's parameters before every run, so each query cost two round trips and two parses.
 * Prepared, a query is parsed and described once per connection (postgres.js keeps the statements
 * by text) and then costs one Bind/Execute round trip. Statements without parameters (migrations,
 * DDL) still go through the simple protocol. Transactions and savepoints hand out the same wrapper.
 */
function preparing(sql: postgres.Sql): postgres.Sql {
  return new Proxy(sql, {
    get(target, prop, receiver) {
      if (prop === 'unsafe') {
        return (query: string, args?: postgres.ParameterOrJSON<never>[], options?: postgres.UnsafeQueryOptions) => target.unsafe(query, args, { ...options, prepare: true });
      }
      if (prop === 'begin' || prop === 'savepoint') {
        return (...args: unknown[]) => {
          const work = args.pop() as (tx: postgres.Sql) => unknown;
          const run = (target as unknown as Record<string, (...a: unknown[]) => unknown>)[prop] as (...a: unknown[]) => unknown;
          return run.call(target, ...args, (tx: postgres.Sql) => work(preparing(tx)));
        };
      }
      return Reflect.get(target, prop, receiver);
    },
  });
}

/**
 * How long a connection attempt may take before the request gets a 503: a server that is down
 * refuses at once, one that is unreachable must not hold a request past ~5 s.
 */
const CONNECT_TIMEOUT_SECONDS = 3;

/**
 * Delay before a pooled connection's next connection attempt after failures. postgres.js's default
 * grows as 3^n/100 s up to 20 s and is kept per pool until a connection succeeds, so after a
 * restart of ~10 failed attempts the first requests waited up to 20 s for a server already back.
 * Short and capped: a refused attempt is cheap, and recovery follows the server within ~0.5 s.
 */
const reconnectBackoff = (failures: number) => Math.min(0.05 * 2 ** failures, 0.5);

/** Server-side limits for the app's pool (see server/db/client.ts): a stuck statement or an abandoned transaction ends. */
export type SessionTimeouts = { statementMs: number; idleInTransactionMs: number };

export function connect(url: string, options: { max?: number; timeouts?: SessionTimeouts } = {}) {
  const max = options.max ?? 10;
  const timeouts = options.timeouts ? { statement_timeout: options.timeouts.statementMs, idle_in_transaction_session_timeout: options.timeouts.idleInTransactionMs } : {};
  const client = postgres(url, {
    max,
    onnotice: () => {},
    connect_timeout: CONNECT_TIMEOUT_SECONDS,
    backoff: reconnectBackoff,
    // Prepared statements are planned for each execution's parameters, as unprepared ones were:
    // a generic plan, which Postgres may settle on after five runs, can be far worse for skewed
    // predicates (catalog search: a 4.6 ms generic plan against 1.2 ms for the custom one).
    connection: { application_name: 'modelgate', plan_cache_mode: 'force_custom_plan', ...timeouts },
  });
  const db = drizzle(preparing(client), { schema, casing: 'snake_case' });
  const side: SidePool | null = max > EMBEDDED_POOL_MAX ? { url, idle: [], closed: false } : null;
  if (side) Object.defineProperty(db, SIDE, { value: side, enumerable: false });
  const close = async () => {
    if (side) {
      side.closed = true;
      await Promise.all(side.idle.splice(0).map((s) => s.end({ timeout: 1 }).catch(() => {})));
    }
    await client.end({ timeout: 5 });
  };
  return { db, client, close };
}

/** Whether `db` can open side connections (not a single-connection pool: embedded PGlite serves one
 * connection at a time; not a transaction handle). */
export function hasSideConnection(db: object): boolean {
  return (db as { [SIDE]?: SidePool })[SIDE] !== undefined;
}

/**
 * Runs `work` on a connection of its own, or returns null where there is none to be had (see
 * hasSideConnection). For COPY ... TO STDOUT, which never runs on the pool: postgres.js can leave a
 * connection's socket paused after a COPY stream (porsager/postgres#499, fix pending in #1016), and
 * the next query on it would wait forever. A side connection is kept for the next use only when
 * `work` succeeded and the connection then answers a ping in time; otherwise it is closed.
 */
export async function withSideConnection<T>(db: object, work: (sql: postgres.Sql) => Promise<T>): Promise<T | null> {
  const pool = (db as { [SIDE]?: SidePool })[SIDE];
  if (!pool) return null;
  const side =
    pool.idle.pop() ??
    postgres(pool.url, { max: 1, onnotice: () => {}, connect_timeout: CONNECT_TIMEOUT_SECONDS, idle_timeout: SIDE_IDLE_SECONDS, connection: { application_name: 'modelgate-copy' } });
  let healthy = false;
  try {
    const result = await work(side);
    healthy = await answersPing(side);
    return result;
  } finally {
    if (healthy && !pool.closed && pool.idle.length < MAX_IDLE_SIDE_CONNECTIONS) pool.idle.push(side);
    else await side.end({ timeout: 1 }).catch(() => {});
  }
}

async function answersPing(sql: postgres.Sql): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), SIDE_PING_MS);
  });
  try {
    return await Promise.race([sql`select 1`.then(() => true, () => false), late]);
  } finally {
    clearTimeout(timer);
  }
}

export type Database = ReturnType<typeof connect>['db'];
/** A transaction handle: same query API as the database. */
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];
export type DbOrTx = Database | Tx;

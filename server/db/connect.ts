// Opens a Drizzle database over postgres.js. Used by the app, the scripts and the tests alike,
// so embedded PGlite and real Postgres go through exactly the same driver.
import postgres from 'postgres';
import { drizzle } from 'drizzle-orm/postgres-js';
import * as schema from './schema';

/**
 * PGlite is one Postgres backend: pglite-socket multiplexes connections onto it, but interleaved
 * extended-protocol messages from concurrent connections break ("portal does not exist"). One
 * pooled connection serialises statements exactly as PGlite would anyway.
 */
export const EMBEDDED_POOL_MAX = 1;

export function connect(url: string, options: { max?: number } = {}) {
  const client = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    connection: { application_name: 'modelgate' },
  });
  const db = drizzle(client, { schema, casing: 'snake_case' });
  return { db, client, close: () => client.end({ timeout: 5 }) };
}

export type Database = ReturnType<typeof connect>['db'];
/** A transaction handle: same query API as the database. */
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];
export type DbOrTx = Database | Tx;

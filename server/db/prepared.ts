// Hot reads built once per database handle. Building a Drizzle query (selection, joins, SQL text)
// costs more Node CPU than running it as a prepared statement; for the reads every signature or
// search does, `prepared(db, key, build)` keeps the built query per pool and returns null inside a
// transaction (a built query runs on the pool, not on the transaction's connection), where the
// caller builds the query as usual.
import 'server-only';
import { is } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Database, DbOrTx } from './connect';

const built = new WeakMap<object, Map<string, unknown>>();

export function prepared<T>(db: DbOrTx, key: string, build: (db: Database) => T): T | null {
  if (is(db, PgTransaction)) return null;
  let queries = built.get(db);
  if (!queries) built.set(db, (queries = new Map()));
  let query = queries.get(key) as T | undefined;
  if (query === undefined) {
    query = build(db as Database);
    queries.set(key, query);
  }
  return query;
}

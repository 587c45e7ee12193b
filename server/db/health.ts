// Readiness: a real round trip through the app's pool, so a database that is down, wedged or stuck
// in an aborted session shows as unhealthy (503) instead of as a 500 on every page.
import 'server-only';
import { sql } from 'drizzle-orm';
import type { Database } from './connect';

export async function databaseHealth(db: Database, timeoutMs = 2000): Promise<Response> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    await Promise.race([db.execute(sql`select 1`), timeout]);
    return Response.json({ status: 'ok', database: { ok: true, ms: Math.round(performance.now() - started) } }, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    const code = (err as { code?: unknown; cause?: { code?: unknown } }).cause?.code ?? (err as { code?: unknown }).code;
    const reason = typeof code === 'string' ? code : (err as Error).message;
    return Response.json({ status: 'unavailable', database: { ok: false, reason } }, { status: 503, headers: { 'retry-after': '5', 'cache-control': 'no-store' } });
  } finally {
    clearTimeout(timer);
  }
}

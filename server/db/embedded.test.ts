// Embedded mode keeps its data in a folder: it survives a restart, and a database that already has
// users is never seeded again.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { count } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { connect, EMBEDDED_POOL_MAX } from './connect';
import { startEmbeddedPostgres } from './embedded';
import { runMigrations } from './migrate';
import { users } from './schema';
import { seedDemoIfEmpty } from './seed';

const dir = mkdtempSync(path.join(tmpdir(), 'modelgate-embedded-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function open() {
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pglite') });
  const handle = connect(pg.url, { max: EMBEDDED_POOL_MAX });
  await runMigrations(handle.db, { exclusive: false });
  return { db: handle.db, close: async () => (await handle.close(), await pg.stop()) };
}

describe('embedded database', () => {
  it('keeps data across a restart and seeds the demo workspace only once', async () => {
    const first = await open();
    const seeded = await seedDemoIfEmpty(first.db, { password: 'a-demo-password-1' });
    expect(seeded?.map((u) => u.roles[0])).toEqual(['admin', 'data_scientist', 'approver', 'risk_reviewer', 'ops', 'auditor']);
    await first.close();

    const second = await open();
    expect((await second.db.select({ n: count() }).from(users))[0]?.n).toBe(6);
    expect(await seedDemoIfEmpty(second.db)).toBeNull();
    expect((await second.db.select({ n: count() }).from(users))[0]?.n).toBe(6);
    await second.close();
  }, 120_000); // two cold starts of PGlite, each applying every migration (pg-boss's schema too)
});

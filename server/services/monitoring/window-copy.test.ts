// The COPY window reader on a kept side connection (real Postgres only: embedded PGlite has no side
// connections and reads windows with aggregates). A connection is reused from one read to the next,
// so no read may leave it waiting on a paused socket: a COPY whose last rows fill the stream's
// buffer in the same network read as its end did that (porsager/postgres#499), and the next query
// on the connection never answered.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withSideConnection } from '@/server/db/connect';
import { predictionEvents } from '@/server/db/schema';
import { freshDatabase, serverUrl, type TestDatabase } from '@/server/testing/database';
import { ensureEventPartitions } from './partitions';
import { copyWindow } from './window-copy';

const FEATURES = 20;
const ROWS = 4000;
const deploymentId = randomUUID();
const versionId = randomUUID();
const start = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - 2 * 3_600_000);
/** Event i is at start + i seconds, and its feature f holds i + f / 100 (feature 3 is missing on every 7th). */
const value = (i: number, f: number) => (f === 3 && i % 7 === 0 ? NaN : i + f / 100);

let t: TestDatabase;

describe.skipIf(!serverUrl())('window reads by COPY on a kept side connection', () => {
  beforeAll(async () => {
    t = await freshDatabase();
    await ensureEventPartitions(t.db, [start, new Date(start.getTime() + ROWS * 1000)]);
    for (let from = 0; from < ROWS; from += 1000) {
      const rows = Array.from({ length: 1000 }, (_, k) => {
        const i = from + k;
        return { deploymentId, versionId, ts: new Date(start.getTime() + i * 1000), eventId: `e${i}`, numeric: Float64Array.from({ length: FEATURES }, (_, f) => value(i, f)), categorical: [] };
      });
      await t.db.insert(predictionEvents).values(rows);
    }
  });
  afterAll(async () => t?.close());

  it('reads every window exactly, and each read leaves the connection ready for the next', async () => {
    const pid = async () => (await withSideConnection(t.db, async (side) => (await side<{ pid: number }[]>`select pg_backend_pid() as pid`)[0]?.pid)) ?? null;
    const first = await pid();
    // Windows from empty to the whole table; the ones of a few hundred rows end within the network
    // read that fills the stream's buffer.
    const sizes = [0, 1, 2, 37, ROWS, ...Array.from({ length: 90 }, (_, k) => 90 + k * 7), 1500, 2999, ROWS];
    for (const size of sizes) {
      const offset = size === ROWS ? 0 : (size * 13) % (ROWS - size);
      const from = new Date(start.getTime() + offset * 1000);
      const to = new Date(from.getTime() + size * 1000);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const read = withSideConnection(t.db, (side) => copyWindow(side, { deploymentId, versionId, from, to, numeric: FEATURES, categorical: 0, expected: size, timestamps: true }));
      const window = await Promise.race([read, new Promise<'hung'>((resolve) => (timer = setTimeout(() => resolve('hung'), 10_000)))]);
      clearTimeout(timer);
      if (window === 'hung' || window === null) throw new Error(`the read of ${size} rows ${window === 'hung' ? 'did not finish in 10 s' : 'found no side connection'}`);
      expect(window.count, `rows of a ${size}-row window`).toBe(size);
      // Rows come in any order: compare sorted event numbers and the values that go with them.
      const order = Array.from(window.ts, (ts, r) => ({ i: Math.round((ts - start.getTime()) / 1000), r })).sort((a, b) => a.i - b.i);
      order.forEach(({ i, r }, k) => {
        expect(i).toBe(offset + k);
        for (const f of [0, 3, 19]) expect(Object.is(window.numeric[f]?.[r], value(i, f)), `event ${i} feature ${f}`).toBe(true);
      });
    }
    // One connection served every read (a fresh one per read costs about 0.1 s before the first row).
    expect(await pid()).toBe(first);
  });
});

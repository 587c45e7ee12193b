// One owner for the embedded data folder: a second opener never starts its own PGlite on it; CLI
// commands go through the running owner; a dead owner's lock is taken over; two `npm start` on one
// folder never both own it.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryBus } from '@/server/events/memory-bus';
import { handleIngestion } from '@/server/http/ingest';
import { itemsIn } from '@/server/services/monitoring/batches';
import { ingestEvents } from '@/server/services/monitoring/ingest';
import { eventsRequest, ingestionTarget } from '@/server/testing/ingestion';
import { databaseHealth } from './health';
import { runMigrations } from './migrate';
import { DataFolderInUseError, lockPathOf, openDatabase } from './open';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'modelgate-owner-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

// The CLI scripts exactly as `npm run` starts them, without DATABASE_URL (embedded mode).
const cliEnv = (dataDir: string) => ({ ...process.env, MODELGATE_DATA_DIR: dataDir, DATABASE_URL: '', TEST_DATABASE_URL: '', MODELGATE_SIMULATE: '0', NODE_ENV: 'production' as const });
function runScript(script: string, dataDir: string, extraEnv: Record<string, string> = {}): { child: ChildProcess; done: Promise<{ code: number | null; out: string }> } {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=react-server', script], { env: { ...cliEnv(dataDir), ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  return { child, done: new Promise((resolve) => child.on('exit', (code) => resolve({ code, out }))) };
}

describe('the owner of the embedded folder', () => {
  it('refuses a second owner, serves audit:verify from another process, and keeps serving requests throughout', async () => {
    const dataDir = tempDir();
    const owner = await openDatabase({ dataDir, owner: true, app: 'http://localhost:39999' });
    try {
      await runMigrations(owner.db, { exclusive: false });
      const target = await ingestionTarget(owner.db);
      const bus = createMemoryBus();
      const send = (ids: string[]) => handleIngestion(eventsRequest(target.key, ids), { db: owner.db, bus }, ingestEvents, itemsIn('events'));

      const lock = JSON.parse(readFileSync(lockPathOf(dataDir), 'utf8')) as { pid: number; url: string };
      expect(lock).toMatchObject({ pid: process.pid, url: owner.url });

      // A second owner is refused, naming this one; the folder's files are never opened by it.
      const refused = await openDatabase({ dataDir, owner: true }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(DataFolderInUseError);
      expect((refused as Error).message).toContain(`process ${process.pid}`);
      expect((refused as Error).message).toContain('http://localhost:39999');

      // Any other opener goes through the owner's server.
      const client = await openDatabase({ dataDir });
      expect(client.through?.pid).toBe(process.pid);
      expect(client.url).toBe(owner.url);
      await client.close();

      // audit:verify as its own process while requests keep flowing here.
      const verify = runScript('scripts/audit-verify.ts', dataDir);
      const statuses: number[] = [];
      let batch = 0;
      let finished = false;
      void verify.done.then(() => (finished = true));
      while (!finished) {
        const ids = [`during-${batch}-a`, `during-${batch}-b`];
        batch += 1;
        statuses.push((await send(ids)).status, (await databaseHealth(owner.db)).status);
        await new Promise((r) => setTimeout(r, 20));
      }
      const { code, out } = await verify.done;
      expect(out).toContain(`through the running Modelgate, process ${process.pid}`);
      expect(out).toMatch(/^ok: \d+ events/m);
      expect(code).toBe(0);
      expect(statuses.length).toBeGreaterThan(0);
      expect(statuses.every((s) => s === 200)).toBe(true);

      // And afterwards: ingestion accepts, every acknowledged event is stored once.
      const after = await send(['after-1']);
      expect(after.status).toBe(200);
      expect(await after.json()).toMatchObject({ accepted: 1 });
      const [stored] = (await owner.db.execute(sql`select count(*)::int as n, count(distinct event_id)::int as d from prediction_events where deployment_id = ${target.deploymentId}`)) as unknown as { n: number; d: number }[];
      expect(stored).toEqual({ n: batch * 2 + 1, d: batch * 2 + 1 });
    } finally {
      await owner.close();
    }
    expect(existsSync(lockPathOf(dataDir))).toBe(false);
  }, 120_000);

  it('takes over the lock of a dead owner, and of a pid now used by another process', async () => {
    const dataDir = tempDir();
    const lockPath = lockPathOf(dataDir);
    // A live process holding the lock (written by hand: pid, host, start time unknown).
    const holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    const stale = { pid: holder.pid, host: hostname(), started: null, startedAt: '2026-01-01T00:00:00.000Z', url: 'postgres://postgres:postgres@127.0.0.1:1/postgres', app: null };
    writeFileSync(lockPath, JSON.stringify(stale));
    const refused = await openDatabase({ dataDir, owner: true }).catch((e: unknown) => e);
    expect((refused as Error).message).toContain(`process ${holder.pid}`);

    // Killed without a chance to clean up: its lock stays, naming a dead pid.
    holder.kill('SIGKILL');
    await new Promise((r) => holder.once('exit', r));
    const owner = await openDatabase({ dataDir, owner: true });
    expect(JSON.parse(readFileSync(lockPath, 'utf8'))).toMatchObject({ pid: process.pid, url: owner.url });
    await owner.close();

    // Our own pid, but recorded with another process start time: a reused pid, not the owner.
    writeFileSync(lockPath, JSON.stringify({ ...stale, pid: process.pid, started: '1' }));
    const again = await openDatabase({ dataDir, owner: true });
    expect(JSON.parse(readFileSync(lockPath, 'utf8'))).toMatchObject({ pid: process.pid, url: again.url });
    await again.close();
  }, 120_000);

  it('lets exactly one of two `npm start` on one folder own it; the other refuses, naming it', async () => {
    const dataDir = tempDir();
    const starts = [0, 1].map(() => runScript('scripts/start.ts', dataDir, { PORT: '39998', MODELGATE_SEED: '0' }));
    try {
      // The loser exits at once; the winner goes on migrating (it is stopped below, before it builds).
      const first = await Promise.race(starts.map((s, i) => s.done.then((r) => ({ ...r, i }))));
      const winner = starts[1 - first.i] as (typeof starts)[number];
      expect(first.code).toBe(1);
      expect(first.out).toContain(`Modelgate is already running on ${dataDir}: process ${winner.child.pid}`);
      expect(first.out).toContain('http://localhost:39998');
      expect(JSON.parse(readFileSync(lockPathOf(dataDir), 'utf8'))).toMatchObject({ pid: winner.child.pid });
    } finally {
      for (const s of starts) s.child.kill('SIGKILL');
      await Promise.all(starts.map((s) => s.done));
    }
  }, 120_000);
});

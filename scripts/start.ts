// `npm start`: the whole app in one command. Without DATABASE_URL it serves an embedded PGlite
// database from .data/; then migrates, seeds a demo workspace on an empty database, builds the
// app if needed, and runs `next start`, with a gentle traffic simulator for the demo deployments
// (MODELGATE_SIMULATE=0 turns it off).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { requireMigrated, runMigrations } from '@/server/db/migrate';
import { openDatabase } from '@/server/db/open';
import { ensureSessionSecret } from '@/server/db/secret';
import { seedDemoIfEmpty } from '@/server/db/seed';
import { seedDemoCatalog } from './demo/seed-catalog';
import { seedDemoWorkflows } from '@/server/db/seed-workflows';
import { env } from '@/server/env';
import { prepareDemoSimulators, spawnDemoSimulators, type DemoSimulator } from './simulate/demo';

const started = performance.now();
const port = Number(process.env.PORT ?? 3000);
const NEXT = path.join('node_modules', 'next', 'dist', 'bin', 'next');

/** A fingerprint of everything the build depends on, so a stale .next is rebuilt. */
function sourceStamp(): string {
  const h = createHash('sha256');
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else h.update(`${p}:${statSync(p).mtimeMs}\n`);
    }
  };
  ['app', 'components', 'lib', 'server', 'public'].forEach(walk);
  ['package-lock.json', 'next.config.ts', 'proxy.ts', 'postcss.config.mjs'].forEach((f) => existsSync(f) && h.update(`${f}:${statSync(f).mtimeMs}\n`));
  return h.digest('hex');
}

const BUILD_LOCK = '.next-build.lock';

function buildLockHolderAlive(): boolean {
  const held = statSync(BUILD_LOCK, { throwIfNoEntry: false });
  if (!held) return false;
  let pid = NaN;
  try {
    pid = Number(readFileSync(path.join(BUILD_LOCK, 'pid'), 'utf8'));
  } catch {
    // Just created, its pid not written yet; or left by an older start: trust it for a while.
    return Date.now() - held.mtimeMs < 15 * 60_000;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function ensureBuild() {
  const stampFile = path.join('.next', 'modelgate-build-stamp');
  const stamp = sourceStamp();
  const current = () => existsSync(path.join('.next', 'BUILD_ID')) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp;
  if (current()) return;
  // Instances started together from one checkout build once: mkdir is atomic, the others wait.
  // The lock names its holder, so a build that was interrupted (Ctrl-C) does not hold it.
  let told = false;
  for (;;) {
    try {
      mkdirSync(BUILD_LOCK);
      writeFileSync(path.join(BUILD_LOCK, 'pid'), String(process.pid));
      break;
    } catch {
      if (!buildLockHolderAlive()) {
        rmSync(BUILD_LOCK, { recursive: true, force: true });
        continue;
      }
      if (!told) console.log('Waiting for the build another start is running…');
      told = true;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  try {
    if (current()) return;
    console.log('Building the app (first start, or the code changed)…');
    const result = spawnSync(process.execPath, [NEXT, 'build'], { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
    if (result.status !== 0) throw new Error(`next build failed (exit ${result.status})`);
    writeFileSync(stampFile, stamp);
  } finally {
    rmSync(BUILD_LOCK, { recursive: true, force: true });
  }
}

async function main() {
  // The owner of the embedded folder: a second `npm start` on it is refused, naming this one.
  const database = await openDatabase({ owner: true, port: env.EMBEDDED_DB_PORT, app: `http://localhost:${port}` });
  // The least-privilege app role may not migrate: with MODELGATE_MIGRATE=0 the owner has done it.
  if (env.MODELGATE_MIGRATE) await runMigrations(database.db, { exclusive: !database.embedded });
  else await requireMigrated(database.db);
  const secret = process.env.NEXTAUTH_SECRET || (await ensureSessionSecret(database.db));
  const seeded = process.env.MODELGATE_SEED === '0' ? null : await seedDemoIfEmpty(database.db, { password: process.env.MODELGATE_DEMO_PASSWORD });
  const scientist = seeded?.find((u) => u.roles.includes('data_scientist'));
  if (scientist) {
    const models = await seedDemoCatalog(database.db, { ...scientist, sessionId: null });
    console.log(`Demo catalog: ${models} models with trained TF.js versions and reference datasets.`);
    if (seeded) {
      await seedDemoWorkflows(database.db, seeded);
      console.log('Demo history: credit v2 and iris v1 released to production (signed), credit v3 waiting for signatures, two deployments.');
    }
  }
  // Fresh keys for the demo simulators now, while the database client is open; they start once the app is up.
  let simulators: DemoSimulator[] = [];
  if (process.env.MODELGATE_SIMULATE !== '0') {
    simulators = await prepareDemoSimulators(database.db).catch((err: unknown) => {
      console.error(`Demo traffic simulator not started: ${err instanceof Error ? err.message : String(err)}`);
      return [];
    });
  }
  await database.client.end({ timeout: 5 });

  if (seeded) {
    console.log('\nModelgate demo workspace created. Sign in with any of these (shown only this once):\n');
    for (const u of seeded) console.log(`  ${u.roles.join(', ').padEnd(16)} ${u.email.padEnd(28)} ${u.password}`);
    console.log('');
  }

  await ensureBuild();

  const url = `http://localhost:${port}`;
  const child = spawn(process.execPath, [NEXT, 'start', '-p', String(port)], {
    stdio: ['inherit', 'pipe', 'inherit'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      DATABASE_URL: database.url,
      MODELGATE_EMBEDDED: database.embedded ? '1' : '0',
      NEXTAUTH_SECRET: secret,
      NEXTAUTH_URL: process.env.NEXTAUTH_URL || url,
    },
  });
  let announced = false;
  let simulatorChildren: ChildProcess[] = [];
  child.stdout?.on('data', (chunk: Buffer) => {
    process.stdout.write(chunk);
    if (!announced && /Ready|started server/i.test(chunk.toString())) {
      announced = true;
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(`\nModelgate is ready on ${url} (${database.embedded ? 'embedded database in .data/' : 'Postgres from DATABASE_URL'}; started in ${seconds}s)\n`);
      if (simulators.length > 0) {
        console.log(`Demo traffic: ${simulators.map((s) => s.label).join(' and ')} (MODELGATE_SIMULATE=0 turns it off).\n`);
        simulatorChildren = spawnDemoSimulators(simulators, url);
      }
    }
  });
  const stop = async (code: number) => {
    for (const c of simulatorChildren) c.kill('SIGTERM');
    child.kill('SIGTERM');
    await database.close().catch(() => {});
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  child.on('exit', (code) => void stop(code ?? 0));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

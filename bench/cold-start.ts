// Cold start of `npm start` on an empty data folder: seconds until the sign-in page answers 200.
// Runs twice: with the app already built (the usual restart) and, with --with-build, after
// deleting .next (a fresh clone's first start).
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';

const PORT = Number(process.env.BENCH_PORT ?? 3190);
const withBuild = process.argv.includes('--with-build');

async function once(label: string) {
  const dataDir = `.data/bench-cold-${Date.now()}`;
  const started = performance.now();
  const child = spawn('npm', ['start'], {
    env: { ...process.env, PORT: String(PORT), MODELGATE_DATA_DIR: dataDir, DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let log = '';
  child.stdout.on('data', (c: Buffer) => (log += c.toString()));
  child.stderr.on('data', (c: Buffer) => (log += c.toString()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`npm start exited:\n${log}`);
      try {
        const res = await fetch(`http://localhost:${PORT}/sign-in`);
        if (res.status === 200) break;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    console.log(`${label}: ${((performance.now() - started) / 1000).toFixed(1)} s to first page`);
  } finally {
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
    await new Promise((r) => setTimeout(r, 1500));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (withBuild) {
  rmSync('.next', { recursive: true, force: true });
  await once('empty data folder, no build (fresh clone)');
}
await once('empty data folder, app already built');

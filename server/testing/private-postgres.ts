// A Postgres server of a test's own (initdb + pg_ctl in a temporary folder, on a free port), for
// tests that stop, restart or kill it: the shared server other tests run on is never touched.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export type PrivatePostgres = {
  url: string;
  restart: (mode: 'fast' | 'immediate') => Promise<void>;
  /** An outage of the test's own length: stop, then start again. */
  stop: () => Promise<void>;
  start: () => Promise<void>;
  drop: () => void;
};

function binDir(): string | null {
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
    if (existsSync(path.join(dir, 'initdb'))) return dir;
  } catch {
    // No pg_config on the PATH: look where Debian puts the server.
  }
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) if (existsSync(path.join(root, v, 'bin', 'initdb'))) return path.join(root, v, 'bin');
  return null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Starts one, or says why it cannot (no server binaries; root without a postgres user). */
export async function startPrivatePostgres(): Promise<PrivatePostgres | { unavailable: string }> {
  const bin = binDir();
  if (!bin) return { unavailable: 'no Postgres server binaries (initdb, pg_ctl) on this machine' };
  const dir = mkdtempSync(path.join(tmpdir(), 'modelgate-pg-'));
  const asRoot = process.getuid?.() === 0;
  // Postgres refuses to run as root: as root, run it as the postgres user.
  const run = (cmd: string, args: string[]) => {
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(bin, cmd), ...args]] : [path.join(bin, cmd), args];
    const result = spawnSync(file, argv, { encoding: 'utf8', timeout: 60_000 });
    if (result.status !== 0) throw new Error(`${cmd} failed: ${result.stderr || result.stdout || result.error?.message}`);
  };
  try {
    if (asRoot) {
      const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
      chownSync(dir, uid, gid);
    }
    const data = path.join(dir, 'data');
    run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
    const port = await freePort();
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=40`;
    const ctlArgs = (args: string[]) => ['-D', data, '-l', path.join(dir, 'log'), '-w', '-t', '60', ...args];
    const ctl = (...args: string[]) => run('pg_ctl', ctlArgs(args));
    // Asynchronous: requests keep flowing in this process while the server restarts.
    const ctlAsync = async (...args: string[]) => {
      const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(bin, 'pg_ctl'), ...ctlArgs(args)]] : [path.join(bin, 'pg_ctl'), ctlArgs(args)];
      await promisify(execFile)(file, argv, { timeout: 60_000 });
    };
    ctl('-o', options, 'start');
    let running = true;
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      restart: (mode) => ctlAsync('-m', mode, '-o', options, 'restart'),
      stop: async () => {
        await ctlAsync('-m', 'fast', 'stop');
        running = false;
      },
      start: async () => {
        await ctlAsync('-o', options, 'start');
        running = true;
      },
      drop: () => {
        try {
          if (running) ctl('-m', 'immediate', 'stop');
        } catch {
          // Already down.
        }
        running = false;
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    return { unavailable: `could not start a private Postgres: ${(err as Error).message.split('\n')[0]}` };
  }
}

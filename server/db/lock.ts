// One owner for an embedded database folder, as Postgres's postmaster.pid: a lock file beside the
// folder naming the owning process and the address it serves the database on. PGlite takes no lock
// of its own, and two instances writing one folder corrupt it.
import { hostname } from 'node:os';
import { linkSync, mkdirSync, readFileSync, renameSync, rmdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';

export type LockHolder = {
  pid: number;
  host: string;
  /** /proc start time of the pid (Linux), so a pid reused by another process is not taken for the owner. */
  started: string | null;
  startedAt: string;
  /** postgres:// address of the owner's embedded server; null while it is still opening the folder. */
  url: string | null;
  /** The app the owner serves, when it is `npm start`. */
  app: string | null;
};

export type FolderLock = { path: string; holder: LockHolder; publish: (fields: Partial<Pick<LockHolder, 'url' | 'app'>>) => void; release: () => void };

function procStart(pid: number): string | null {
  try {
    // Field 22 of /proc/<pid>/stat, counted after the parenthesised command name (which may hold spaces).
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

/** Whether the process a lock names still runs. A lock from another host is taken as live: it cannot be checked. */
function holderAlive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const started = procStart(holder.pid);
  return holder.started === null || started === null || started === holder.started;
}

export function readLock(lockPath: string): LockHolder | null {
  try {
    return JSON.parse(readFileSync(lockPath, 'utf8')) as LockHolder;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    // Written whole by link/rename, so unreadable content is damage, not a write in progress.
    return { pid: -1, host: hostname(), started: null, startedAt: '', url: null, app: null };
  }
}

function writeTemp(lockPath: string, holder: LockHolder): string {
  const temp = `${lockPath}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(temp, JSON.stringify(holder), { mode: 0o600 });
  return temp;
}

/** Removes a dead owner's lock, one taker at a time (mkdir is atomic), re-checking it under the guard. */
function removeStale(lockPath: string, seen: LockHolder): void {
  const guard = `${lockPath}.takeover`;
  try {
    mkdirSync(guard);
  } catch {
    // Another taker is at it; a guard left by a taker that died is old.
    const age = Date.now() - (statSync(guard, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if (age > 10_000) rmdirSync(guard);
    return;
  }
  try {
    const now = readLock(lockPath);
    if (now && now.pid === seen.pid && now.startedAt === seen.startedAt && !holderAlive(now)) unlinkSync(lockPath);
  } finally {
    rmdirSync(guard);
  }
}

/**
 * Takes the lock, or returns the live owner holding it. Atomic: the lock file appears complete
 * (written aside, then hard-linked into place, which fails if it exists).
 */
export function acquireFolderLock(lockPath: string, fields: Partial<Pick<LockHolder, 'url' | 'app'>> = {}): FolderLock | { heldBy: LockHolder } {
  const holder: LockHolder = { pid: process.pid, host: hostname(), started: procStart(process.pid), startedAt: new Date().toISOString(), url: null, app: null, ...fields };
  for (let attempt = 0; attempt < 50; attempt++) {
    const temp = writeTemp(lockPath, holder);
    try {
      linkSync(temp, lockPath);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const current = readLock(lockPath);
      if (current && holderAlive(current)) return { heldBy: current };
      if (current) removeStale(lockPath, current);
      continue;
    } finally {
      unlinkSync(temp);
    }
    return ownLock(lockPath, holder);
  }
  throw new Error(`Could not take the lock ${lockPath}: it keeps changing hands.`);
}

function ownLock(lockPath: string, holder: LockHolder): FolderLock {
  const ours = () => {
    const now = readLock(lockPath);
    return now?.pid === holder.pid && now.startedAt === holder.startedAt;
  };
  const release = () => {
    process.off('exit', release);
    try {
      if (ours()) unlinkSync(lockPath);
    } catch {
      // Already gone.
    }
  };
  // Also on a plain process.exit() (a script's last line); a SIGKILL leaves a stale lock for takeover.
  process.on('exit', release);
  return {
    path: lockPath,
    holder,
    publish(fields) {
      Object.assign(holder, fields);
      const temp = writeTemp(lockPath, holder);
      renameSync(temp, lockPath);
    },
    release,
  };
}

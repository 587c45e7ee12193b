// Opens the database the way the app runs: DATABASE_URL when set, otherwise the embedded PGlite
// folder. One process owns the folder (server/db/lock.ts): `npm start` opens it as the owner, and
// every other command (audit:verify, db:migrate, simulate) goes through the owner's server while it
// runs, or opens the folder itself under the same lock when it does not.
import 'server-only';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { env } from '@/server/env';
import { connect, EMBEDDED_POOL_MAX } from './connect';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded';
import { acquireFolderLock, readLock, type LockHolder } from './lock';

const DATA_DIR = path.resolve(env.MODELGATE_DATA_DIR);

/** `npm start` refused: another process owns the data folder. */
export class DataFolderInUseError extends Error {
  constructor(readonly dataDir: string, readonly holder: LockHolder) {
    const where = [holder.app && `serving ${holder.app}`, holder.url && `database at ${new URL(holder.url).host}`].filter(Boolean).join(', ');
    super(
      `Modelgate is already running on ${dataDir}: process ${holder.pid} since ${holder.startedAt}${where ? ` (${where})` : ''}. ` +
        `Stop it first (Ctrl-C in its terminal, or kill ${holder.pid}), or give this one its own folder with MODELGATE_DATA_DIR.`,
    );
  }
}

export const lockPathOf = (dataDir: string) => path.join(dataDir, 'pglite.lock');

/** The owner's address, once it has published it (it opens the folder first). */
async function ownerUrl(lockPath: string, holder: LockHolder): Promise<string | null> {
  for (let waited = 0; waited < 60_000; waited += 200) {
    const now = readLock(lockPath);
    if (!now || now.pid !== holder.pid || now.startedAt !== holder.startedAt) return null; // it went away: try again
    if (now.url) return now.url;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`Modelgate (process ${holder.pid}) holds ${path.dirname(lockPath)} but has not opened its database for a minute.`);
}

/**
 * `owner`: this process serves the folder for others (`npm start`) and refuses if another does.
 * Otherwise the returned `through` names the running owner whose server this connection uses.
 */
export async function openDatabase(options: { port?: number; dataDir?: string; owner?: boolean; app?: string } = {}) {
  if (env.DATABASE_URL) {
    const handle = connect(env.DATABASE_URL, { max: 4 });
    return { ...handle, url: env.DATABASE_URL, embedded: false, through: null as LockHolder | null, close: handle.close };
  }
  const dataDir = options.dataDir ? path.resolve(options.dataDir) : DATA_DIR;
  mkdirSync(dataDir, { recursive: true });
  const lockPath = lockPathOf(dataDir);
  for (;;) {
    const lock = acquireFolderLock(lockPath, { app: options.app ?? null });
    if ('heldBy' in lock) {
      if (options.owner) throw new DataFolderInUseError(dataDir, lock.heldBy);
      const url = await ownerUrl(lockPath, lock.heldBy);
      if (!url) continue;
      const handle = connect(url, { max: EMBEDDED_POOL_MAX });
      return { ...handle, url, embedded: true, through: lock.heldBy as LockHolder | null, close: handle.close };
    }
    let embedded: EmbeddedPostgres;
    try {
      embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pglite'), port: options.port });
    } catch (err) {
      lock.release();
      throw new Error(`Could not open the embedded database in ${dataDir}: ${(err as Error).message}`);
    }
    lock.publish({ url: embedded.url });
    const handle = connect(embedded.url, { max: EMBEDDED_POOL_MAX });
    return {
      ...handle,
      url: embedded.url,
      embedded: true,
      through: null as LockHolder | null,
      close: async () => {
        await handle.close();
        await embedded.stop();
        lock.release();
      },
    };
  }
}

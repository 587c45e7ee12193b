// Opens the database the way the app runs: DATABASE_URL when set, otherwise the embedded PGlite
// folder (for the CLI scripts; the app itself gets a DATABASE_URL from scripts/start.ts).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { env } from '@/server/env';
import { connect, EMBEDDED_POOL_MAX } from './connect';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded';

export const DATA_DIR = path.resolve(env.MODELGATE_DATA_DIR);

export async function openDatabase(options: { port?: number } = {}) {
  let embedded: EmbeddedPostgres | null = null;
  let url = env.DATABASE_URL;
  if (!url) {
    mkdirSync(DATA_DIR, { recursive: true });
    try {
      embedded = await startEmbeddedPostgres({ dataDir: path.join(DATA_DIR, 'pglite'), port: options.port });
    } catch (err) {
      throw new Error(`Could not open the embedded database in ${DATA_DIR} (is Modelgate already running?): ${(err as Error).message}`);
    }
    url = embedded.url;
  }
  const handle = connect(url, { max: embedded ? EMBEDDED_POOL_MAX : 4 });
  return {
    ...handle,
    url,
    embedded: embedded !== null,
    close: async () => {
      await handle.close();
      await embedded?.stop();
    },
  };
}
